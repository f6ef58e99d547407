import { backupDatabase, backupDir } from "./lib/backup";
import { loadEnvOrExit } from "./lib/prepare";
import { ensureServices, type Services } from "./services";

// Not through runTask, which migrates first: a backup keeps the database as it is, so one taken
// before an update is the way back to the release before it.

const env = loadEnvOrExit();
const external = Boolean(env.DATABASE_URL);
let services: Services | undefined;
let failed = false;
try {
  let ownerUrl: string;
  if (external) {
    ownerUrl = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL!;
  } else {
    // The running site's embedded PostgreSQL for this DATA_DIR, or one started for this run.
    services = await ensureServices({ dataDir: env.DATA_DIR, log: (line) => console.info(line) });
    ownerUrl = services.databaseUrl;
  }
  const result = await backupDatabase({ ownerUrl, dir: backupDir(env.DATA_DIR), keep: env.BACKUP_KEEP, pgBinDir: env.PG_BIN_DIR });
  console.info(`Backup written: ${result.file} (${(result.bytes / 1024).toFixed(0)} kB, ${result.pgDump}). Copy it off this machine.`);
  if (result.removed.length > 0) console.info(`Removed ${result.removed.length} older backups (BACKUP_KEEP=${env.BACKUP_KEEP}).`);
} catch (error) {
  failed = true;
  console.error(`db:backup: ${(error as Error).message}`);
} finally {
  await services?.stop();
}
process.exit(failed ? 1 : 0);
