import { and, eq, inArray } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { groupTasks, partners, services, topicAnswerServices, topics, topicStatusChanges, workingGroups } from "#db/schema";
import { enqueueGroupContentSync } from "#search/group-content-sync";
import { enqueueTopicSync } from "#search/topic-sync";
import type { SessionUser } from "#app/modules/auth/session.server";
import { groupReadableBy } from "#app/modules/groups/group-visibility.server";
import { berlinDay } from "#app/modules/groups/tasks/task-dates";
import { canMove, eventKindFor, type StatusChangeValues } from "./coordination-schemas";
import { recordTopicEvent } from "./events.server";
import { listedService } from "#search/indexes/services";

type FieldErrors = Partial<Record<"toStatus" | "answer" | "services" | "groupId" | "nextReviewAt" | "createTask" | "taskTitle", string[]>>;

/** A status change's values; the plain-language summary may be left out. */
export type StatusChangeInput = Omit<StatusChangeValues, "plainSummary"> & { plainSummary?: string | null };

/**
 * What a status change answers. Unlike the other writes it may refuse several fields at once (the
 * checks that need the database, after the form's own), so the form shows every problem together.
 */
export type StatusChangeResult = { ok: true; statusChangeId: string; taskId: string | null } | { ok: false; notFound?: true; fieldErrors?: FieldErrors; formErrors?: string[] };

/** Whether every id names an active service of an active partner. */
async function servicesExist(tx: Executor, ids: string[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const found = await tx
    .select({ id: services.id })
    .from(services)
    .innerJoin(partners, eq(partners.id, services.partnerId))
    .where(and(inArray(services.id, ids), listedService));
  return found.length === ids.length;
}

/**
 * Moves a topic to another status with its visible answer, in one transaction: the history row (from,
 * to, answer and its plain-language summary, actor), the services it points to, the topic's status and activity, for a routed topic
 * its group, optional task there (linked back by topicId) and next review date, the event people are
 * told about, and the search sync. Anything invalid (a move not allowed from here, an unknown or
 * inactive service, a group that is archived or not visible to the coordinator, a review day in the
 * past) answers with field errors and writes nothing.
 */
export async function changeTopicStatus(actor: SessionUser, topicId: number, input: StatusChangeInput, today = berlinDay(new Date())): Promise<StatusChangeResult> {
  return db.transaction(async (tx) => {
    const [topic] = await tx
      .select({
        status: topics.status,
        approvedAt: topics.approvedAt,
        hiddenAt: topics.hiddenAt,
        mergedIntoId: topics.mergedIntoId,
        routedGroupId: topics.routedGroupId,
        routedTaskId: topics.routedTaskId,
      })
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
      const [group] = input.groupId
        ? await tx
            .select({ id: workingGroups.id })
            .from(workingGroups)
            .where(and(eq(workingGroups.id, input.groupId), groupReadableBy(actor)))
        : [];
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
      .values({ topicId, fromStatus: topic.status, toStatus: input.toStatus, answer: input.answer, plainSummary: input.plainSummary ?? null, actorId: actor.id, groupId, taskId })
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
