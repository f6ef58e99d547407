import path from "node:path";
import { closeDb, db } from "#db/client";
import { reindexAll } from "#search/reindex";
import { restoreDatabase } from "./lib/backup-restore";
import { loadEnvOrExit, resolveDatabaseRoles } from "./lib/prepare";
import { ensureServices, type Services } from "./services";

// Not through runTask, which migrates first: the backup goes into an empty database, and the
// migrations run after it (they bring a backup of an earlier release up to date).

const usage = "usage: npm run db:restore -- <backup file>   (into an empty database; see README, Running in production)";
const [argument] = process.argv.slice(2);
if (!argument || argument.startsWith("-")) {
  console.error(usage);
  process.exit(1);
}
// npm runs scripts in the project folder: a relative path means the folder the command was typed in.
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), argument);

const env = loadEnvOrExit();
const external = Boolean(env.DATABASE_URL);
const notEmptyHint = external
  ? "create an empty database owned by the owner role (createdb -O <owner> <name>), point DATABASE_URL (and MIGRATION_DATABASE_URL) at it and run this again."
  : `stop the site, move ${path.join(env.DATA_DIR, "postgres")} aside (keep secrets.json beside it) and run this again: it starts with an empty database.`;
let services: Services | undefined;
let failed = false;
try {
  services = await ensureServices({ dataDir: env.DATA_DIR, log: (line) => console.info(line) });
  const roles = await resolveDatabaseRoles(env, services, external);
  console.info(`Restoring ${file} …`);
  await restoreDatabase({ file, ownerUrl: roles.migrationUrl, appRole: roles.appRole, pgBinDir: env.PG_BIN_DIR, notEmptyHint });
  console.info("Restored and migrated; rebuilding the search indexes …");
  // From here on as the app: its connection, its search engine.
  process.env.DATABASE_URL = roles.appUrl;
  delete process.env.MIGRATION_DATABASE_URL;
  process.env.MEILI_URL = services.meiliUrl;
  process.env.MEILI_MASTER_KEY = services.meiliMasterKey;
  await reindexAll(db, (index, done) => console.info(`  · ${index}: ${done} documents`));
  console.info("Search indexes rebuilt. The site can start.");
} catch (error) {
  failed = true;
  console.error(`db:restore: ${(error as Error).message}`);
} finally {
  await closeDb();
  await services?.stop();
}
process.exit(failed ? 1 : 0);
