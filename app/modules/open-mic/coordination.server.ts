import { and, asc, count, eq, sql, type SQL } from "drizzle-orm";
import { db } from "#db/client";
import { groupTasks, partners, services, topicReplies, topics, topicStatusChanges, workingGroups } from "#db/schema";
import { publicTopic } from "#search/indexes/topics";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import { requireUser, type SessionUser } from "#app/modules/auth/session.server";
import { addDays } from "#app/modules/calendar/berlin-time";
import { groupReadableBy } from "#app/modules/groups/group-visibility.server";
import { berlinDay } from "#app/modules/groups/tasks/task-dates";
import { forbidden } from "#app/utils/http";
import type { TopicStatus } from "#db/schema/open-mic-enums";
import { REVIEW_AFTER_DAYS, TRANSITIONS } from "./coordination-schemas";
import { listedService } from "#search/indexes/services";

// What the network coordination works with: its guard, the choices of the status form, the
// topic as it sees it, and the Wiedervorlage.

/** Only network coordination answers, routes and moderates: guests go to sign in, other members get 403. */
export async function requireOpenMicCoordinator(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!isNetworkCoordinator(user)) throw forbidden();
  return user;
}

/** The groups a coordinator may hand topics to: public groups and the private ones they belong to. */
export async function listRoutingGroups(user: SessionUser) {
  return db
    .select({ id: workingGroups.id, name: workingGroups.name, slug: workingGroups.slug, visibility: workingGroups.visibility })
    .from(workingGroups)
    .where(groupReadableBy(user))
    .orderBy(asc(workingGroups.name));
}

/** Active services of active partners, for the "who can help" picker, by partner. */
export async function listAnswerServices() {
  return db
    .select({ id: services.id, name: services.name, slug: services.slug, partnerName: partners.name })
    .from(services)
    .innerJoin(partners, eq(partners.id, services.partnerId))
    .where(listedService)
    .orderBy(asc(partners.name), asc(services.name));
}

/** What the coordination pages need to know about a topic (any topic: coordinators see them all). */
export async function getTopicForCoordination(topicId: number) {
  const [topic] = await db
    .select({
      id: topics.id,
      title: topics.title,
      language: topics.language,
      status: topics.status,
      approvedAt: topics.approvedAt,
      hiddenAt: topics.hiddenAt,
      mergedIntoId: topics.mergedIntoId,
      routedGroupId: topics.routedGroupId,
      routedTaskId: topics.routedTaskId,
      nextReviewAt: topics.nextReviewAt,
      createdAt: topics.createdAt,
    })
    .from(topics)
    .where(eq(topics.id, topicId));
  return topic ?? null;
}

/** The statuses a topic may move to from where it is now. */
export const nextStatuses = (from: TopicStatus): readonly TopicStatus[] => TRANSITIONS[from];

/** The default next review of a routed topic: four weeks from today (Berlin). */
export const defaultReviewDay = (today = berlinDay(new Date())) => addDays(today, REVIEW_AFTER_DAYS);

// ---------------------------------------------------------------------------------------------
// Wiedervorlage: routed topics whose review day has passed without movement

const berlinMidnight = (day: SQL | typeof topics.nextReviewAt) => sql`((${day})::timestamp at time zone 'Europe/Berlin')`;

/** The condition of overdueReviews: routed, visible, past the review day and not moved since it began. */
function overdueCondition(today: string): SQL {
  const since = berlinMidnight(topics.nextReviewAt);
  return and(
    eq(topics.status, "routed"),
    sql`${topics.nextReviewAt} < ${today}::date`,
    publicTopic,
    sql`not exists (select 1 from ${topicStatusChanges} where ${topicStatusChanges.topicId} = ${topics.id} and ${topicStatusChanges.createdAt} >= ${since})`,
    sql`not exists (select 1 from ${topicReplies} where ${topicReplies.topicId} = ${topics.id} and ${topicReplies.hiddenAt} is null and ${topicReplies.createdAt} >= ${since})`,
  )!;
}

/**
 * Topics handed to a working group whose next review day lies before `today` (Berlin) and that have
 * not moved since the start of that day: no status change (a new routing with a new date included)
 * and no visible reply from then on. Only approved, visible topics that were not merged, and only
 * while their status is still "an Arbeitsgruppe übergeben". Longest overdue first. The group's task
 * and its status are shown, but a task done in the group is no answer yet: the topic stays listed
 * until a coordinator closes the loop.
 */
export async function overdueReviews(user: SessionUser | null = null, today = berlinDay(new Date())) {
  const visibleGroup = user ? groupReadableBy(user) : sql`false`;
  return db
    .select({
      id: topics.id,
      title: topics.title,
      nextReviewAt: sql<string>`${topics.nextReviewAt}::text`,
      lastActivityAt: topics.lastActivityAt,
      groupName: sql<string | null>`case when ${visibleGroup} then ${workingGroups.name} end`,
      groupSlug: sql<string | null>`case when ${visibleGroup} then ${workingGroups.slug} end`,
      taskId: sql<string | null>`case when ${visibleGroup} then ${groupTasks.id} end`,
      taskStatus: sql<string | null>`case when ${visibleGroup} then ${groupTasks.status}::text end`,
    })
    .from(topics)
    .leftJoin(workingGroups, eq(workingGroups.id, topics.routedGroupId))
    .leftJoin(groupTasks, and(eq(groupTasks.id, topics.routedTaskId), eq(groupTasks.groupId, topics.routedGroupId)))
    .where(overdueCondition(today))
    .orderBy(asc(topics.nextReviewAt), asc(topics.id));
}

/** How many routed topics are past their review day without movement (see overdueReviews). */
export async function countOverdueReviews(today = berlinDay(new Date())): Promise<number> {
  const [row] = await db.select({ value: count() }).from(topics).where(overdueCondition(today));
  return row?.value ?? 0;
}
