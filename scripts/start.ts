import { db } from "#db/client";
import { announceSetupLink } from "#app/modules/admin/setup.server";
import { seedDemoOnStart } from "#app/modules/demo/seed.server";
import { startApp } from "./lib/app";
import { ensureBuild } from "./lib/build";
import { loadEnvOrExit, prepareServices } from "./lib/prepare";
import { createShutdown } from "./lib/shutdown";

const env = loadEnvOrExit();
try {
  ensureBuild((line) => console.info(line));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const shutdown = createShutdown();
const services = await prepareServices(env);
shutdown.add(services.stop);
await seedDemoOnStart(db, env, (line) => console.info(line));
await announceSetupLink(db, env.APP_URL);
const app = await startApp(env, { development: false }).catch(async (error: Error) => {
  console.error(error.message);
  await services.stop();
  process.exit(1);
});
shutdown.add(app.stop);
console.info(`Kurze Wege is running at ${env.APP_URL} (port ${app.port}). Stop with Ctrl-C.`);
