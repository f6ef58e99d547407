import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { migrateDatabase } from "#db/migrate";
import { ensureAppRole, ensureServices } from "#scripts/services";
import { withDatabase } from "./database-url";

/**
 * Makes the run's app role, as the app's own start does (decision 068): tests then read and write as a
 * role without schema rights, and the owner's connection migrates. Undefined when the server's user may
 * not make roles (an external test server): then the tests connect as that user.
 */
async function makeAppRole(serverUrl: string): Promise<{ role: string; url: string } | undefined> {
  const role = `kw_test_app_${randomBytes(4).toString("hex")}`;
  try {
    return { role, url: await ensureAppRole(serverUrl, role, randomBytes(16).toString("hex")) };
  } catch {
    return undefined;
  }
}

/**
 * Starts real servers for the run (embedded ones in a temporary folder, or the ones named by
 * DATABASE_URL / MEILI_URL / MEILI_MASTER_KEY) and migrates a template database that every test
 * file copies, with its grants to the app role.
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
  const appRole = await makeAppRole(services.databaseUrl);
  try {
    await admin.unsafe(`CREATE DATABASE ${template}`);
    await migrateDatabase(withDatabase(services.databaseUrl, template), { appRole: appRole?.role });
    if (appRole) {
      // Test files empty tables between tests; the app's own role has no TRUNCATE.
      const owner = postgres(withDatabase(services.databaseUrl, template), { max: 1, onnotice: () => {} });
      await owner.unsafe(`GRANT TRUNCATE ON ALL TABLES IN SCHEMA public TO ${appRole.role}`).finally(() => owner.end());
    }
  } catch (error) {
    await admin.end();
    await services.stop();
    throw error;
  }

  Object.assign(process.env, {
    TEST_SERVER_URL: services.databaseUrl,
    TEST_TEMPLATE_DATABASE: template,
    // The per-file databases' app connection (the owner's is TEST_SERVER_URL).
    TEST_APP_SERVER_URL: appRole?.url ?? services.databaseUrl,
    MEILI_URL: services.meiliUrl,
    MEILI_MASTER_KEY: services.meiliMasterKey,
    DATA_DIR: dataDir,
    APP_URL: "http://localhost:3000",
    APP_SECRET: process.env.APP_SECRET || randomBytes(32).toString("hex"),
    SEED_DEMO: "false",
  });

  return async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    // Left behind (and removed with the folder) while another database still grants it something.
    if (appRole) await admin.unsafe(`DROP ROLE IF EXISTS ${appRole.role}`).catch(() => undefined);
    await admin.end();
    await services.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}
