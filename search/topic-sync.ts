import type { Executor } from "#db/client";
import { TOPICS_INDEX } from "./indexes/topics";
import { enqueueSearchSync } from "./sync";

/** Records, in the caller's transaction, that the index must learn this topic as it is now. */
export async function enqueueTopicSync(executor: Executor, topicId: number): Promise<void> {
  await enqueueSearchSync(executor, TOPICS_INDEX, String(topicId));
}
