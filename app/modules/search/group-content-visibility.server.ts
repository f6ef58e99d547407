import { and, inArray, isNull, or } from "drizzle-orm";
import { db } from "#db/client";
import { groupTasks, groupThreads, meetings } from "#db/schema";
import type { SessionUser } from "#app/modules/auth/session.server";
import { groupIdReadableBy } from "#app/modules/groups/group-visibility.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
      ? db.select({ id: groupThreads.id }).from(groupThreads).where(and(inArray(groupThreads.id, byKind.thread), groupIdReadableBy(groupThreads.groupId, user)))
      : [],
    byKind.task.length ? db.select({ id: groupTasks.id }).from(groupTasks).where(and(inArray(groupTasks.id, byKind.task), groupIdReadableBy(groupTasks.groupId, user))) : [],
    byKind.meeting.length
      ? db
          .select({ id: meetings.id })
          .from(meetings)
          .where(and(inArray(meetings.id, byKind.meeting), isNull(meetings.cancelledAt), or(isNull(meetings.groupId), groupIdReadableBy(meetings.groupId, user))))
      : [],
  ]);
  return new Set([...threads.map((row) => `thread-${row.id}`), ...tasks.map((row) => `task-${row.id}`), ...held.map((row) => `meeting-${row.id}`)]);
}
