import { and, asc, count, desc, eq, gt, inArray, isNull, lte, max, ne, or, sql, type AnyColumn } from "drizzle-orm";
import { db } from "#db/client";
import { groupMemberships, groupPosts, groupTasks, groupThreads, meetings, workingGroups } from "#db/schema";

/**
 * What changed in a group since a moment: new threads, replies in older threads, new or changed
 * tasks, new or changed meetings. Hidden posts never count; neither does what the viewer made
 * themselves (their own threads, replies, new tasks and meetings) — they know about it already.
 * Changes to tasks and meetings count whoever made them, as the tables do not record who.
 */
export type ActivityItem =
  | { kind: "thread"; id: string; title: string; at: string }
  | { kind: "replies"; id: string; title: string; count: number; at: string }
  | { kind: "task"; id: string; title: string; status: "open" | "in_progress" | "done"; isNew: boolean; at: string }
  | { kind: "meeting"; id: string; title: string; startsAt: string; cancelled: boolean; isNew: boolean; at: string };

export type ActivityCounts = { threads: number; replies: number; tasks: number; meetings: number; total: number };

export type GroupActivity = { counts: ActivityCounts; items: ActivityItem[] };

const iso = (value: Date | string) => new Date(value).toISOString();
/** Not made by the viewer; rows whose author was deleted count as others'. */
const notBy = (column: AnyColumn, viewerId: string) => sql`${column} is distinct from ${viewerId}`;

type ThreadRow = { id: string; title: string; at: Date };
type ReplyRow = { id: string; title: string; count: number; at: Date | null };
type TaskRow = { id: string; title: string; status: "open" | "in_progress" | "done"; isNew: boolean; createdAt: Date; updatedAt: Date };
type MeetingRow = { id: string; title: string; startsAt: Date; cancelledAt: Date | null; isNew: boolean; createdAt: Date; updatedAt: Date };

