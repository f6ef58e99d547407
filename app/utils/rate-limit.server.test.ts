import { sql } from "drizzle-orm";
import { db } from "#db/client";
import { consumeRateLimit, resetRateLimit } from "./rate-limit.server";

const LIMIT = { capacity: 3, refillPerSecond: 1 / 60 };

describe("token bucket in PostgreSQL", () => {
  test("allows the capacity, then tells how long to wait", async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit(db, "bucket:a", LIMIT));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  test("parallel attempts share one count", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => consumeRateLimit(db, "bucket:parallel", LIMIT)));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
  });

  test("refills with time, so nobody is locked out for good", async () => {
    for (let i = 0; i < 5; i++) await consumeRateLimit(db, "bucket:refill", LIMIT);
    expect((await consumeRateLimit(db, "bucket:refill", LIMIT)).allowed).toBe(false);
    await db.execute(sql`update rate_limit_buckets set updated_at = updated_at - interval '2 minutes' where key = 'bucket:refill'`);
    expect((await consumeRateLimit(db, "bucket:refill", LIMIT)).allowed).toBe(true);
  });

  test("a reset empties the record", async () => {
    for (let i = 0; i < 4; i++) await consumeRateLimit(db, "bucket:reset", LIMIT);
    await resetRateLimit(db, "bucket:reset");
    expect((await consumeRateLimit(db, "bucket:reset", LIMIT)).allowed).toBe(true);
  });
});
