import { db } from "#db/client";
import { mayLoadDemo, seedDemo } from "#app/modules/demo/seed.server";
import { reindexAll } from "#search/reindex";
import { runTask } from "./lib/task";

await runTask("db:seed", async (env) => {
  if (!mayLoadDemo(env)) throw new Error(`APP_URL (${env.APP_URL}) is not localhost: the demo network and its published passwords are loaded there only with SEED_DEMO=true.`);
  await seedDemo(db, (step) => console.info(`  · ${step}`));
  await reindexAll(db, (index, done) => console.info(`  · search index ${index}: ${done} documents`));
  console.info("Demo network loaded.");
});
