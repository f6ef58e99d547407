import { eq } from "drizzle-orm";
import type { Executor } from "../db/client";
import { groupTasks, groupThreads, meetings } from "../db/schema";
import { GROUP_CONTENT_INDEX, sourceIdOf, type GroupContentKind } from "./indexes/group-content";
import { enqueueSearchSync } from "./sync";

/** Records, in the caller's transaction, that the index must learn this thread, task or meeting. */
export async function enqueueGroupContentSync(executor: Executor, kind: GroupContentKind, rowId: string): Promise<void> {
  await enqueueSearchSync(executor, GROUP_CONTENT_INDEX, sourceIdOf(kind, rowId));
}

/** After a group changes as a whole (visibility, name, archived): every one of its documents again. */
export async function enqueueWholeGroupSync(executor: Executor, groupId: string): Promise<void> {
  const [threads, tasks, held] = await Promise.all([
    executor.select({ id: groupThreads.id }).from(groupThreads).where(eq(groupThreads.groupId, groupId)),
    executor.select({ id: groupTasks.id }).from(groupTasks).where(eq(groupTasks.groupId, groupId)),
    executor.select({ id: meetings.id }).from(meetings).where(eq(meetings.groupId, groupId)),
  ]);
  for (const row of threads) await enqueueGroupContentSync(executor, "thread", row.id);
  for (const row of tasks) await enqueueGroupContentSync(executor, "task", row.id);
  for (const row of held) await enqueueGroupContentSync(executor, "meeting", row.id);
}
