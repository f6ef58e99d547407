import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import {
  groupTasks,
  partners,
  services,
  topicAnswerServices,
  topicReplies,
  topics,
  topicStatusChanges,
  users,
  workingGroups,
} from "#db/schema";
import { enqueueGroupContentSync } from "#search/group-content-sync";
import { requireUser, type SessionUser } from "#app/modules/auth/session.server";
import { addDays } from "#app/modules/calendar/berlin-time";
import { berlinDay } from "#app/modules/groups/tasks/task-dates";
import { canMove, eventKindFor, REVIEW_AFTER_DAYS, TRANSITIONS, type Status, type StatusChangeValues } from "./coordination-schemas";
import { recordTopicEvent } from "./events.server";
import { answerServiceCards } from "./topics.server";
import { publicTopic } from "#search/indexes/topics";
import { enqueueTopicSync } from "#search/topic-sync";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import { groupReadableBy } from "#app/modules/groups/group-visibility.server";


/** Network coordination and admins: the only people who answer, route and moderate topics. */

/** Guests go to sign in; signed-in people who do not coordinate the network get 403. */
export async function requireOpenMicCoordinator(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!isNetworkCoordinator(user)) throw new Response("Forbidden", { status: 403 });
  return user;
}


/** The groups a coordinator may hand topics to: public groups and the private ones they belong to. */
export async function listRoutingGroups(user: SessionUser) {
  return db.select({ id: workingGroups.id, name: workingGroups.name, slug: workingGroups.slug, visibility: workingGroups.visibility }).from(workingGroups).where(groupReadableBy(user)).orderBy(asc(workingGroups.name));
}

/** Active services of active partners, for the "who can help" picker, by partner. */
export async function listAnswerServices() {
  return db
    .select({ id: services.id, name: services.name, slug: services.slug, partnerName: partners.name })
    .from(services)
    .innerJoin(partners, eq(partners.id, services.partnerId))
    .where(and(eq(services.status, "active"), eq(partners.status, "active")))
    .orderBy(asc(partners.name), asc(services.name));
}

