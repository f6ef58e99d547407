import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";

// PostgreSQL's own client programs make and read the backups: pg_dump must be at least as new as the
// server (an older one refuses, or worse, misses what it does not know), so the program is looked for
// where an operator keeps the matching version and its version is checked before it runs.

/**
 * A refusal or failure the operator acts on: its one-line message says everything (which program,
 * which versions, what to do), so it carries no stack that would bury it in a log.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
    this.stack = "";
  }
}

export type PgTool = "pg_dump" | "pg_restore";
export type Version = { version: string; major: number };
export type FoundTool = Version & { path: string };

/** "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" → 15.18, major 15; null for anything else. */
export function parseToolVersion(output: string): Version | null {
  const match = /\(PostgreSQL\) (\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return null;
  return { version: match[2] === undefined ? match[1]! : `${match[1]}.${match[2]}`, major: Number(match[1]) };
}

/** The server's version, e.g. 17.5 (major 17), asked of the server itself. */
export async function serverVersion(url: string): Promise<Version> {
  const sql = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    const [row] = await sql<{ num: string; text: string }[]>`select current_setting('server_version_num') as num, current_setting('server_version') as text`;
    const number = Number(row!.num);
    return { version: row!.text.split(" ")[0]!, major: Math.floor(number / 10_000) };
  } catch (error) {
    throw new BackupError(`PostgreSQL could not be reached: ${(error as Error).message}`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * Where a client program is looked for, in order: PG_BIN_DIR alone when it is set (the operator's
 * choice is not second-guessed); else Debian's and Ubuntu's folder for the server's major version, then
 * every folder on PATH.
 */
export function toolCandidates(tool: PgTool, serverMajor: number, pgBinDir: string | undefined, pathVariable = process.env.PATH ?? ""): string[] {
  if (pgBinDir) return [path.join(pgBinDir, tool)];
  const onPath = pathVariable
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, tool));
  return [`/usr/lib/postgresql/${serverMajor}/bin/${tool}`, ...onPath];
}

/** Runs a program to its end and returns its exit code and what it printed (nothing goes to a shell). */
export function runProgram(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const isExecutable = (file: string) =>
  fs.access(file, fs.constants.X_OK).then(
    () => true,
    () => false,
  );

/** How to get client programs of a version, for the messages. */
export const clientToolsHint = (major: number) =>
  `install the PostgreSQL ${major} client tools (Debian 13: apt install postgresql-client-${major}; Debian 12 and Ubuntu: the same package from apt.postgresql.org; macOS: brew install postgresql@${major}) and set PG_BIN_DIR to their bin folder`;

/** Finds the program (see toolCandidates) and asks it its version. */
export async function findTool(tool: PgTool, serverMajor: number, pgBinDir?: string): Promise<FoundTool> {
  for (const candidate of toolCandidates(tool, serverMajor, pgBinDir)) {
    if (!(await isExecutable(candidate))) continue;
    const { stdout } = await runProgram(candidate, ["--version"]);
    const version = parseToolVersion(stdout);
    if (!version) throw new BackupError(`${candidate} --version did not name a PostgreSQL version: ${stdout.trim() || "no answer"}`);
    return { ...version, path: candidate };
  }
  const where = pgBinDir ? `in PG_BIN_DIR (${pgBinDir})` : `in /usr/lib/postgresql/${serverMajor}/bin or on PATH`;
  throw new BackupError(`${tool} was not found ${where}: ${clientToolsHint(serverMajor)}.`);
}

/** Refuses a pg_dump older than the server: PostgreSQL's rule, checked before a file is begun. */
export function requireDumpVersion(tool: FoundTool, server: Version): void {
  if (tool.major >= server.major) return;
  throw new BackupError(
    `pg_dump ${tool.version} (${tool.path}) is older than the PostgreSQL server (${server.version}): a backup needs pg_dump ${server.major} or newer; ${clientToolsHint(server.major)}.`,
  );
}

/**
 * The connection for libpq's programs: the URL without its password, which would show in the process
 * list, and the password in PGPASSWORD of the program's environment.
 */
export function libpqConnection(url: string, base: Record<string, string | undefined> = process.env): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  const env = (password ? { ...base, PGPASSWORD: password } : { ...base }) as NodeJS.ProcessEnv;
  return { dbname: parsed.toString(), env };
}

/** The line of a program's error output that says what went wrong (its first "error:" line, else its first line). */
export function firstError(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.find((line) => /error:/i.test(line)) ?? lines[0] ?? "no message";
}

/** The database a URL names. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}
