import { asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "#db/client";
import { partners, topicFlags, topicReplies, topics, users } from "#db/schema";
import { guestAddressBanned } from "./bans.server";

/** Everything about a topic for its moderation page: who wrote it (also when anonymous), all replies. */
export async function getModerationTopic(topicId: number) {
  const author = alias(users, "author");
  const [topic] = await db
    .select({
      id: topics.id,
      title: topics.title,
      body: topics.body,
      status: topics.status,
      anonymous: topics.anonymous,
      authorName: author.displayName,
      guestName: topics.guestName,
      guestEmail: topics.guestEmail,
      town: topics.town,
      approvedAt: topics.approvedAt,
      hiddenAt: topics.hiddenAt,
      hiddenReason: topics.hiddenReason,
      hiddenByFlags: topics.hiddenByFlags,
      lockedAt: topics.lockedAt,
      mergedIntoId: topics.mergedIntoId,
      createdAt: topics.createdAt,
      banned: guestAddressBanned,
    })
    .from(topics)
    .leftJoin(author, eq(author.id, topics.authorId))
    .where(eq(topics.id, topicId));
  if (!topic) return null;
  const replies = await db
    .select({
      id: topicReplies.id,
      body: topicReplies.body,
      anonymous: topicReplies.anonymous,
      authorName: users.displayName,
      partnerName: partners.name,
      hiddenAt: topicReplies.hiddenAt,
      hiddenReason: topicReplies.hiddenReason,
      hiddenByFlags: topicReplies.hiddenByFlags,
      createdAt: topicReplies.createdAt,
      openFlags: sql<number>`(select count(*) from ${topicFlags} where ${topicFlags.replyId} = ${topicReplies.id} and ${topicFlags.resolvedAt} is null)::int`,
    })
    .from(topicReplies)
    .leftJoin(users, eq(users.id, topicReplies.authorId))
    .leftJoin(partners, eq(partners.id, topicReplies.partnerId))
    .where(eq(topicReplies.topicId, topicId))
    .orderBy(asc(topicReplies.createdAt), asc(topicReplies.id));
  const [merged] = topic.mergedIntoId ? await db.select({ id: topics.id, title: topics.title }).from(topics).where(eq(topics.id, topic.mergedIntoId)) : [];
  return { topic: { ...topic, mergedInto: merged ?? null }, replies };
}
