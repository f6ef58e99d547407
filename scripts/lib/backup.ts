import fs from "node:fs/promises";
import path from "node:path";
import { BackupError, findTool, firstError, libpqConnection, requireDumpVersion, runProgram, serverVersion } from "./backup-tools";

// `npm run db:backup` and the daily job: a custom-format dump (pg_dump -Fc, compressed, restorable
// table by table) of the whole database, written under a temporary name and renamed only when pg_dump
// succeeded, so a file with a backup's name is always a whole backup.

/** Where backups go: DATA_DIR/backups. */
export function backupDir(dataDir: string): string {
  return path.join(dataDir, "backups");
}

const NAME = /^kurze-wege-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.dump$/;
const PARTIAL = /^\.kurze-wege-.*\.partial$/;
const DAY_MS = 86_400_000;

/** kurze-wege-2026-12-07T02-23-00.000Z.dump: UTC, sorts by time, no characters a file system dislikes. */
export function backupFileName(at: Date): string {
  return `kurze-wege-${at.toISOString().replace(/:/g, "-")}.dump`;
}

/** The backups among the names beyond the newest `keep`; other files in the folder are never touched. */
export function backupsToRemove(names: string[], keep: number): string[] {
  return names
    .filter((name) => NAME.test(name))
    .sort()
    .reverse()
    .slice(keep);
}

export type BackupOptions = {
  /** The schema owner's connection: only it may read every table (the app's role cannot read the migrations' bookkeeping). */
  ownerUrl: string;
  dir: string;
  keep: number;
  pgBinDir?: string;
  now?: Date;
};

export type BackupResult = { file: string; bytes: number; pgDump: string; removed: string[] };

/** Leftovers of a backup that was killed midway (a day old: a running one is never that old). */
async function removeStalePartials(dir: string, names: string[]): Promise<void> {
  for (const name of names.filter((candidate) => PARTIAL.test(candidate))) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > DAY_MS) await fs.rm(file, { force: true });
  }
}

/**
 * Writes a backup of the database into `dir` and keeps the newest `keep` backups there. Refuses, with
 * one line and before any file is begun, a pg_dump older than the server.
 */
export async function backupDatabase(options: BackupOptions): Promise<BackupResult> {
  const server = await serverVersion(options.ownerUrl);
  const pgDump = await findTool("pg_dump", server.major, options.pgBinDir);
  requireDumpVersion(pgDump, server);

  // Dumps hold password hashes and personal data: readable by this user only.
  await fs.mkdir(options.dir, { recursive: true, mode: 0o700 });
  const name = backupFileName(options.now ?? new Date());
  const file = path.join(options.dir, name);
  const partial = path.join(options.dir, `.${name}.${process.pid}.partial`);
  // Made here with its mode; pg_dump writes into it and keeps the mode.
  await (await fs.open(partial, "wx", 0o600)).close();
  const connection = libpqConnection(options.ownerUrl);
  try {
    const { code, stderr } = await runProgram(pgDump.path, ["--format=custom", "--no-password", `--file=${partial}`, `--dbname=${connection.dbname}`], connection.env);
    if (code !== 0) throw new BackupError(`pg_dump failed (no backup was written): ${firstError(stderr)}`);
    await fs.rename(partial, file);
  } finally {
    await fs.rm(partial, { force: true });
  }

  const names = await fs.readdir(options.dir);
  const removed = backupsToRemove(names, options.keep);
  for (const old of removed) await fs.rm(path.join(options.dir, old), { force: true });
  await removeStalePartials(options.dir, names);
  const { size } = await fs.stat(file);
  return { file, bytes: size, pgDump: `${pgDump.path} ${pgDump.version}`, removed };
}