/** What the coordination pages need to know about a topic (any topic: coordinators see them all). */
export async function getTopicForCoordination(topicId: number) {
  const [topic] = await db
    .select({
      id: topics.id,
      title: topics.title,
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

/** The topic's status history, newest first, with the services each answer points to. */
export async function getStatusHistory(user: SessionUser, topicId: number) {
  const rows = await db
    .select({
      id: topicStatusChanges.id,
      fromStatus: topicStatusChanges.fromStatus,
      toStatus: topicStatusChanges.toStatus,
      answer: topicStatusChanges.answer,
      createdAt: topicStatusChanges.createdAt,
      actorName: users.displayName,
      groupName: sql<string | null>`case when ${groupReadableBy(user)} then ${workingGroups.name} end`,
      groupSlug: sql<string | null>`case when ${groupReadableBy(user)} then ${workingGroups.slug} end`,
      routed: sql<boolean>`${topicStatusChanges.groupId} is not null`,
      taskId: topicStatusChanges.taskId,
    })
    .from(topicStatusChanges)
    .leftJoin(users, eq(users.id, topicStatusChanges.actorId))
    .leftJoin(workingGroups, eq(workingGroups.id, topicStatusChanges.groupId))
    .where(eq(topicStatusChanges.topicId, topicId))
    .orderBy(desc(topicStatusChanges.createdAt), desc(topicStatusChanges.id));
  const cards = await answerServiceCards(rows.map((row) => row.id), { activeOnly: false });
  return rows.map((row) => ({ ...row, services: cards.get(row.id) ?? [] }));
}

/** The statuses a topic may move to from where it is now. */
export const nextStatuses = (from: Status): readonly Status[] => TRANSITIONS[from];

/** The default next review of a routed topic: four weeks from today (Berlin). */
export const defaultReviewDay = (today = berlinDay(new Date())) => addDays(today, REVIEW_AFTER_DAYS);

type FieldErrors = Partial<Record<"toStatus" | "answer" | "services" | "groupId" | "nextReviewAt" | "createTask" | "taskTitle", string[]>>;
export type StatusChangeResult = { ok: true; statusChangeId: string; taskId: string | null } | { ok: false; notFound?: true; fieldErrors?: FieldErrors; formErrors?: string[] };

/** Whether every id names an active service of an active partner. */
async function servicesExist(tx: Executor, ids: string[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const found = await tx
    .select({ id: services.id })
    .from(services)
    .innerJoin(partners, eq(partners.id, services.partnerId))
    .where(and(inArray(services.id, ids), eq(services.status, "active"), eq(partners.status, "active")));
  return found.length === ids.length;
}

/**
 * Moves a topic to another status with its visible answer, in one transaction: the history row (from,
 * to, answer, actor), the services it points to, the topic's status and activity, for a routed topic
 * its group, optional task there (linked back by topicId) and next review date, the event people are
 * told about, and the search sync. Anything invalid (a move not allowed from here, an unknown or
 * inactive service, a group that is archived or not visible to the coordinator, a review day in the
 * past) answers with field errors and writes nothing.
 */
export async function changeTopicStatus(actor: SessionUser, topicId: number, input: StatusChangeValues, today = berlinDay(new Date())): Promise<StatusChangeResult> {
  return db.transaction(async (tx) => {
    const [topic] = await tx
      .select({ status: topics.status, approvedAt: topics.approvedAt, hiddenAt: topics.hiddenAt, mergedIntoId: topics.mergedIntoId, routedGroupId: topics.routedGroupId, routedTaskId: topics.routedTaskId })
      .from(topics)
      .where(eq(topics.id, topicId))
      .for("update");
    if (!topic) return { ok: false, notFound: true };
    if (!topic.approvedAt) return { ok: false, formErrors: ["openMicCoordination.validation.notApproved"] };
    if (topic.mergedIntoId !== null) return { ok: false, formErrors: ["openMicCoordination.validation.merged"] };

    const fieldErrors: FieldErrors = {};
    if (!canMove(topic.status, input.toStatus)) fieldErrors.toStatus = ["openMicCoordination.validation.transition"];
    if (!(await servicesExist(tx, input.services))) fieldErrors.services = ["openMicCoordination.validation.serviceUnknown"];
    const routed = input.toStatus === "routed";
    let groupId: string | null = null;
    if (routed) {
      const [group] = input.groupId ? await tx.select({ id: workingGroups.id }).from(workingGroups).where(and(eq(workingGroups.id, input.groupId), groupReadableBy(actor))) : [];
      if (!group) fieldErrors.groupId = ["openMicCoordination.validation.groupUnknown"];
      else groupId = group.id;
      if (!input.nextReviewAt || input.nextReviewAt < today) fieldErrors.nextReviewAt = ["openMicCoordination.validation.reviewDatePast"];
      // A hidden topic's title would live on in the group's task (and its search): no task from it.
      if (input.createTask && topic.hiddenAt) fieldErrors.createTask = ["openMicCoordination.validation.hiddenNoTask"];
    }
    if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };

    let taskId: string | null = null;
    if (routed && groupId && input.createTask) {
      const [task] = await tx
        .insert(groupTasks)
        .values({ groupId, title: input.taskTitle, description: input.taskDescription, topicId, createdBy: actor.id, dueDate: input.nextReviewAt })
        .returning({ id: groupTasks.id });
      taskId = task!.id;
      await enqueueGroupContentSync(tx, "task", taskId);
    }
    const [change] = await tx
      .insert(topicStatusChanges)
      .values({ topicId, fromStatus: topic.status, toStatus: input.toStatus, answer: input.answer, actorId: actor.id, groupId, taskId })
      .returning({ id: topicStatusChanges.id });
    if (input.services.length > 0) await tx.insert(topicAnswerServices).values(input.services.map((serviceId) => ({ statusChangeId: change!.id, serviceId })));
    const now = new Date();
    // The group and task stay as "last handed to" after the topic moves on; the review date only
    // matters while it lies with the group.
    const routing = routed
      ? { routedGroupId: groupId, routedTaskId: taskId ?? (groupId === topic.routedGroupId ? topic.routedTaskId : null), nextReviewAt: input.nextReviewAt }
      : { nextReviewAt: null };
    await tx
      .update(topics)
      .set({ status: input.toStatus, lastActivityAt: now, updatedAt: now, ...routing })
      .where(eq(topics.id, topicId));
    await recordTopicEvent(tx, { topicId, kind: eventKindFor(input.toStatus), statusChangeId: change!.id, actorId: actor.id });
    await enqueueTopicSync(tx, topicId);
    return { ok: true, statusChangeId: change!.id, taskId };
  });
}

// ---------------------------------------------------------------------------------------------
// Wiedervorlage: routed topics whose review day has passed without movement

const berlinMidnight = (day: SQL | typeof topics.nextReviewAt) => sql`((${day})::timestamp at time zone 'Europe/Berlin')`;

/**
 * Topics handed to a working group whose next review day lies before `today` (Berlin) and that have
 * not moved since the start of that day: no status change (a new routing with a new date included)
 * and no visible reply from then on. Only approved, visible topics that were not merged, and only
 * while their status is still "an Arbeitsgruppe übergeben". Longest overdue first. The group's task
 * and its status are shown, but a task done in the group is no answer yet: the topic stays listed
 * until a coordinator closes the loop.
 */
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
