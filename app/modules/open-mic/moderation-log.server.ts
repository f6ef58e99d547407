import { count, desc, eq } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { topicModerationLog, topics, users, type TopicModerationAction } from "#db/schema";

export const LOG_PER_PAGE = 50;

type LogEntry = { actorId: string; action: TopicModerationAction; topicId?: number | null; replyId?: string | null; reason?: string; detail?: Record<string, string> };

/** Every moderation action leaves its row (who, when, why) in the transaction that does it. */
export async function logModeration(tx: Executor, entry: LogEntry): Promise<void> {
  await tx
    .insert(topicModerationLog)
    .values({ actorId: entry.actorId, action: entry.action, topicId: entry.topicId ?? null, replyId: entry.replyId ?? null, reason: entry.reason ?? "", detail: entry.detail ?? {} });
}

/** One page of the moderation log, newest first. */
export async function getModerationLog(page: number) {
  const [total] = await db.select({ value: count() }).from(topicModerationLog);
  const pages = Math.max(1, Math.ceil((total?.value ?? 0) / LOG_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const entries = await db
    .select({
      id: topicModerationLog.id,
      action: topicModerationLog.action,
      reason: topicModerationLog.reason,
      detail: topicModerationLog.detail,
      createdAt: topicModerationLog.createdAt,
      actorName: users.displayName,
      topicId: topicModerationLog.topicId,
      topicTitle: topics.title,
      replyId: topicModerationLog.replyId,
    })
    .from(topicModerationLog)
    .leftJoin(users, eq(users.id, topicModerationLog.actorId))
    .leftJoin(topics, eq(topics.id, topicModerationLog.topicId))
    .orderBy(desc(topicModerationLog.createdAt), desc(topicModerationLog.id))
    .limit(LOG_PER_PAGE)
    .offset((current - 1) * LOG_PER_PAGE);
  return { entries, page: current, pages, total: total?.value ?? 0 };
}
