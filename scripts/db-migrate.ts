import { runTask } from "./lib/task";

// prepareServices migrates; the task itself only reports.
await runTask("db:migrate", async () => console.info("Migrations applied."));
