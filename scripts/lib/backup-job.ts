import { parseEnv, type Env } from "#app/utils/env.server";
import { log } from "#app/utils/log.server";
import { runningEmbeddedDatabaseUrl } from "#scripts/services";
import { backupDatabase, backupDir, type BackupResult } from "./backup";
import { BackupError } from "./backup-tools";

// The daily backup (BACKUP_DAILY=true) is a cron job of the job queue: graphile-worker's crontab
// enqueues it once per day for the whole site, however many processes and machines run the worker,
// and whichever process takes it writes the file into its DATA_DIR/backups.

export const BACKUP_TASK = "db_backup";

/** The crontab line of the daily backup (02:23 UTC, tried three times), or nothing when it is off. */
export function backupCrontab(env: Pick<Env, "BACKUP_DAILY"> = parseEnv()): string {
  return env.BACKUP_DAILY ? `23 2 * * * ${BACKUP_TASK} ?max=3` : "";
}

const sameDatabase = (a: string, b: string) => {
  const [x, y] = [new URL(a), new URL(b)];
  return x.hostname === y.hostname && x.port === y.port && x.pathname === y.pathname;
};

/**
 * The owner's connection for a backup taken inside a server process, which holds only the app's
 * connection: with the embedded PostgreSQL the owner's is on record in DATA_DIR (beside its password);
 * with an external server DATABASE_URL is the owner, since parseEnv refuses BACKUP_DAILY with a
 * separate MIGRATION_DATABASE_URL.
 */
export async function scheduledOwnerUrl(env: Pick<Env, "DATABASE_URL" | "MIGRATION_DATABASE_URL" | "DATA_DIR">): Promise<string> {
  if (!env.DATABASE_URL) throw new BackupError("DATABASE_URL is not set: the daily backup runs in the site's processes.");
  const embedded = await runningEmbeddedDatabaseUrl(env.DATA_DIR);
  if (embedded && sameDatabase(embedded, env.DATABASE_URL)) return embedded;
  return env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
}

/** One backup as the daily job takes it, with the configuration of this process. */
export async function runScheduledBackup(source: Record<string, string | undefined> = process.env): Promise<BackupResult> {
  const env = parseEnv(source);
  return backupDatabase({ ownerUrl: await scheduledOwnerUrl(env), dir: backupDir(env.DATA_DIR), keep: env.BACKUP_KEEP, pgBinDir: env.PG_BIN_DIR });
}

/** The job: a backup, and a log line that names the file (a failure is logged by the job queue, without a stack for a BackupError). */
export async function backupTask(): Promise<void> {
  const result = await runScheduledBackup();
  log.info({ component: "backup", file: result.file, bytes: result.bytes, removed: result.removed.length }, "backup written");
}
