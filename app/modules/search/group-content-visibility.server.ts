import { and, inArray, isNull, or } from "drizzle-orm";
import { db } from "#db/client";
import { groupTasks, groupThreads, meetings } from "#db/schema";
import { documentIdOf, rowOfDocumentId, type GroupContentKind } from "#search/indexes/group-content";
import type { SessionUser } from "#app/modules/auth/session.server";
import { groupIdReadableBy } from "#app/modules/groups/group-visibility.server";

/**
 * Of these group-content hits (document ids such as "thread-<uuid>"), the ones this user may see
 * according to PostgreSQL right now: the index may lag behind a leave, a move or a delete.
 */
export async function visibleGroupContent(ids: string[], user: SessionUser | null): Promise<Set<string>> {
  const byKind: Record<GroupContentKind, string[]> = { thread: [], task: [], meeting: [] };
  for (const id of ids) {
    const row = rowOfDocumentId(id);
    if (row) byKind[row.kind].push(row.rowId);
  }
  const [threads, tasks, held] = await Promise.all([
    byKind.thread.length
      ? db
          .select({ id: groupThreads.id })
          .from(groupThreads)
          .where(and(inArray(groupThreads.id, byKind.thread), groupIdReadableBy(groupThreads.groupId, user)))
      : [],
    byKind.task.length
      ? db
          .select({ id: groupTasks.id })
          .from(groupTasks)
          .where(and(inArray(groupTasks.id, byKind.task), groupIdReadableBy(groupTasks.groupId, user)))
      : [],
    byKind.meeting.length
      ? db
          .select({ id: meetings.id })
          .from(meetings)
          .where(and(inArray(meetings.id, byKind.meeting), isNull(meetings.cancelledAt), or(isNull(meetings.groupId), groupIdReadableBy(meetings.groupId, user))))
      : [],
  ]);
  return new Set([...threads.map((row) => documentIdOf("thread", row.id)), ...tasks.map((row) => documentIdOf("task", row.id)), ...held.map((row) => documentIdOf("meeting", row.id))]);
}
