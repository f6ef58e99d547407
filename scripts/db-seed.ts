import { db } from "#db/client";
import { seedDemo } from "#app/modules/demo/seed.server";
import { reindexAll } from "#search/reindex";
import { runTask } from "./lib/task";

await runTask("db:seed", async () => {
  await seedDemo(db, (step) => console.info(`  · ${step}`));
  await reindexAll(db, (index, done) => console.info(`  · search index ${index}: ${done} documents`));
  console.info("Demo network loaded.");
});
