import { and, asc, desc, eq, exists, inArray, lt, ne, sql } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { groupMemberships, groupTaskAssignees, groupTasks, groupThreads, users, type TaskStatus } from "#db/schema";
import { enqueueGroupContentSync } from "#search/group-content-sync";
import { isUuid } from "#app/utils/uuid";
import type { GroupAccess } from "../group-access.server";
import { isRoutedTo, listRoutedTopics, resolveVisibleTopics, visibleTopic } from "../meetings/meeting-topics.server";
import { getMembers } from "../membership/membership.server";
import type { TaskForm } from "./task-schemas";

export type TaskFilters = {
  status?: TaskStatus | null;
  /** Only tasks this person is assigned to. */
  assigneeId?: string | null;
  /** Only tasks overdue on this Berlin calendar day ("YYYY-MM-DD"). */
  overdueOn?: string | null;
};

type Assignee = { taskId: string; userId: string; displayName: string };

async function assigneesOf(taskIds: string[]): Promise<Map<string, Assignee[]>> {
  const byTask = new Map<string, Assignee[]>(taskIds.map((id) => [id, []]));
  if (taskIds.length === 0) return byTask;
  const rows = await db
    .select({ taskId: groupTaskAssignees.taskId, userId: users.id, displayName: users.displayName })
    .from(groupTaskAssignees)
    .innerJoin(users, eq(users.id, groupTaskAssignees.userId))
    .where(inArray(groupTaskAssignees.taskId, taskIds))
    .orderBy(asc(users.displayName));
  for (const row of rows) byTask.get(row.taskId)?.push(row);
  return byTask;
}

/** The tasks of one group, soonest due first (tasks without a due date last), with their assignees. */
export async function listTasks(groupId: string, filters: TaskFilters = {}) {
  const conditions = [eq(groupTasks.groupId, groupId)];
  if (filters.status) conditions.push(eq(groupTasks.status, filters.status));
  if (filters.overdueOn) conditions.push(lt(groupTasks.dueDate, filters.overdueOn), ne(groupTasks.status, "done"));
  if (filters.assigneeId) {
    const assigned = db
      .select({ one: sql`1` })
      .from(groupTaskAssignees)
      .where(and(eq(groupTaskAssignees.taskId, groupTasks.id), eq(groupTaskAssignees.userId, filters.assigneeId)));
    conditions.push(exists(assigned));
  }
  const rows = await db
    .select({ id: groupTasks.id, title: groupTasks.title, status: groupTasks.status, dueDate: groupTasks.dueDate, topicId: groupTasks.topicId })
    .from(groupTasks)
    .where(and(...conditions))
    .orderBy(sql`${groupTasks.dueDate} asc nulls last`, asc(groupTasks.title), asc(groupTasks.id));
  const [assignees, topicsShown] = await Promise.all([assigneesOf(rows.map((row) => row.id)), resolveVisibleTopics([...new Set(rows.flatMap((row) => (row.topicId === null ? [] : [row.topicId])))])]);
  return rows.map(({ topicId, ...row }) => ({
    ...row,
    assignees: (assignees.get(row.id) ?? []).map(({ userId, displayName }) => ({ userId, displayName })),
    // The Open Mic topic it came from, when everyone may see it (a merged one as the topic kept).
    topicNumber: topicId === null ? null : (topicsShown.get(topicId)?.id ?? null),
  }));
}

