import { eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { rateLimitBuckets, sessions } from "#db/schema";
import { consumeRateLimit } from "#app/utils/rate-limit.server";
import { createTestUser, sessionCookieFor } from "#test/factories";
import { pruneExpired } from "./maintenance.server";

describe("daily clean-up", () => {
  test("removes ended sessions and old buckets, and keeps live ones", async () => {
    const user = await createTestUser();
    await sessionCookieFor(user.id);
    await sessionCookieFor(user.id);
    const [first] = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.idHash, first!.idHash));
    await consumeRateLimit(db, "prune:old", { capacity: 1, refillPerSecond: 1 });
    await consumeRateLimit(db, "prune:new", { capacity: 1, refillPerSecond: 1 });
    await consumeRateLimit(db, "prune:just-outside", { capacity: 1, refillPerSecond: 1 });
    await consumeRateLimit(db, "prune:just-inside", { capacity: 1, refillPerSecond: 1 });
    await db.execute(sql`update rate_limit_buckets set updated_at = now() - interval '2 days' where key = 'prune:old'`);
    // The period (RETENTION.throttleDays, one day), an hour on either side of its end.
    await db.execute(sql`update rate_limit_buckets set updated_at = now() - interval '25 hours' where key = 'prune:just-outside'`);
    await db.execute(sql`update rate_limit_buckets set updated_at = now() - interval '23 hours' where key = 'prune:just-inside'`);

    const removed = await pruneExpired(db);
    expect(removed.sessions).toBe(1);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1);
    expect((await db.select().from(rateLimitBuckets)).map((bucket) => bucket.key).sort()).toEqual(["prune:just-inside", "prune:new"]);
  });
});
