import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { topicFollows, topicSupports } from "#db/schema";
import type { SessionUser } from "#app/modules/auth/session.server";
import { isPublicTopic } from "./topic-rows.server";
import type { WriteResult } from "./write-result";

// Supporting and following: one row per person and visible topic, set or taken back.

/** Supports a topic, or takes the support back. The primary key makes parallel clicks count once. */
export async function setSupport(topicId: number, user: SessionUser, on: boolean): Promise<WriteResult<"notFound", { changed: boolean }>> {
  if (!(await isPublicTopic(topicId))) return { ok: false, error: "notFound" };
  const changed = on
    ? await db.insert(topicSupports).values({ topicId, userId: user.id }).onConflictDoNothing().returning({ topicId: topicSupports.topicId })
    : await db
        .delete(topicSupports)
        .where(and(eq(topicSupports.topicId, topicId), eq(topicSupports.userId, user.id)))
        .returning({ topicId: topicSupports.topicId });
  return { ok: true, changed: changed.length > 0 };
}

/** Follows a topic (replies, status changes and answers reach the member), or stops following. */
export async function setFollow(topicId: number, user: SessionUser, on: boolean): Promise<WriteResult<"notFound", { changed: boolean }>> {
  if (!(await isPublicTopic(topicId))) return { ok: false, error: "notFound" };
  const changed = on
    ? await db.insert(topicFollows).values({ topicId, userId: user.id }).onConflictDoNothing().returning({ topicId: topicFollows.topicId })
    : await db
        .delete(topicFollows)
        .where(and(eq(topicFollows.topicId, topicId), eq(topicFollows.userId, user.id)))
        .returning({ topicId: topicFollows.topicId });
  return { ok: true, changed: changed.length > 0 };
}
