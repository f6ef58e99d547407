import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "#db/client";
import { taxonomyTerms, topicFlags, topicReplies, topics, users } from "#db/schema";
import { guestAddressBanned } from "./bans.server";
import { countOverdueReviews } from "./coordination.server";
import { personalDataIn } from "./personal-data";

/** A guest's topic waiting for approval: neither approved nor hidden nor merged yet. */
const pendingTopic = and(isNull(topics.approvedAt), isNull(topics.hiddenAt), isNull(topics.mergedIntoId));

/** What waits for coordinators: guests' topics to approve, open flags, overdue reviews. */
export async function queueCounts(): Promise<{ pending: number; flags: number; reviews: number }> {
  const [[pending], [flags], reviews] = await Promise.all([
    db.select({ value: count() }).from(topics).where(pendingTopic),
    db.select({ value: count() }).from(topicFlags).where(isNull(topicFlags.resolvedAt)),
    countOverdueReviews(),
  ]);
  return { pending: pending?.value ?? 0, flags: flags?.value ?? 0, reviews };
}

/**
 * The moderation queue: guests' topics waiting for approval (oldest first) and open flags (oldest
 * first, those of posts held by flags before all others: they are hidden until someone decides),
 * each with the personal data found in its text, so it can be removed before approving.
 */
export async function getQueue() {
  const pending = await db
    .select({
      id: topics.id,
      title: topics.title,
      body: topics.body,
      language: topics.language,
      town: topics.town,
      guestName: topics.guestName,
      guestEmail: topics.guestEmail,
      categoryLabels: taxonomyTerms.labels,
      createdAt: topics.createdAt,
      banned: guestAddressBanned,
    })
    .from(topics)
    .leftJoin(taxonomyTerms, eq(taxonomyTerms.id, topics.categoryId))
    .where(pendingTopic)
    .orderBy(asc(topics.createdAt), asc(topics.id));
  const reporter = alias(users, "reporter");
  const held = sql<boolean>`case when ${topicFlags.replyId} is null then ${topics.hiddenByFlags} else coalesce(${topicReplies.hiddenByFlags}, false) end`;
  const flagged = await db
    .select({
      id: topicFlags.id,
      reason: topicFlags.reason,
      note: topicFlags.note,
      createdAt: topicFlags.createdAt,
      reporterName: reporter.displayName,
      topicId: topics.id,
      topicTitle: topics.title,
      topicBody: topics.body,
      topicHidden: sql<boolean>`${topics.hiddenAt} is not null`,
      replyId: topicReplies.id,
      replyBody: topicReplies.body,
      replyHidden: sql<boolean>`${topicReplies.hiddenAt} is not null`,
      held,
    })
    .from(topicFlags)
    .innerJoin(topics, eq(topics.id, topicFlags.topicId))
    // A flag's reply belongs to the flag's topic; anything else would be a foreign reply.
    .leftJoin(topicReplies, and(eq(topicReplies.id, topicFlags.replyId), eq(topicReplies.topicId, topicFlags.topicId)))
    .leftJoin(reporter, eq(reporter.id, topicFlags.reporterId))
    .where(isNull(topicFlags.resolvedAt))
    .orderBy(desc(held), asc(topicFlags.createdAt), asc(topicFlags.id));
  return {
    pending: pending.map((topic) => ({ ...topic, findings: personalDataIn([topic.title, topic.body, topic.town, topic.guestName]) })),
    flags: flagged.map(({ topicBody, replyBody, replyHidden, topicHidden, ...flag }) => {
      const onReply = flag.replyId !== null;
      const text = onReply ? (replyBody ?? "") : topicBody;
      return { ...flag, onReply, text, hidden: onReply ? replyHidden : topicHidden, findings: personalDataIn(onReply ? [text] : [flag.topicTitle, text]) };
    }),
  };
}