/** One group's rows of each kind as counts and the newest `limit` items. */
function summarise(since: Date, limit: number, threads: ThreadRow[], replies: ReplyRow[], tasks: TaskRow[], held: MeetingRow[]): GroupActivity {
  const items: ActivityItem[] = [
    ...threads.map((thread) => ({ kind: "thread" as const, id: thread.id, title: thread.title, at: iso(thread.at) })),
    ...replies.map((reply) => ({ kind: "replies" as const, id: reply.id, title: reply.title, count: reply.count, at: iso(reply.at ?? since) })),
    ...tasks.map((task) => ({ kind: "task" as const, id: task.id, title: task.title, status: task.status, isNew: task.isNew, at: iso(task.isNew ? task.createdAt : task.updatedAt) })),
    ...held.map((meeting) => ({
      kind: "meeting" as const,
      id: meeting.id,
      title: meeting.title,
      startsAt: iso(meeting.startsAt),
      cancelled: Boolean(meeting.cancelledAt),
      isNew: meeting.isNew,
      at: iso(meeting.isNew ? meeting.createdAt : meeting.updatedAt),
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const replyCount = replies.reduce((sum, reply) => sum + reply.count, 0);
  const counts = { threads: threads.length, replies: replyCount, tasks: tasks.length, meetings: held.length, total: threads.length + replyCount + tasks.length + held.length };
  return { counts, items: items.slice(0, limit) };
}

/**
 * The four queries of the activity in these groups of the viewer (each joined with the viewer's
 * membership); `since` is a moment, or the membership's lastVisitAt column to compare each group
 * with the viewer's own last visit of it.
 */
function activityQueries(since: Date | AnyColumn, viewerId: string, groupIds: string[]) {
  const after = (column: AnyColumn) => gt(column, since);
  const notAfter = (column: AnyColumn) => lte(column, since);
  const isNew = (column: AnyColumn) => sql<boolean>`${gt(column, since)}`;
  // Only groups the viewer belongs to; `since` may be this membership's last visit.
  const mine = (groupColumn: AnyColumn) => and(eq(groupMemberships.groupId, groupColumn), eq(groupMemberships.userId, viewerId));
  const groupOf = (column: AnyColumn) => inArray(column, groupIds);
  const threads = db.select({ groupId: groupThreads.groupId, id: groupThreads.id, title: groupThreads.title, at: groupThreads.createdAt }).from(groupThreads);
  const replies = db
    .select({ groupId: groupThreads.groupId, id: groupThreads.id, title: groupThreads.title, count: count(), at: max(groupPosts.createdAt) })
    .from(groupPosts)
    .innerJoin(groupThreads, eq(groupThreads.id, groupPosts.threadId));
  const tasks = db
    .select({
      groupId: groupTasks.groupId,
      id: groupTasks.id,
      title: groupTasks.title,
      status: groupTasks.status,
      isNew: isNew(groupTasks.createdAt),
      createdAt: groupTasks.createdAt,
      updatedAt: groupTasks.updatedAt,
    })
    .from(groupTasks);
  const held = db
    .select({
      groupId: meetings.groupId,
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      cancelledAt: meetings.cancelledAt,
      isNew: isNew(meetings.createdAt),
      createdAt: meetings.createdAt,
      updatedAt: meetings.updatedAt,
    })
    .from(meetings);
  return Promise.all([
    threads
      .innerJoin(groupMemberships, mine(groupThreads.groupId))
      .where(and(groupOf(groupThreads.groupId), after(groupThreads.createdAt), notBy(groupThreads.authorId, viewerId)))
      .orderBy(desc(groupThreads.createdAt)),
    replies
      .innerJoin(groupMemberships, mine(groupThreads.groupId))
      .where(and(groupOf(groupThreads.groupId), notAfter(groupThreads.createdAt), after(groupPosts.createdAt), isNull(groupPosts.hiddenAt), notBy(groupPosts.authorId, viewerId)))
      .groupBy(groupThreads.groupId, groupThreads.id, groupThreads.title),
    tasks
      .innerJoin(groupMemberships, mine(groupTasks.groupId))
      .where(and(groupOf(groupTasks.groupId), or(and(after(groupTasks.createdAt), notBy(groupTasks.createdBy, viewerId)), and(notAfter(groupTasks.createdAt), after(groupTasks.updatedAt))))),
    held
      .innerJoin(groupMemberships, mine(meetings.groupId))
      .where(and(groupOf(meetings.groupId), or(and(after(meetings.createdAt), notBy(meetings.createdBy, viewerId)), and(notAfter(meetings.createdAt), after(meetings.updatedAt))))),
  ]);
}

/** What changed in one group of the viewer since a moment (the group page: since the visit before this one). */
export async function getGroupActivity(groupId: string, since: Date, viewerId: string, limit = 10): Promise<GroupActivity> {
  const [threads, replies, tasks, held] = await activityQueries(since, viewerId, [groupId]);
  return summarise(since, limit, threads, replies, tasks, held);
}

/**
 * Records a member's visit to the group page and returns the previous one: `undefined` for
 * someone who is not a member, `null` for a first visit. The row is locked meanwhile, so two
 * visits at once each get their own "before". With `record: false` it only reads the last visit.
 */
export async function markVisited(groupId: string, userId: string, { record = true } = {}): Promise<Date | null | undefined> {
  return db.transaction(async (tx) => {
    const own = and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId));
    const [membership] = await tx.select({ lastVisitAt: groupMemberships.lastVisitAt }).from(groupMemberships).where(own).for("update");
    if (!membership) return undefined;
    if (record)
      await tx
        .update(groupMemberships)
        .set({ lastVisitAt: sql`now()` })
        .where(own);
    return membership.lastVisitAt;
  });
}

/** What a group page shows to everyone who reads it: recent threads, open tasks, next meetings. */
export async function getGroupOverview(groupId: string) {
  const open = and(eq(groupTasks.groupId, groupId), ne(groupTasks.status, "done"));
  const [threads, tasks, [openTasks], upcoming] = await Promise.all([
    db
      .select({ id: groupThreads.id, title: groupThreads.title, lastPostAt: groupThreads.lastPostAt })
      .from(groupThreads)
      .where(eq(groupThreads.groupId, groupId))
      .orderBy(desc(groupThreads.lastPostAt))
      .limit(5),
    db
      .select({ id: groupTasks.id, title: groupTasks.title, status: groupTasks.status, dueDate: groupTasks.dueDate })
      .from(groupTasks)
      .where(open)
      .orderBy(sql`${groupTasks.dueDate} asc nulls last`, asc(groupTasks.createdAt))
      .limit(5),
    db.select({ value: count() }).from(groupTasks).where(open),
    db
      .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt, place: meetings.place })
      .from(meetings)
      .where(and(eq(meetings.groupId, groupId), isNull(meetings.cancelledAt), gt(meetings.endsAt, sql`now()`)))
      .orderBy(asc(meetings.startsAt))
      .limit(3),
  ]);
  return { threads, tasks, openTaskCount: openTasks?.value ?? 0, meetings: upcoming };
}

