import { spawn } from "node:child_process";
import { closeDb, db } from "#db/client";
import { announceSetupLink } from "#app/modules/admin/setup.server";
import { seedDemoOnStart } from "#app/modules/demo/seed.server";
import { loadEnvOrExit, prepareServices } from "./lib/prepare";

// Servers are started once here; `remix dev` rebuilds and restarts only the app server on changes.
const env = loadEnvOrExit();
const services = await prepareServices(env);
await seedDemoOnStart(db, env, (line) => console.info(line));
await announceSetupLink(db, env.APP_URL);
await closeDb();

const child = spawn("npx", ["remix", "dev", "-c", "node --import tsx scripts/serve.ts"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "development" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => {
  void services.stop().then(() => process.exit(code ?? 0));
});
