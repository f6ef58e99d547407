import { db } from "#db/client";
import { announceSetupLink } from "#app/modules/admin/setup.server";
import { seedDemoOnStart } from "#app/modules/demo/seed.server";
import { prepareSearch, startApp } from "./lib/app";
import { ensureBuild } from "./lib/build";
import { isServerProcess, reportReady, serverProcessCount, startServerGroup } from "./lib/cluster";
import { loadEnvOrExit, prepareServices } from "./lib/prepare";
import { createShutdown } from "./lib/shutdown";

const env = loadEnvOrExit();

if (isServerProcess()) {
  // One of WEB_CONCURRENCY server processes: the primary has prepared the servers and the search.
  const shutdown = createShutdown();
  const app = await startApp(env, { development: false, prepareSearch: false }).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
  shutdown.add(app.stop);
  reportReady(app.port);
} else {
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
  const count = serverProcessCount(env.WEB_CONCURRENCY);
  const fail = async (message: string) => {
    console.error(message);
    await services.stop();
    process.exit(1);
  };
  let port: number;
  if (count === 1) {
    const app = await startApp(env, { development: false }).catch((error: Error) => fail(error.message));
    shutdown.add(app.stop);
    port = app.port;
  } else {
    await prepareSearch();
    const group = startServerGroup(count, (message) => void group.stop().then(() => fail(message)));
    shutdown.add(() => group.stop());
    port = await group.ready.catch(async (error: Error) => {
      await group.stop();
      return fail(error.message);
    });
  }
  const processes = count === 1 ? "" : `, ${count} server processes`;
  console.info(`Kurze Wege is running at ${env.APP_URL} (port ${port}${processes}). Stop with Ctrl-C.`);
}
