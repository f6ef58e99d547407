import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "#db/schema";
import { seedDemo } from "#app/modules/demo/seed.server";
import { ensureBuild } from "#scripts/lib/build";
import { freePort } from "#scripts/lib/process";
import { withDatabase } from "./database-url";

/**
 * Builds the app (unless the build is current) and starts it as production would run it, on a free port, over a database of its
 * own; the browser tests drive it and reach its database through E2E_DATABASE_URL.
 */
export default async function setup() {
  ensureBuild();
  const database = `kw_e2e_${randomBytes(4).toString("hex")}`;
  const serverUrl = process.env.TEST_SERVER_URL!;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${database} TEMPLATE ${process.env.TEST_TEMPLATE_DATABASE}`);
  // The browser tests see the demo network, as a new user does after `npm start`.
  const seedConnection = postgres(withDatabase(serverUrl, database), { max: 1, onnotice: () => {} });
  await seedDemo(drizzle(seedConnection, { schema }));
  await seedConnection.end();
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const databaseUrl = withDatabase(serverUrl, database);
  const child: ChildProcess = spawn("node", ["--import", "tsx", "scripts/serve.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), APP_URL: baseUrl, DATABASE_URL: databaseUrl, MEILI_INDEX_PREFIX: `e2e${randomBytes(3).toString("hex")}_` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error("the app server for the browser tests did not start");
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_DATABASE_URL = databaseUrl;

  return stop;
}
