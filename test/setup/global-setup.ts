import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { migrateDatabase } from "#db/migrate";
import { ensureServices } from "#scripts/services";
import { withDatabase } from "./database-url";

/**
 * Starts real servers for the run (embedded ones in a temporary folder, or the ones named by
 * DATABASE_URL / MEILI_URL / MEILI_MASTER_KEY) and migrates a template database that every test
 * file copies.
 */
export default async function setup() {
  // Projects inherit the root's global setup: the servers of the first call serve them all.
  if (process.env.TEST_SERVER_URL) return;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "kurze-wege-test-"));
  // PostgreSQL runs as its own user, which must be able to enter the folder.
  await fs.chmod(dataDir, 0o755);
  const services = await ensureServices({ dataDir, ephemeral: true });
  const template = `kw_template_${randomBytes(4).toString("hex")}`;
  const admin = postgres(services.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${template}`);
    await migrateDatabase(withDatabase(services.databaseUrl, template));
  } catch (error) {
    await admin.end();
    await services.stop();
    throw error;
  }

  Object.assign(process.env, {
    TEST_SERVER_URL: services.databaseUrl,
    TEST_TEMPLATE_DATABASE: template,
    MEILI_URL: services.meiliUrl,
    MEILI_MASTER_KEY: services.meiliMasterKey,
    DATA_DIR: dataDir,
    APP_URL: "http://localhost:3000",
    APP_SECRET: process.env.APP_SECRET || randomBytes(32).toString("hex"),
    SEED_DEMO: "false",
  });

  return async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await services.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}
