import { sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { groupTasks, groupThreads, meetings } from "#db/schema";
import { GROUP_CONTENT_INDEX, sourceIdOf, type GroupContentKind } from "./indexes/group-content";
import { enqueueSearchSync, enqueueSearchSyncForQuery } from "./sync";

/** Records, in the caller's transaction, that the index must learn this thread, task or meeting. */
export async function enqueueGroupContentSync(executor: Executor, kind: GroupContentKind, rowId: string): Promise<void> {
  await enqueueSearchSync(executor, GROUP_CONTENT_INDEX, sourceIdOf(kind, rowId));
}

/**
 * After a group changes as a whole (visibility, name, archived): every one of its documents again,
 * in one statement however large the group (the source ids as `sourceIdOf` makes them).
 */
export async function enqueueWholeGroupSync(executor: Executor, groupId: string): Promise<void> {
  await enqueueSearchSyncForQuery(
    executor,
    GROUP_CONTENT_INDEX,
    sql`select 'thread:' || ${groupThreads.id} as id from ${groupThreads} where ${groupThreads.groupId} = ${groupId}
        union all select 'task:' || ${groupTasks.id} from ${groupTasks} where ${groupTasks.groupId} = ${groupId}
        union all select 'meeting:' || ${meetings.id} from ${meetings} where ${meetings.groupId} = ${groupId}`,
  );
}
