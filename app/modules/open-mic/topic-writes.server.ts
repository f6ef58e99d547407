import { and, eq, isNull, sql } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { bannedAddresses, partnerMembers, partners, topicFlags, topicFollows, topicReplies, topicStatusChanges, topicSupports, topics, type FlagReason } from "#db/schema";
import type { SessionUser } from "#app/modules/auth/session.server";
import { consumeRateLimit, type RateLimit } from "#app/utils/rate-limit.server";
import { recordTopicEvent } from "./events.server";
import { publicTopic } from "./topics.server";
import { enqueueTopicSync } from "#search/topic-sync";

export type TopicWriteError = "notFound" | "forbidden" | "locked" | "hidden" | "answered" | "throttled" | "banned" | "invalidPartner" | "partnerOnAnonymousTopic";
export type TopicWriteResult<T = object> = ({ ok: true } & T) | { ok: false; error: TopicWriteError; retryAfterSeconds?: number };

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

type Refusal = { ok: false; error: TopicWriteError; retryAfterSeconds?: number };

async function throttle(executor: Executor, buckets: [string, RateLimit][]): Promise<Refusal | null> {
  let wait = 0;
  for (const [key, limit] of buckets) {
    const result = await consumeRateLimit(executor, key, limit);
    if (!result.allowed) wait = Math.max(wait, result.retryAfterSeconds);
  }
  return wait > 0 ? { ok: false, error: "throttled", retryAfterSeconds: wait } : null;
}


/** A visible topic, locked for the rest of the transaction; held-back, hidden and merged ones are not found. */
async function lockPublicTopic(tx: Executor, topicId: number) {
  const [topic] = await tx
    .select({ id: topics.id, authorId: topics.authorId, anonymous: topics.anonymous, lockedAt: topics.lockedAt, status: topics.status })
    .from(topics)
    .where(and(eq(topics.id, topicId), publicTopic))
    .for("update");
  return topic ?? null;
}

// ---------------------------------------------------------------------------------------------
// Raising a topic

export type NewTopicInput = { title: string; body: string; categoryId: string; town: string | null; anonymous: boolean; guestName: string | null; guestEmail: string | null };

/** Whether a guest's address may no longer post (compared in lower case). */
export async function isBannedAddress(email: string | null): Promise<boolean> {
  if (!email) return false;
  const [row] = await db.select({ email: bannedAddresses.email }).from(bannedAddresses).where(eq(bannedAddresses.email, email.trim().toLowerCase()));
  return Boolean(row);
}

/**
 * Raises a topic. A member's is public at once (and followed by them); a guest's waits for a
 * coordinator's approval, and the queue hears of it through a "submitted" event.
 */
export async function createTopic(input: NewTopicInput, author: { user: SessionUser | null; clientAddress: string }): Promise<TopicWriteResult<{ topicId: number; approved: boolean }>> {
  const { user, clientAddress } = author;
  const guestEmail = user ? null : (input.guestEmail?.trim().toLowerCase() ?? null);
  if (await isBannedAddress(guestEmail)) return { ok: false, error: "banned" };
  return db.transaction(async (tx) => {
    const buckets: [string, RateLimit][] = user
      ? [[`open-mic-topic:user:${user.id}`, TOPIC_LIMITS.member]]
      : [[`open-mic-topic:guest-address:${clientAddress}`, TOPIC_LIMITS.guestAddress], ...(guestEmail ? [[`open-mic-topic:guest-email:${guestEmail}`, TOPIC_LIMITS.guestEmail] as [string, RateLimit]] : [])];
    const throttled = await throttle(tx, [...buckets, [`open-mic-topic:address:${clientAddress}`, TOPIC_LIMITS.anyAddress]]);
    if (throttled) return throttled;
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
    return { ok: true, topicId, approved: Boolean(user) };
  });
}

// ---------------------------------------------------------------------------------------------
// Replies

