import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { topicReplies, topics } from "#db/schema";
import { enqueueTopicSync } from "#search/topic-sync";
import type { SessionUser } from "#app/modules/auth/session.server";
import type { PostRefusal } from "#app/modules/posting/posting-limits";
import { refuseByContent, refuseNewPost, rememberPost } from "#app/modules/posting/posting-rules.server";
import { recordTopicEvent } from "./events.server";
import { mayAnswerFor } from "./reply-partners.server";
import { throttle, TOPIC_LIMITS } from "./topic-limits.server";
import { lockPublicTopic } from "./topic-rows.server";
import type { WriteResult } from "./write-result";

/**
 * A member's reply: by name, as "anonym", or in the name of a partner they are an editor of.
 * Locked topics take none. The author of an anonymous topic replies anonymously there (a reply by
 * name would give them away). The event for the author and followers is recorded in the same
 * transaction (without the actor when the reply is anonymous).
 */
export async function replyToTopic(
  topicId: number,
  user: SessionUser,
  input: { body: string; postAs: string },
): Promise<WriteResult<"notFound" | "locked" | "partnerOnAnonymousTopic" | "invalidPartner" | "throttled" | PostRefusal, { replyId: string }>> {
  const partnerId = input.postAs !== "name" && input.postAs !== "anonym" ? input.postAs : null;
  return db.transaction(async (tx) => {
    const topic = await lockPublicTopic(tx, topicId);
    if (!topic) return { ok: false, error: "notFound" } as const;
    const anonymous = input.postAs === "anonym" || (!partnerId && topic.anonymous && topic.authorId === user.id);
    if (topic.lockedAt) return { ok: false, error: "locked" } as const;
    // On their own anonymous topic the author answers in no partner's name: it would tie them to the partner.
    if (partnerId && topic.anonymous && topic.authorId === user.id) return { ok: false, error: "partnerOnAnonymousTopic" } as const;
    if (partnerId && !(await mayAnswerFor(tx, user.id, partnerId))) return { ok: false, error: "invalidPartner" } as const;
    const refused = await refuseNewPost(tx, { userId: user.id }, input.body);
    if (refused) return refused;
    const throttled = await throttle(tx, [[`open-mic-reply:user:${user.id}`, TOPIC_LIMITS.reply]]);
    if (throttled) return throttled;
    const repeated = await rememberPost(tx, { userId: user.id }, input.body);
    if (repeated) return repeated;
    const now = new Date();
    const [reply] = await tx.insert(topicReplies).values({ topicId, authorId: user.id, anonymous, partnerId, body: input.body, createdAt: now }).returning({ id: topicReplies.id });
    await tx.update(topics).set({ lastActivityAt: now, updatedAt: now }).where(eq(topics.id, topicId));
    await recordTopicEvent(tx, { topicId, kind: "reply", replyId: reply!.id, actorId: anonymous ? null : user.id });
    await enqueueTopicSync(tx, topicId);
    return { ok: true, replyId: reply!.id } as const;
  });
}

/** Corrects one's own reply (visible, topic open); marked as edited. */
export async function editReply(topicId: number, user: SessionUser, replyId: string, body: string): Promise<WriteResult<"notFound" | "forbidden" | "hidden" | "locked" | PostRefusal>> {
  return db.transaction(async (tx) => {
    const topic = await lockPublicTopic(tx, topicId);
    if (!topic) return { ok: false, error: "notFound" } as const;
    const [reply] = await tx
      .select({ authorId: topicReplies.authorId, body: topicReplies.body, hiddenAt: topicReplies.hiddenAt })
      .from(topicReplies)
      .where(and(eq(topicReplies.id, replyId), eq(topicReplies.topicId, topicId)));
    if (!reply) return { ok: false, error: "notFound" } as const;
    if (reply.authorId !== user.id) return { ok: false, error: "forbidden" } as const;
    if (reply.hiddenAt) return { ok: false, error: "hidden" } as const;
    if (topic.lockedAt) return { ok: false, error: "locked" } as const;
    if (reply.body === body) return { ok: true } as const;
    const refused = await refuseByContent(tx, { userId: user.id }, body);
    if (refused) return refused;
    const now = new Date();
    await tx.update(topicReplies).set({ body, editedAt: now }).where(eq(topicReplies.id, replyId));
    await tx.update(topics).set({ updatedAt: now }).where(eq(topics.id, topicId));
    await enqueueTopicSync(tx, topicId);
    return { ok: true } as const;
  });
}
