import type { Executor } from "#db/client";
import type { Refusal } from "#app/utils/http";
import { consumeRateLimit, type RateLimit } from "#app/utils/rate-limit.server";

/**
 * Rate limits. Members: 10 topics, then one every 6 minutes; 30 replies, then one every 20 seconds.
 * Guests: 5 topics per address, then one every 10 minutes, and 3 per e-mail address, then one every
 * 20 minutes. Every address (members' too): 30 topics, then one every 2 minutes, so that many
 * accounts behind one address cannot flood the forum either.
 */
export const TOPIC_LIMITS = {
  member: { capacity: 10, refillPerSecond: 1 / 360 },
  guestAddress: { capacity: 5, refillPerSecond: 1 / 600 },
  guestEmail: { capacity: 3, refillPerSecond: 1 / 1200 },
  anyAddress: { capacity: 30, refillPerSecond: 1 / 120 },
  reply: { capacity: 30, refillPerSecond: 1 / 20 },
  // Each flag reaches every coordinator by mail: 10, then one a minute per person.
  flag: { capacity: 10, refillPerSecond: 1 / 60 },
} satisfies Record<string, RateLimit>;

/** Takes a token from every bucket; refused with the longest wait when any of them is empty. */
export async function throttle(executor: Executor, buckets: [string, RateLimit][]): Promise<Refusal<"throttled"> | null> {
  let wait = 0;
  for (const [key, limit] of buckets) {
    const result = await consumeRateLimit(executor, key, limit);
    if (!result.allowed) wait = Math.max(wait, result.retryAfterSeconds);
  }
  return wait > 0 ? { ok: false, error: "throttled", retryAfterSeconds: wait } : null;
}
