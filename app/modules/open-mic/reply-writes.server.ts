import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { topicReplies, topics } from "#db/schema";
import { enqueueTopicSync } from "#search/topic-sync";
import type { SessionUser } from "#app/modules/auth/session.server";
import type { PostRefusal } from "#app/modules/posting/posting-limits";
import { refuseByContent, refuseNewPost, rememberPost } from "#app/modules/posting/posting-rules.server";
import { DEFAULT_LANGUAGE } from "#app/utils/i18n";
import { recordTopicEvent } from "./events.server";
import { postLanguage } from "./post-language.server";
import { mayAnswerFor } from "./reply-partners.server";
import { throttle, TOPIC_LIMITS } from "./topic-limits.server";
import { lockPublicTopic } from "./topic-rows.server";
import type { WriteResult } from "./write-result";

/**
 * A member's reply: by name, as "anonym", or in the name of a partner they are an editor of.
 * Locked topics take none. The author of an anonymous topic replies anonymously there (a reply by
 * name would give them away). The event for the author and followers is recorded in the same
 * transaction (without the actor when the reply is anonymous). Its language is the chosen one, else
 * detected, else the language of the page it was written on.
 */
export async function replyToTopic(
  topicId: number,
  user: SessionUser,
  input: { body: string; postAs: string; language?: string | null },
  pageLanguage = DEFAULT_LANGUAGE,
): Promise<WriteResult<"notFound" | "locked" | "partnerOnAnonymousTopic" | "invalidPartner" | "throttled" | PostRefusal, { replyId: string }>> {
  const partnerId = input.postAs !== "name" && input.postAs !== "anonym" ? input.postAs : null;
  const language = await postLanguage(input.language, input.body, pageLanguage);
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
    const [reply] = await tx.insert(topicReplies).values({ topicId, authorId: user.id, anonymous, partnerId, body: input.body, language, createdAt: now }).returning({ id: topicReplies.id });
    await tx.update(topics).set({ lastActivityAt: now, updatedAt: now }).where(eq(topics.id, topicId));
    await recordTopicEvent(tx, { topicId, kind: "reply", replyId: reply!.id, actorId: anonymous ? null : user.id });
    await enqueueTopicSync(tx, topicId);
    return { ok: true, replyId: reply!.id } as const;
  });
}

/** Corrects one's own reply (visible, topic open); marked as edited. The language may change with it, as for a topic. */
export async function editReply(
  topicId: number,
  user: SessionUser,
  replyId: string,
  body: string,
  chosenLanguage: string | null = null,
): Promise<WriteResult<"notFound" | "forbidden" | "hidden" | "locked" | PostRefusal>> {
  return db.transaction(async (tx) => {
    const topic = await lockPublicTopic(tx, topicId);
    if (!topic) return { ok: false, error: "notFound" } as const;
    const [reply] = await tx
      .select({ authorId: topicReplies.authorId, body: topicReplies.body, hiddenAt: topicReplies.hiddenAt, language: topicReplies.language })
      .from(topicReplies)
      .where(and(eq(topicReplies.id, replyId), eq(topicReplies.topicId, topicId)));
    if (!reply) return { ok: false, error: "notFound" } as const;
    if (reply.authorId !== user.id) return { ok: false, error: "forbidden" } as const;
    if (reply.hiddenAt) return { ok: false, error: "hidden" } as const;
    if (topic.lockedAt) return { ok: false, error: "locked" } as const;
    const language = await postLanguage(chosenLanguage, body, reply.language);
    if (reply.body === body) {
      // Only the language named anew: no correction of the text, so not marked as edited.
      if (language !== reply.language) await tx.update(topicReplies).set({ language }).where(eq(topicReplies.id, replyId));
      return { ok: true } as const;
    }
    const refused = await refuseByContent(tx, { userId: user.id }, body);
    if (refused) return refused;
    const now = new Date();
    await tx.update(topicReplies).set({ body, language, editedAt: now }).where(eq(topicReplies.id, replyId));
    await tx.update(topics).set({ updatedAt: now }).where(eq(topics.id, topicId));
    await enqueueTopicSync(tx, topicId);
    return { ok: true } as const;
  });
}
