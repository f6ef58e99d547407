import { and, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { db } from "../../../db/client";
import { groupMemberships, groupTasks, groupThreads, meetings, workingGroups } from "../../../db/schema";
import type { SessionUser } from "~/modules/auth/session.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A group this user may read now: not archived, and public or theirs (checked in PostgreSQL). */
function readableGroup(groupId: PgColumn, user: SessionUser | null): SQL {
  const member = user
    ? sql`exists (select 1 from ${groupMemberships} where ${groupMemberships.groupId} = ${workingGroups.id} and ${groupMemberships.userId} = ${user.id})`
    : sql`false`;
  return sql`exists (select 1 from ${workingGroups} where ${workingGroups.id} = ${groupId} and ${workingGroups.archivedAt} is null and (${workingGroups.visibility} = 'public' or ${member}))`;
}

/**
 * Of these group-content hits ("thread-<uuid>", "task-<uuid>", "meeting-<uuid>"), the ones this user
 * may see according to PostgreSQL right now: the index may lag behind a leave, a move or a delete.
 */
export async function visibleGroupContent(ids: string[], user: SessionUser | null): Promise<Set<string>> {
  const byKind = { thread: [] as string[], task: [] as string[], meeting: [] as string[] };
  for (const id of ids) {
    const dash = id.indexOf("-");
    const kind = id.slice(0, dash) as keyof typeof byKind;
    const rowId = id.slice(dash + 1);
    if (kind in byKind && UUID.test(rowId)) byKind[kind].push(rowId);
  }
  const [threads, tasks, held] = await Promise.all([
    byKind.thread.length
      ? db.select({ id: groupThreads.id }).from(groupThreads).where(and(inArray(groupThreads.id, byKind.thread), readableGroup(groupThreads.groupId, user)))
      : [],
    byKind.task.length ? db.select({ id: groupTasks.id }).from(groupTasks).where(and(inArray(groupTasks.id, byKind.task), readableGroup(groupTasks.groupId, user))) : [],
    byKind.meeting.length
      ? db
          .select({ id: meetings.id })
          .from(meetings)
          .where(and(inArray(meetings.id, byKind.meeting), isNull(meetings.cancelledAt), or(isNull(meetings.groupId), readableGroup(meetings.groupId, user))))
      : [],
  ]);
  return new Set([...threads.map((row) => `thread-${row.id}`), ...tasks.map((row) => `task-${row.id}`), ...held.map((row) => `meeting-${row.id}`)]);
}
