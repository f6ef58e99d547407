import { eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { topicFollows, topics, topicSupports } from "#db/schema";
import { enqueueTopicSync } from "#search/topic-sync";
import type { SessionUser } from "#app/modules/auth/session.server";
import { logModeration } from "./moderation-log.server";
import { lockTopic } from "./topic-rows.server";
import type { WriteResult } from "./write-result";

/**
 * Merges a duplicate into the topic that is kept: the duplicate points to it (and leaves lists and
 * search), topics merged into the duplicate before now point to the kept one, and the duplicate's
 * supporters and followers carry over. The kept topic must be another approved, visible topic that
 * was not merged itself.
 */
export async function mergeTopic(actor: SessionUser, duplicateId: number, keptId: number, reason: string): Promise<WriteResult<"notFound" | "alreadyMerged" | "mergeSelf" | "mergeTarget">> {
  return db.transaction(async (tx) => {
    const duplicate = await lockTopic(tx, duplicateId);
    if (!duplicate) return { ok: false, error: "notFound" } as const;
    if (duplicate.mergedIntoId !== null) return { ok: false, error: "alreadyMerged" } as const;
    if (keptId === duplicateId) return { ok: false, error: "mergeSelf" } as const;
    const kept = await lockTopic(tx, keptId);
    if (!kept || !kept.approvedAt || kept.hiddenAt || kept.mergedIntoId !== null) return { ok: false, error: "mergeTarget" } as const;
    const now = new Date();
    await tx.update(topics).set({ mergedIntoId: keptId, updatedAt: now }).where(eq(topics.id, duplicateId));
    const earlier = await tx.update(topics).set({ mergedIntoId: keptId, updatedAt: now }).where(eq(topics.mergedIntoId, duplicateId)).returning({ id: topics.id });
    await tx.execute(
      sql`insert into ${topicSupports} (topic_id, user_id, created_at) select ${keptId}, user_id, created_at from ${topicSupports} where topic_id = ${duplicateId} on conflict do nothing`,
    );
    await tx.execute(
      sql`insert into ${topicFollows} (topic_id, user_id, created_at) select ${keptId}, user_id, created_at from ${topicFollows} where topic_id = ${duplicateId} on conflict do nothing`,
    );
    await tx.update(topics).set({ updatedAt: now }).where(eq(topics.id, keptId));
    await logModeration(tx, { actorId: actor.id, action: "merge", topicId: duplicateId, reason, detail: { keptId: String(keptId) } });
    for (const id of [duplicateId, keptId, ...earlier.map((row) => row.id)]) await enqueueTopicSync(tx, id);
    return { ok: true } as const;
  });
}
