import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { topicFollows, topics, topicStatusChanges } from "#db/schema";
import { enqueueTopicSync } from "#search/topic-sync";
import type { SessionUser } from "#app/modules/auth/session.server";
import type { PostRefusal } from "#app/modules/posting/posting-limits";
import { refuseByContent, refuseNewPost, rememberPost, type PostAuthor } from "#app/modules/posting/posting-rules.server";
import { DEFAULT_LANGUAGE } from "#app/utils/i18n";
import type { RateLimit } from "#app/utils/rate-limit.server";
import { isBannedAddress } from "./bans.server";
import { recordTopicEvent } from "./events.server";
import { postLanguage } from "./post-language.server";
import { throttle, TOPIC_LIMITS } from "./topic-limits.server";
import { lockPublicTopic } from "./topic-rows.server";
import type { WriteResult } from "./write-result";

// The author's writes to the topic itself: raising it, and correcting it while nobody has answered.

/** A new topic; `language` is the author's choice of the text's language (null or left out: detect it). */
export type NewTopicInput = {
  title: string;
  body: string;
  categoryId: string;
  town: string | null;
  anonymous: boolean;
  guestName: string | null;
  guestEmail: string | null;
  language?: string | null;
};

/**
 * Raises a topic. A member's is public at once (and followed by them); a guest's waits for a
 * coordinator's approval, and the queue hears of it through a "submitted" event. The text's
 * language is the chosen one or detected, else the page's; a guest's mails go out in the page's
 * language (`pageLanguage`, the language of the page the form was sent from).
 */
export async function createTopic(
  input: NewTopicInput,
  author: { user: SessionUser | null; clientAddress: string; pageLanguage?: string },
): Promise<WriteResult<"banned" | "throttled" | PostRefusal, { topicId: number; approved: boolean }>> {
  const { user, clientAddress, pageLanguage = DEFAULT_LANGUAGE } = author;
  const guestEmail = user ? null : (input.guestEmail?.trim().toLowerCase() ?? null);
  if (await isBannedAddress(guestEmail)) return { ok: false, error: "banned" };
  const language = await postLanguage(input.language, `${input.title}\n\n${input.body}`, pageLanguage);
  const writer: PostAuthor = user ? { userId: user.id } : { guestEmail, clientAddress };
  return db.transaction(async (tx) => {
    const refused = await refuseNewPost(tx, writer, input.body);
    if (refused) return refused;
    const buckets: [string, RateLimit][] = user
      ? [[`open-mic-topic:user:${user.id}`, TOPIC_LIMITS.member]]
      : [
          [`open-mic-topic:guest-address:${clientAddress}`, TOPIC_LIMITS.guestAddress],
          ...(guestEmail ? [[`open-mic-topic:guest-email:${guestEmail}`, TOPIC_LIMITS.guestEmail] as [string, RateLimit]] : []),
        ];
    const throttled = await throttle(tx, [...buckets, [`open-mic-topic:address:${clientAddress}`, TOPIC_LIMITS.anyAddress]]);
    if (throttled) return throttled;
    const repeated = await rememberPost(tx, writer, input.body);
    if (repeated) return repeated;
    const now = new Date();
    const [topic] = await tx
      .insert(topics)
      .values({
        title: input.title,
        body: input.body,
        categoryId: input.categoryId,
        town: input.town,
        authorId: user?.id ?? null,
        anonymous: user ? input.anonymous : false,
        guestName: user ? null : input.guestName,
        guestEmail,
        guestLanguage: user ? null : pageLanguage,
        language,
        approvedAt: user ? now : null,
        lastActivityAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: topics.id });
    const topicId = topic!.id;
    if (user) {
      await tx.insert(topicFollows).values({ topicId, userId: user.id }).onConflictDoNothing();
      await enqueueTopicSync(tx, topicId);
    } else {
      await recordTopicEvent(tx, { topicId, kind: "submitted" });
    }
    return { ok: true, topicId, approved: Boolean(user) } as const;
  });
}

/**
 * Corrects one's own topic while nobody of the coordination has answered it yet. The language may
 * change with it: the chosen one, else detected from the new text, else the one it had.
 */
export async function editTopic(
  topicId: number,
  user: SessionUser,
  input: { title: string; body: string; language?: string | null },
): Promise<WriteResult<"notFound" | "forbidden" | "locked" | "answered" | PostRefusal>> {
  return db.transaction(async (tx) => {
    const topic = await lockPublicTopic(tx, topicId);
    if (!topic) return { ok: false, error: "notFound" } as const;
    if (topic.authorId !== user.id) return { ok: false, error: "forbidden" } as const;
    if (topic.lockedAt) return { ok: false, error: "locked" } as const;
    const [answered] = await tx.select({ id: topicStatusChanges.id }).from(topicStatusChanges).where(eq(topicStatusChanges.topicId, topicId)).limit(1);
    if (answered) return { ok: false, error: "answered" } as const;
    const refused = await refuseByContent(tx, { userId: user.id }, input.body);
    if (refused) return refused;
    const now = new Date();
    const language = await postLanguage(input.language, `${input.title}\n\n${input.body}`, topic.language);
    await tx.update(topics).set({ title: input.title, body: input.body, language, editedAt: now, updatedAt: now }).where(eq(topics.id, topicId));
    await enqueueTopicSync(tx, topicId);
    return { ok: true } as const;
  });
}
