import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { topicReplies, topics } from "#db/schema";
import { enqueueTopicSync } from "#search/topic-sync";
import type { SessionUser } from "#app/modules/auth/session.server";
import { decidedValues, resolveFlagsOf } from "./flag-holds.server";
import { logModeration } from "./moderation-log.server";
import { lockReply, lockTopic } from "./topic-rows.server";
import type { WriteResult } from "./write-result";

// The moderation's own actions on a topic. Each runs in one transaction with its log row and the search sync.

/** Approves a guest's topic: from now on it is listed, readable and searchable. */
export async function approveTopic(actor: SessionUser, topicId: number): Promise<WriteResult<"notFound">> {
  return db.transaction(async (tx) => {
    const topic = await lockTopic(tx, topicId);
    if (!topic) return { ok: false, error: "notFound" } as const;
    if (topic.approvedAt) return { ok: true } as const;
    await tx.update(topics).set({ approvedAt: new Date(), approvedBy: actor.id, updatedAt: new Date() }).where(eq(topics.id, topicId));
    await logModeration(tx, { actorId: actor.id, action: "approve", topicId });
    await enqueueTopicSync(tx, topicId);
    return { ok: true } as const;
  });
}

/**
 * Hides or shows again the topic (replyId null) or one of its replies. A hidden post is shown as
 * "ausgeblendet: <reason>" to everyone but coordinators and leaves search. A reply id of another
 * topic changes nothing. A post held by flags is decided on: hidden for good or shown again, and
 * its open flags are resolved.
 */
export async function setHidden(actor: SessionUser, topicId: number, replyId: string | null, hidden: boolean, reason: string): Promise<WriteResult<"notFound" | "replyUnknown">> {
  return db.transaction(async (tx) => {
    const topic = await lockTopic(tx, topicId);
    if (!topic) return { ok: false, error: "notFound" } as const;
    const values = decidedValues(actor, hidden, reason);
    const reply = replyId ? await lockReply(tx, topicId, replyId) : null;
    if (replyId && !reply) return { ok: false, error: "replyUnknown" } as const;
    const post = reply ?? topic;
    if ((post.hiddenAt !== null) === hidden && !post.hiddenByFlags) return { ok: true } as const;
    if (reply) await tx.update(topicReplies).set(values).where(eq(topicReplies.id, reply.id));
    else
      await tx
        .update(topics)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(topics.id, topicId));
    const resolvedFlags = post.hiddenByFlags ? await resolveFlagsOf(tx, actor, topicId, replyId) : 0;
    await logModeration(tx, {
      actorId: actor.id,
      action: hidden ? "hide" : "unhide",
      topicId,
      replyId,
      reason,
      detail: post.hiddenByFlags ? { heldByFlags: "true", resolvedFlags: String(resolvedFlags) } : {},
    });
    await enqueueTopicSync(tx, topicId);
    return { ok: true } as const;
  });
}

/** Locks a topic against new replies, or opens it again. */
export async function setLocked(actor: SessionUser, topicId: number, locked: boolean, reason: string): Promise<WriteResult<"notFound">> {
  return db.transaction(async (tx) => {
    const topic = await lockTopic(tx, topicId);
    if (!topic) return { ok: false, error: "notFound" } as const;
    if ((topic.lockedAt !== null) === locked) return { ok: true } as const;
    await tx
      .update(topics)
      .set({ lockedAt: locked ? new Date() : null, updatedAt: new Date() })
      .where(eq(topics.id, topicId));
    await logModeration(tx, { actorId: actor.id, action: locked ? "lock" : "unlock", topicId, reason });
    return { ok: true } as const;
  });
}