/** Whether the member is an editor of this (active) partner, and so may answer in its name. */
async function mayAnswerFor(executor: Executor, userId: string, partnerId: string): Promise<boolean> {
  const [row] = await executor
    .select({ id: partners.id })
    .from(partnerMembers)
    .innerJoin(partners, eq(partners.id, partnerMembers.partnerId))
    .where(and(eq(partnerMembers.partnerId, partnerId), eq(partnerMembers.userId, userId), eq(partnerMembers.role, "editor"), eq(partners.status, "active")));
  return Boolean(row);
}

/**
 * A member's reply: by name, as "anonym", or in the name of a partner they are an editor of.
 * Locked topics take none. The author of an anonymous topic replies anonymously there (a reply by
 * name would give them away). The event for the author and followers is recorded in the same
 * transaction (without the actor when the reply is anonymous).
 */
export async function replyToTopic(topicId: number, user: SessionUser, input: { body: string; postAs: string }): Promise<TopicWriteResult<{ replyId: string }>> {
  const partnerId = input.postAs !== "name" && input.postAs !== "anonym" ? input.postAs : null;
  return db.transaction(async (tx) => {
    const topic = await lockPublicTopic(tx, topicId);
    if (!topic) return { ok: false, error: "notFound" } as const;
    const anonymous = input.postAs === "anonym" || (!partnerId && topic.anonymous && topic.authorId === user.id);
    if (topic.lockedAt) return { ok: false, error: "locked" } as const;
    // On their own anonymous topic the author answers in no partner's name: it would tie them to the partner.
    if (partnerId && topic.anonymous && topic.authorId === user.id) return { ok: false, error: "partnerOnAnonymousTopic" } as const;
    if (partnerId && !(await mayAnswerFor(tx, user.id, partnerId))) return { ok: false, error: "invalidPartner" } as const;
    const throttled = await throttle(tx, [[`open-mic-reply:user:${user.id}`, TOPIC_LIMITS.reply]]);
    if (throttled) return throttled;
    const now = new Date();
    const [reply] = await tx.insert(topicReplies).values({ topicId, authorId: user.id, anonymous, partnerId, body: input.body, createdAt: now }).returning({ id: topicReplies.id });
    await tx.update(topics).set({ lastActivityAt: now, updatedAt: now }).where(eq(topics.id, topicId));
    await recordTopicEvent(tx, { topicId, kind: "reply", replyId: reply!.id, actorId: anonymous ? null : user.id });
    await enqueueTopicSync(tx, topicId);
    return { ok: true, replyId: reply!.id } as const;
  });
}

/** Corrects one's own reply (visible, topic open); marked as edited. */
export async function editReply(topicId: number, user: SessionUser, replyId: string, body: string): Promise<TopicWriteResult> {
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
    const now = new Date();
    await tx.update(topicReplies).set({ body, editedAt: now }).where(eq(topicReplies.id, replyId));
    await tx.update(topics).set({ updatedAt: now }).where(eq(topics.id, topicId));
    await enqueueTopicSync(tx, topicId);
    return { ok: true } as const;
  });
}

