import { db } from "../db/client";
import { isDatabaseEmpty, seedDemo } from "../db/seed";
import { onShutdown, startApp } from "./lib/app";
import { loadEnvOrExit, prepareServices } from "./lib/prepare";

const env = loadEnvOrExit();
const services = await prepareServices(env);
if (env.SEED_DEMO && (await isDatabaseEmpty(db))) {
  console.info("Loading the demo network …");
  await seedDemo(db, (step) => console.info(`  · ${step}`));
}
const app = await startApp(env, { development: false });
console.info(`Kurze Wege is running at ${env.APP_URL} (port ${app.port}). Stop with Ctrl-C.`);
onShutdown(async () => {
  await app.stop();
  await services.stop();
});
