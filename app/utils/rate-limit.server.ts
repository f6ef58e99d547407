import { sql } from "drizzle-orm";
import type { Executor } from "#db/client";

export type RateLimit = { capacity: number; refillPerSecond: number };
export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

/**
 * Takes one token from the bucket named by key, refilling it for the time since its last use. One
 * atomic statement, so parallel requests and several app processes share the count; a bucket
 * always refills, so nobody is locked out for good.
 */
export async function consumeRateLimit(executor: Executor, key: string, limit: RateLimit): Promise<RateLimitResult> {
  const refilled = sql`least(${limit.capacity}::float8, rate_limit_buckets.tokens + extract(epoch from now() - rate_limit_buckets.updated_at) * ${limit.refillPerSecond}::float8)`;
  const rows = await executor.execute<{ tokens: number; last_allowed: boolean }>(sql`
    insert into rate_limit_buckets (key, tokens, last_allowed, updated_at)
    values (${key}, ${limit.capacity - 1}::float8, true, now())
    on conflict (key) do update set
      tokens = case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end,
      last_allowed = ${refilled} >= 1,
      updated_at = now()
    returning tokens, last_allowed`);
  const row = rows[0]!;
  if (row.last_allowed) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - row.tokens) / limit.refillPerSecond)) };
}

/** Empties the record of a key, e.g. an account's failed sign-ins after a successful one. */
export async function resetRateLimit(executor: Executor, key: string): Promise<void> {
  await executor.execute(sql`delete from rate_limit_buckets where key = ${key}`);
}