/** Corrects one's own topic while nobody of the coordination has answered it yet. */
export async function editTopic(topicId: number, user: SessionUser, input: { title: string; body: string }): Promise<TopicWriteResult> {
  return db.transaction(async (tx) => {
    const topic = await lockPublicTopic(tx, topicId);
    if (!topic) return { ok: false, error: "notFound" } as const;
    if (topic.authorId !== user.id) return { ok: false, error: "forbidden" } as const;
    if (topic.lockedAt) return { ok: false, error: "locked" } as const;
    const [answered] = await tx.select({ id: topicStatusChanges.id }).from(topicStatusChanges).where(eq(topicStatusChanges.topicId, topicId)).limit(1);
    if (answered) return { ok: false, error: "answered" } as const;
    const now = new Date();
    await tx.update(topics).set({ title: input.title, body: input.body, editedAt: now, updatedAt: now }).where(eq(topics.id, topicId));
    await enqueueTopicSync(tx, topicId);
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Support, follow, flag: members on visible topics

async function findPublicTopic(topicId: number): Promise<boolean> {
  const [row] = await db.select({ id: topics.id }).from(topics).where(and(eq(topics.id, topicId), publicTopic));
  return Boolean(row);
}

/** Supports a topic, or takes the support back. The primary key makes parallel clicks count once. */
export async function setSupport(topicId: number, user: SessionUser, on: boolean): Promise<TopicWriteResult<{ changed: boolean }>> {
  if (!(await findPublicTopic(topicId))) return { ok: false, error: "notFound" };
  const changed = on
    ? await db.insert(topicSupports).values({ topicId, userId: user.id }).onConflictDoNothing().returning({ topicId: topicSupports.topicId })
    : await db
        .delete(topicSupports)
        .where(and(eq(topicSupports.topicId, topicId), eq(topicSupports.userId, user.id)))
        .returning({ topicId: topicSupports.topicId });
  return { ok: true, changed: changed.length > 0 };
}

/** Follows a topic (replies, status changes and answers reach the member), or stops following. */
export async function setFollow(topicId: number, user: SessionUser, on: boolean): Promise<TopicWriteResult<{ changed: boolean }>> {
  if (!(await findPublicTopic(topicId))) return { ok: false, error: "notFound" };
  const changed = on
    ? await db.insert(topicFollows).values({ topicId, userId: user.id }).onConflictDoNothing().returning({ topicId: topicFollows.topicId })
    : await db
        .delete(topicFollows)
        .where(and(eq(topicFollows.topicId, topicId), eq(topicFollows.userId, user.id)))
        .returning({ topicId: topicFollows.topicId });
  return { ok: true, changed: changed.length > 0 };
}

/**
 * Flags a topic or one of its visible replies for the moderation. One open flag per person and
 * item: a second one (double click, second tab) changes nothing; after a coordinator resolved the
 * first, the person may flag again.
 */
export async function flagItem(topicId: number, user: SessionUser, input: { replyId?: string; reason: FlagReason; note: string }): Promise<TopicWriteResult<{ already: boolean }>> {
  const replyId = input.replyId ?? null;
  return db.transaction(async (tx) => {
    const [topic] = await tx.select({ id: topics.id }).from(topics).where(and(eq(topics.id, topicId), publicTopic));
    if (!topic) return { ok: false, error: "notFound" } as const;
    if (replyId) {
      const [reply] = await tx
        .select({ id: topicReplies.id })
        .from(topicReplies)
        .where(and(eq(topicReplies.id, replyId), eq(topicReplies.topicId, topicId), isNull(topicReplies.hiddenAt)));
      if (!reply) return { ok: false, error: "notFound" } as const;
    }
    // NOTE: the unique index treats a missing reply id as different each time; this lock makes the
    // check-then-insert safe for flags of the topic itself as well.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`open-mic-flag:${topicId}:${replyId ?? "topic"}:${user.id}`}))`);
    const mine = await tx
      .select({ id: topicFlags.id, resolvedAt: topicFlags.resolvedAt })
      .from(topicFlags)
      .where(and(eq(topicFlags.topicId, topicId), replyId ? eq(topicFlags.replyId, replyId) : isNull(topicFlags.replyId), eq(topicFlags.reporterId, user.id)));
    if (mine.some((flag) => flag.resolvedAt === null)) return { ok: true, already: true } as const;
    // Only a flag that would be written (and mailed to the coordination) counts against the limit.
    const throttled = await throttle(tx, [[`open-mic-flag:user:${user.id}`, TOPIC_LIMITS.flag]]);
    if (throttled) return throttled;
    if (replyId && mine[0]) {
      // The unique index keeps one row per person and reply: a resolved one is opened again.
      await tx
        .update(topicFlags)
        .set({ reason: input.reason, note: input.note, resolvedAt: null, resolvedBy: null, createdAt: new Date() })
        .where(eq(topicFlags.id, mine[0].id));
    } else {
      await tx.insert(topicFlags).values({ topicId, replyId, reporterId: user.id, reason: input.reason, note: input.note });
    }
    // The moderation queue has something new: coordinators hear of it.
    await recordTopicEvent(tx, { topicId, kind: "flagged", replyId, actorId: user.id });
    return { ok: true, already: false } as const;
  });
}