/** One task of this group, or null — a task of another group is not found, whatever its id. */
export async function getTask(groupId: string, taskId: string) {
  if (!isUuid(taskId)) return null;
  const [task] = await db
    .select({
      id: groupTasks.id,
      title: groupTasks.title,
      description: groupTasks.description,
      status: groupTasks.status,
      dueDate: groupTasks.dueDate,
      createdBy: groupTasks.createdBy,
      creatorName: users.displayName,
      completedAt: groupTasks.completedAt,
      createdAt: groupTasks.createdAt,
      updatedAt: groupTasks.updatedAt,
      threadId: groupThreads.id,
      threadTitle: groupThreads.title,
      topicId: groupTasks.topicId,
    })
    .from(groupTasks)
    .leftJoin(users, eq(users.id, groupTasks.createdBy))
    // A thread moved to another group since is no longer this task's link: its title stays where it went.
    .leftJoin(groupThreads, and(eq(groupThreads.id, groupTasks.threadId), eq(groupThreads.groupId, groupTasks.groupId)))
    .where(and(eq(groupTasks.id, taskId), eq(groupTasks.groupId, groupId)));
  if (!task) return null;
  const [assignees, topic] = await Promise.all([assigneesOf([task.id]).then((byTask) => byTask.get(task.id) ?? []), visibleTopic(task.topicId)]);
  return {
    ...task,
    // Shown only while everyone may see it: approved and not hidden; a merged one as the topic kept.
    topic: topic ? { id: topic.id, title: topic.title } : null,
    assignees: assignees.map(({ userId, displayName }) => ({ userId, displayName })),
  };
}

/**
 * What the task form offers: the group's members, its threads (the 200 most recently active, plus
 * the task's own thread however old it is, so saving the form keeps the link) and the Open Mic
 * topics handed to it. A task's own topic stays a choice when it no longer is one of those (handed
 * on, hidden since): named by its title only while everyone may see it.
 */
export async function getTaskChoices(groupId: string, currentTopicId: number | null = null, currentThreadId: string | null = null) {
  const [members, threads, routed] = await Promise.all([
    getMembers(groupId),
    db.select({ id: groupThreads.id, title: groupThreads.title }).from(groupThreads).where(eq(groupThreads.groupId, groupId)).orderBy(desc(groupThreads.lastPostAt)).limit(200),
    listRoutedTopics(groupId),
  ]);
  if (isUuid(currentThreadId) && !threads.some((thread) => thread.id === currentThreadId)) {
    // Looked up with the group: a thread moved elsewhere since is no choice here.
    const [own] = await db
      .select({ id: groupThreads.id, title: groupThreads.title })
      .from(groupThreads)
      .where(and(eq(groupThreads.id, currentThreadId), eq(groupThreads.groupId, groupId)));
    if (own) threads.push(own);
  }
  const topicChoices: { id: number; title: string | null }[] = routed;
  if (currentTopicId !== null && !routed.some((topic) => topic.id === currentTopicId)) {
    const shown = await visibleTopic(currentTopicId);
    topicChoices.push({ id: currentTopicId, title: shown?.id === currentTopicId ? shown.title : null });
  }
  return { members: members.map(({ userId, displayName }) => ({ userId, displayName })), threads, topics: topicChoices };
}

type FieldErrors = Partial<Record<keyof TaskForm, string[]>>;
export type TaskWriteResult = { ok: true; id: string } | { ok: false; errors: FieldErrors } | { ok: false; notFound: true };

/**
 * The ids in the form must be of this group: current members as assignees, one of its own threads,
 * a topic handed to it (or, when editing, the topic the task is linked to already).
 */
