import { and, asc, count, desc, eq, gt, inArray, isNull, lte, max, ne, or, sql, type AnyColumn } from "drizzle-orm";
import { db } from "../../../db/client";
import { groupMemberships, groupPosts, groupTasks, groupThreads, meetings, workingGroups } from "../../../db/schema";

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

export async function getGroupActivity(groupId: string, since: Date, viewerId: string, limit = 10): Promise<GroupActivity> {
  const [threads, replies, tasks, held] = await Promise.all([
    db
      .select({ id: groupThreads.id, title: groupThreads.title, at: groupThreads.createdAt })
      .from(groupThreads)
      .where(and(eq(groupThreads.groupId, groupId), gt(groupThreads.createdAt, since), notBy(groupThreads.authorId, viewerId)))
      .orderBy(desc(groupThreads.createdAt)),
    db
      .select({ id: groupThreads.id, title: groupThreads.title, count: count(), at: max(groupPosts.createdAt) })
      .from(groupPosts)
      .innerJoin(groupThreads, eq(groupThreads.id, groupPosts.threadId))
      .where(and(eq(groupThreads.groupId, groupId), lte(groupThreads.createdAt, since), gt(groupPosts.createdAt, since), isNull(groupPosts.hiddenAt), notBy(groupPosts.authorId, viewerId)))
      .groupBy(groupThreads.id, groupThreads.title),
    db
      .select({ id: groupTasks.id, title: groupTasks.title, status: groupTasks.status, createdAt: groupTasks.createdAt, updatedAt: groupTasks.updatedAt })
      .from(groupTasks)
      .where(
        and(
          eq(groupTasks.groupId, groupId),
          or(and(gt(groupTasks.createdAt, since), notBy(groupTasks.createdBy, viewerId)), and(lte(groupTasks.createdAt, since), gt(groupTasks.updatedAt, since))),
        ),
      ),
    db
      .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, cancelledAt: meetings.cancelledAt, createdAt: meetings.createdAt, updatedAt: meetings.updatedAt })
      .from(meetings)
      .where(
        and(eq(meetings.groupId, groupId), or(and(gt(meetings.createdAt, since), notBy(meetings.createdBy, viewerId)), and(lte(meetings.createdAt, since), gt(meetings.updatedAt, since)))),
      ),
  ]);
  const items: ActivityItem[] = [
    ...threads.map((thread) => ({ kind: "thread" as const, id: thread.id, title: thread.title, at: iso(thread.at) })),
    ...replies.map((reply) => ({ kind: "replies" as const, id: reply.id, title: reply.title, count: reply.count, at: iso(reply.at ?? since) })),
    ...tasks.map((task) => {
      const isNew = task.createdAt > since;
      return { kind: "task" as const, id: task.id, title: task.title, status: task.status, isNew, at: iso(isNew ? task.createdAt : task.updatedAt) };
    }),
    ...held.map((meeting) => {
      const isNew = meeting.createdAt > since;
      return { kind: "meeting" as const, id: meeting.id, title: meeting.title, startsAt: iso(meeting.startsAt), cancelled: Boolean(meeting.cancelledAt), isNew, at: iso(isNew ? meeting.createdAt : meeting.updatedAt) };
    }),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const replyCount = replies.reduce((sum, reply) => sum + reply.count, 0);
  const counts = { threads: threads.length, replies: replyCount, tasks: tasks.length, meetings: held.length, total: threads.length + replyCount + tasks.length + held.length };
  return { counts, items: items.slice(0, limit) };
}

/**
 * Records a member's visit to the group page and returns the previous one: `undefined` for
 * someone who is not a member, `null` for a first visit. The row is locked meanwhile, so two
 * visits at once each get their own "before".
 */
export async function markVisited(groupId: string, userId: string): Promise<Date | null | undefined> {
  return db.transaction(async (tx) => {
    const own = and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId));
    const [membership] = await tx.select({ lastVisitAt: groupMemberships.lastVisitAt }).from(groupMemberships).where(own).for("update");
    if (!membership) return undefined;
    await tx.update(groupMemberships).set({ lastVisitAt: sql`now()` }).where(own);
    return membership.lastVisitAt;
  });
}

/** What a group page shows to everyone who reads it: recent threads, open tasks, next meetings. */
export async function getGroupOverview(groupId: string) {
  const open = and(eq(groupTasks.groupId, groupId), ne(groupTasks.status, "done"));
  const [threads, tasks, [openTasks], upcoming] = await Promise.all([
    db.select({ id: groupThreads.id, title: groupThreads.title, lastPostAt: groupThreads.lastPostAt }).from(groupThreads).where(eq(groupThreads.groupId, groupId)).orderBy(desc(groupThreads.lastPostAt)).limit(5),
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
  return Promise.all(
    groups.map(async ({ id, lastVisitAt, ...group }) => ({
      ...group,
      visited: Boolean(lastVisitAt),
      news: lastVisitAt ? await getGroupActivity(id, lastVisitAt, userId, perGroup) : null,
    })),
  );
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
