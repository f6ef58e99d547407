import { sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { topicEvents, type TopicEventKind } from "#db/schema";

export const TOPIC_EVENT_TASK = "topic_event_notify";

export type TopicEventInput = { topicId: number; kind: TopicEventKind; replyId?: string | null; statusChangeId?: string | null; actorId?: string | null };

/**
 * Records, in the caller's transaction, what happened to a topic (a reply, a status change, an
 * official answer, a guest's topic waiting for approval), and a job that tells the people concerned.
 * The event list is also the topic's feed.
 */
export async function recordTopicEvent(executor: Executor, input: TopicEventInput): Promise<string> {
  const [event] = await executor
    .insert(topicEvents)
    .values({ topicId: input.topicId, kind: input.kind, replyId: input.replyId ?? null, statusChangeId: input.statusChangeId ?? null, actorId: input.actorId ?? null })
    .returning({ id: topicEvents.id });
  const payload = JSON.stringify({ eventId: event!.id });
  await executor.execute(sql`select graphile_worker.add_job(${TOPIC_EVENT_TASK}, ${payload}::json, max_attempts => 25)`);
  return event!.id;
}
