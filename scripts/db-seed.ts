import { db } from "../db/client";
import { seedDemo } from "../db/seed";
import { runTask } from "./lib/task";

await runTask("db:seed", async () => {
  await seedDemo(db, (step) => console.info(`  · ${step}`));
  console.info("Demo network loaded.");
});
