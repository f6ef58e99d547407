import { lt, or } from "drizzle-orm";
import type { Database } from "#db/client";
import { rateLimitBuckets, sessions, userTokens } from "#db/schema";
import { daysBefore, RETENTION } from "#app/modules/privacy/retention-periods";

/** Deletes ended sessions, used-up links and buckets that have long refilled; run daily by the job queue (with the rest of the retention rules: privacy/retention.server.ts). */
export async function pruneExpired(db: Database): Promise<{ sessions: number; tokens: number; buckets: number }> {
  const now = new Date();
  const endedSessions = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.absoluteExpiresAt, now)))
    .returning({ id: sessions.idHash });
  const endedTokens = await db.delete(userTokens).where(lt(userTokens.expiresAt, now)).returning({ id: userTokens.tokenHash });
  // Every bucket refills within a day, so an older one holds nothing worth keeping.
  const oldBuckets = await db
    .delete(rateLimitBuckets)
    .where(lt(rateLimitBuckets.updatedAt, daysBefore(now, RETENTION.throttleDays)))
    .returning({ key: rateLimitBuckets.key });
  return { sessions: endedSessions.length, tokens: endedTokens.length, buckets: oldBuckets.length };
}
