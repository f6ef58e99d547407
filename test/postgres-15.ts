import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { freePort } from "#scripts/lib/process";

// A real external PostgreSQL 15 from Debian's packages (postgresql-15), started by the test itself: the
// server an operator runs beside the app. The embedded server is 17; this is the oldest we support.

export const PG15_BIN = "/usr/lib/postgresql/15/bin";

/** Why PostgreSQL 15 cannot run here, or null when it can. */
export function postgres15Missing(): string | null {
  for (const program of ["initdb", "postgres", "pg_dump", "pg_restore"]) {
    if (!fs.existsSync(path.join(PG15_BIN, program))) return `${PG15_BIN}/${program} is missing: install the Debian packages postgresql-15 and postgresql-client-15 (.ci/run does)`;
  }
  return null;
}

export type Postgres15 = {
  /** The superuser `postgres`, on the database `postgres`. */
  adminUrl: string;
  /** The same server, another role and database (no password: trust on 127.0.0.1). */
  url: (role: string, database: string) => string;
  stop: () => Promise<void>;
};

/** PostgreSQL refuses to run as root: then it runs as the system user `postgres` (the package makes it). */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** initdb in a temporary folder, then postgres on a free port of 127.0.0.1 with trust authentication. */
export async function startPostgres15(): Promise<Postgres15> {
  const user = runAs();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kw-pg15-"));
  if (user) fs.chownSync(folder, user.uid, user.gid);
  const dataDir = path.join(folder, "data");
  execFileSync(path.join(PG15_BIN, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], {
    ...user,
    cwd: folder,
    stdio: "pipe",
  });
  const port = await freePort();
  const options = ["-c", "listen_addresses=127.0.0.1", "-c", `port=${port}`, "-c", `unix_socket_directories=${folder}`, "-c", "fsync=off", "-c", "full_page_writes=off"];
  const child: ChildProcess = spawn(path.join(PG15_BIN, "postgres"), ["-D", dataDir, ...options], { ...user, cwd: folder, stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Never outlive the test run.
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);

  const url = (role: string, database: string) => `postgres://${role}@127.0.0.1:${port}/${database}`;
  const adminUrl = url("postgres", "postgres");
  const deadline = Date.now() + 30_000;
  for (;;) {
    const sql = postgres(adminUrl, { max: 1, connect_timeout: 2, onnotice: () => {} });
    const up = await sql`select 1`.then(
      () => true,
      () => false,
    );
    await sql.end({ timeout: 1 });
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`PostgreSQL 15 did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    adminUrl,
    url,
    stop: async () => {
      process.removeListener("exit", kill);
      // Fast shutdown: open connections are ended.
      if (child.exitCode === null) child.kill("SIGINT");
      await exited;
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}
