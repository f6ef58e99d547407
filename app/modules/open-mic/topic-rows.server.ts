import { and, eq } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { topicReplies, topics } from "#db/schema";
import { publicTopic } from "#search/indexes/topics";

// The rows the write functions work on, found (and locked for the transaction) the same way everywhere.

/** Whether the topic is one everyone may see and take part in. */
export async function isPublicTopic(topicId: number, executor: Executor = db): Promise<boolean> {
  const [row] = await executor
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.id, topicId), publicTopic));
  return Boolean(row);
}

/** Any topic, locked for the rest of the transaction: moderators act on held-back and hidden ones too. */
export async function lockTopic(tx: Executor, topicId: number) {
  const [topic] = await tx.select().from(topics).where(eq(topics.id, topicId)).for("update");
  return topic ?? null;
}

/** A visible topic, locked for the rest of the transaction; held-back, hidden and merged ones are not found. */
export async function lockPublicTopic(tx: Executor, topicId: number) {
  const [topic] = await tx
    .select({ id: topics.id, authorId: topics.authorId, anonymous: topics.anonymous, lockedAt: topics.lockedAt, status: topics.status, language: topics.language })
    .from(topics)
    .where(and(eq(topics.id, topicId), publicTopic))
    .for("update");
  return topic ?? null;
}

/** A reply of this very topic, locked for the transaction; a reply of another topic is not found. */
export async function lockReply(tx: Executor, topicId: number, replyId: string) {
  const [reply] = await tx
    .select()
    .from(topicReplies)
    .where(and(eq(topicReplies.id, replyId), eq(topicReplies.topicId, topicId)))
    .for("update");
  return reply ?? null;
}
