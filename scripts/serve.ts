// The app server alone, over servers named in the environment (used by `remix dev` and the browser tests).
import { startApp } from "./lib/app";
import { loadEnvOrExit } from "./lib/prepare";
import { createShutdown } from "./lib/shutdown";

const env = loadEnvOrExit();
if (!process.env.DATABASE_URL || !process.env.MEILI_URL) {
  console.error("scripts/serve.ts needs DATABASE_URL, MEILI_URL and MEILI_MASTER_KEY; use `npm start` or `npm run dev`.");
  process.exit(1);
}
const shutdown = createShutdown();
const app = await startApp(env, { development: process.env.NODE_ENV === "development" }).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
shutdown.add(app.stop);
console.info(`Kurze Wege is running at ${env.APP_URL} (port ${app.port}).`);
