import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { migrateDatabase } from "#db/migrate";
import { BackupError, clientToolsHint, databaseName, findTool, firstError, libpqConnection, runProgram, serverVersion } from "./backup-tools";

// `npm run db:restore -- <file>`: a backup of db:backup into an empty database. The roles of the site
// the backup came from need not exist here: owners and privileges are left out (the owner who restores
// owns everything), and the migrations that follow grant this site's app role its rows again.

/** Tables in the database outside PostgreSQL's own schemas. */
async function countTables(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    const [row] = await sql<{ count: number }[]>`
      select count(*)::int as count from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')`;
    return row!.count;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * The archive's table of contents without its row-level security policies: they name the app role of
 * the site the backup came from, and the migrations make them anew for this site's app role.
 */
export function withoutPolicies(list: string): string {
  return list
    .split("\n")
    .filter((line) => !/^\d+; \d+ \d+ POLICY /.test(line))
    .join("\n");
}

/** The major version of the pg_dump that wrote the archive, from its table of contents. */
export function dumpedByMajor(list: string): number | null {
  const match = /Dumped by pg_dump version: (\d+)/.exec(list);
  return match ? Number(match[1]) : null;
}

export type RestoreOptions = {
  file: string;
  /** The schema owner's connection to the empty database. */
  ownerUrl: string;
  /** The app's role when it is not the owner: the migrations grant it its rows. */
  appRole?: string;
  pgBinDir?: string;
  /** What to do when the database is not empty (it differs between the embedded and an external server). */
  notEmptyHint: string;
};

/**
 * Restores the backup into the database in one transaction (all or nothing), then migrates it, which
 * brings a backup of an earlier release up to date and grants the app role. Refuses a database that
 * has tables. The search indexes are the caller's to rebuild.
 */
export async function restoreDatabase(options: RestoreOptions): Promise<void> {
  const stat = await fs.stat(options.file).catch(() => null);
  if (!stat?.isFile()) throw new BackupError(`${options.file} is not a file.`);
  const server = await serverVersion(options.ownerUrl);
  const pgRestore = await findTool("pg_restore", server.major, options.pgBinDir);
  const listed = await runProgram(pgRestore.path, ["--list", options.file]);
  if (listed.code !== 0) throw new BackupError(`${options.file} is not a backup that pg_restore ${pgRestore.version} (${pgRestore.path}) can read: ${firstError(listed.stderr)}`);
  const writtenBy = dumpedByMajor(listed.stdout);
  if (writtenBy !== null && writtenBy > pgRestore.major) {
    throw new BackupError(`${options.file} was written by pg_dump ${writtenBy}; pg_restore ${pgRestore.version} (${pgRestore.path}) is older: ${clientToolsHint(writtenBy)}.`);
  }
  const tables = await countTables(options.ownerUrl);
  if (tables > 0) {
    throw new BackupError(`The database ${databaseName(options.ownerUrl)} is not empty (${tables} tables); db:restore restores into an empty database only: ${options.notEmptyHint}`);
  }

  const folder = await fs.mkdtemp(path.join(os.tmpdir(), "kurze-wege-restore-"));
  try {
    const listFile = path.join(folder, "contents.list");
    await fs.writeFile(listFile, withoutPolicies(listed.stdout));
    const connection = libpqConnection(options.ownerUrl);
    const args = ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--no-password", `--use-list=${listFile}`, `--dbname=${connection.dbname}`, options.file];
    const restored = await runProgram(pgRestore.path, args, connection.env);
    if (restored.code !== 0) throw new BackupError(`pg_restore failed (nothing was restored): ${firstError(restored.stderr)}`);
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
  await migrateDatabase(options.ownerUrl, { appRole: options.appRole });
}
