import { db } from "#db/client";
import { reindexAll } from "#search/reindex";
import { runTask } from "./lib/task";

await runTask("search:reindex", async () => {
  await reindexAll(db, (index, done) => console.info(`  · ${index}: ${done} documents`));
  console.info("Search indexes rebuilt.");
});