async function checkReferences(tx: Executor, groupId: string, input: TaskForm, keptTopicId: number | null = null): Promise<FieldErrors | null> {
  const errors: FieldErrors = {};
  if (input.assignees.length > 0) {
    const members = await tx
      .select({ userId: groupMemberships.userId })
      .from(groupMemberships)
      .where(and(eq(groupMemberships.groupId, groupId), inArray(groupMemberships.userId, input.assignees)));
    if (members.length !== input.assignees.length) errors.assignees = ["tasks.validation.assigneeNotMember"];
  }
  if (input.threadId) {
    const [thread] = await tx
      .select({ id: groupThreads.id })
      .from(groupThreads)
      .where(and(eq(groupThreads.id, input.threadId), eq(groupThreads.groupId, groupId)));
    if (!thread) errors.threadId = ["tasks.validation.threadNotInGroup"];
  }
  if (input.topicId !== null && input.topicId !== keptTopicId && !(await isRoutedTo(tx, groupId, input.topicId))) {
    errors.topicId = ["tasks.validation.topicNotRouted"];
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

async function setAssignees(tx: Executor, taskId: string, userIds: string[]): Promise<void> {
  await tx.delete(groupTaskAssignees).where(eq(groupTaskAssignees.taskId, taskId));
  if (userIds.length > 0) await tx.insert(groupTaskAssignees).values(userIds.map((userId) => ({ taskId, userId })));
}

/** Creates a task in the group; ids that are not the group's give field errors and write nothing. */
export async function createTask(groupId: string, createdBy: string, input: TaskForm): Promise<TaskWriteResult> {
  return db.transaction(async (tx) => {
    const errors = await checkReferences(tx, groupId, input);
    if (errors) return { ok: false, errors };
    const [task] = await tx
      .insert(groupTasks)
      .values({ groupId, createdBy, title: input.title, description: input.description, dueDate: input.dueDate, threadId: input.threadId, topicId: input.topicId })
      .returning({ id: groupTasks.id });
    await setAssignees(tx, task!.id, input.assignees);
    await enqueueGroupContentSync(tx, "task", task!.id);
    return { ok: true, id: task!.id };
  });
}

/** Saves the edit form of a task of this group (status stays as it is). */
export async function updateTask(groupId: string, taskId: string, input: TaskForm): Promise<TaskWriteResult> {
  if (!isUuid(taskId)) return { ok: false, notFound: true };
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ topicId: groupTasks.topicId })
      .from(groupTasks)
      .where(and(eq(groupTasks.id, taskId), eq(groupTasks.groupId, groupId)))
      .for("update");
    if (!current) return { ok: false, notFound: true };
    const errors = await checkReferences(tx, groupId, input, current.topicId);
    if (errors) return { ok: false, errors };
    const [task] = await tx
      .update(groupTasks)
      .set({ title: input.title, description: input.description, dueDate: input.dueDate, threadId: input.threadId, topicId: input.topicId, updatedAt: new Date() })
      .where(and(eq(groupTasks.id, taskId), eq(groupTasks.groupId, groupId)))
      .returning({ id: groupTasks.id });
    if (!task) return { ok: false, notFound: true };
    await setAssignees(tx, task.id, input.assignees);
    await enqueueGroupContentSync(tx, "task", task.id);
    return { ok: true, id: task.id };
  });
}

/**
 * Moves a task of this group to a status. Done tasks keep when they were done (set once, kept when
 * marked done again); reopening clears it. False when the group has no such task.
 */
export async function setTaskStatus(groupId: string, taskId: string, status: TaskStatus): Promise<boolean> {
  if (!isUuid(taskId)) return false;
  return db.transaction(async (tx) => {
    const [task] = await tx
      .update(groupTasks)
      .set({ status, completedAt: status === "done" ? sql`coalesce(${groupTasks.completedAt}, now())` : null, updatedAt: new Date() })
      .where(and(eq(groupTasks.id, taskId), eq(groupTasks.groupId, groupId)))
      .returning({ id: groupTasks.id });
    if (!task) return false;
    await enqueueGroupContentSync(tx, "task", task.id);
    return true;
  });
}

/** Deletes a task of this group; the sync then removes its search document. */
export async function deleteTask(groupId: string, taskId: string): Promise<boolean> {
  if (!isUuid(taskId)) return false;
  return db.transaction(async (tx) => {
    const [task] = await tx
      .delete(groupTasks)
      .where(and(eq(groupTasks.id, taskId), eq(groupTasks.groupId, groupId)))
      .returning({ id: groupTasks.id });
    if (!task) return false;
    await enqueueGroupContentSync(tx, "task", task.id);
    return true;
  });
}

/** Whether this person may delete the task: its creator (while a member) or the group's coordination. */
export function canDeleteTask(access: Pick<GroupAccess, "isMember" | "coordinates">, task: { createdBy: string | null }, userId: string | null): boolean {
  if (!userId) return false;
  return access.coordinates || (access.isMember && task.createdBy === userId);
}