/**
 * The groups a person belongs to, each with what is new since their last visit (a group never
 * visited yet says so instead of listing everything) and the newest few changes.
 */
export async function getMyGroupsWithNews(userId: string, perGroup = 3) {
  const groups = await db
    .select({ id: workingGroups.id, slug: workingGroups.slug, name: workingGroups.name, visibility: workingGroups.visibility, role: groupMemberships.role, lastVisitAt: groupMemberships.lastVisitAt })
    .from(groupMemberships)
    .innerJoin(workingGroups, eq(workingGroups.id, groupMemberships.groupId))
    .where(and(eq(groupMemberships.userId, userId), isNull(workingGroups.archivedAt)))
    .orderBy(asc(workingGroups.name));
  // One query per kind for all visited groups, each compared with its own last visit; then split by group.
  const visited = groups.filter((group) => group.lastVisitAt).map((group) => group.id);
  const [threads, replies, tasks, held] = visited.length > 0 ? await activityQueries(groupMemberships.lastVisitAt, userId, visited) : [[], [], [], []];
  const of = <T extends { groupId: string | null }>(rows: T[], groupId: string) => rows.filter((row) => row.groupId === groupId);
  return groups.map(({ id, lastVisitAt, ...group }) => ({
    ...group,
    visited: Boolean(lastVisitAt),
    news: lastVisitAt ? summarise(lastVisitAt, perGroup, of(threads, id), of(replies, id), of(tasks, id), of(held, id)) : null,
  }));
}

/**
 * The next meetings a person may see on the start page: those of their groups and the
 * network-wide events (meetings without a group). Guests get the network-wide events only.
 */
export async function getUpcomingMeetings(userId: string | null, limit = 5) {
  const mine = userId ? db.select({ groupId: groupMemberships.groupId }).from(groupMemberships).where(eq(groupMemberships.userId, userId)) : null;
  const rows = await db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt, place: meetings.place, groupSlug: workingGroups.slug, groupName: workingGroups.name })
    .from(meetings)
    .leftJoin(workingGroups, eq(workingGroups.id, meetings.groupId))
    .where(
      and(
        isNull(meetings.cancelledAt),
        gt(meetings.endsAt, sql`now()`),
        mine ? or(isNull(meetings.groupId), and(inArray(meetings.groupId, mine), isNull(workingGroups.archivedAt))) : isNull(meetings.groupId),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(limit);
  return rows.map((row) => ({ ...row, url: row.groupSlug ? `/arbeitsgruppen/${row.groupSlug}/treffen/${row.id}` : `/kalender/termine/${row.id}` }));
}
