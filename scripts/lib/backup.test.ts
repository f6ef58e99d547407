import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "#app/utils/env.server";
import { PG15_BIN, postgres15Missing } from "#test/postgres-15";
import { backupFileName, backupsToRemove } from "./backup";
import { backupCrontab, scheduledOwnerUrl } from "./backup-job";
import { dumpedByMajor, withoutPolicies } from "./backup-restore";
import { libpqConnection, parseToolVersion, serverVersion, toolCandidates } from "./backup-tools";

const root = path.resolve(import.meta.dirname, "../..");

/** A command-line script as an operator runs it, with only the variables given. */
function runScript(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // NOTE: Remix's types make NODE_ENV a required variable; an operator's environment need not have it.
    const operatorEnv: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, ...env };
    const child = spawn("node", ["--import", "tsx", path.join("scripts", script)], { cwd: root, env: operatorEnv as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("backup files", () => {
  test("are named by their UTC time, sort in time order and carry no colon", () => {
    const names = [new Date("2026-12-07T02:23:00.000Z"), new Date("2026-12-07T10:00:00.500Z"), new Date("2027-01-01T00:00:00.000Z")].map(backupFileName);
    expect(names[0]).toBe("kurze-wege-2026-12-07T02-23-00.000Z.dump");
    expect([...names].reverse().sort()).toEqual(names);
    expect(names.join("")).not.toContain(":");
  });

  test("beyond the newest BACKUP_KEEP are removed, and other files in the folder never", () => {
    const backups = ["2026-12-01", "2026-12-03", "2026-12-02", "2026-12-04"].map((day) => backupFileName(new Date(`${day}T02:23:00Z`)));
    const others = ["notes.txt", "kurze-wege-handmade.dump", ".kurze-wege-2026-12-05T02-23-00.000Z.dump.42.partial"];
    expect(backupsToRemove([...backups, ...others], 2).sort()).toEqual([backups[0], backups[2]].sort());
    expect(backupsToRemove(backups, 14)).toEqual([]);
  });
});

describe("PostgreSQL's client programs", () => {
  test("their version is read from --version", () => {
    expect(parseToolVersion("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n")).toEqual({ version: "15.18", major: 15 });
    expect(parseToolVersion("pg_restore (PostgreSQL) 17.2")).toEqual({ version: "17.2", major: 17 });
    expect(parseToolVersion("pg_dump (PostgreSQL) 18beta1")).toEqual({ version: "18", major: 18 });
    expect(parseToolVersion("bash: pg_dump: command not found")).toBeNull();
  });

  test("PG_BIN_DIR alone is used when set; else the server's version folder, then PATH", () => {
    expect(toolCandidates("pg_dump", 17, "/opt/pg17/bin", "/usr/bin")).toEqual(["/opt/pg17/bin/pg_dump"]);
    expect(toolCandidates("pg_restore", 17, undefined, "/usr/local/bin:/usr/bin")).toEqual(["/usr/lib/postgresql/17/bin/pg_restore", "/usr/local/bin/pg_restore", "/usr/bin/pg_restore"]);
  });

  test("get the password in their environment, never on their command line", () => {
    const connection = libpqConnection("postgres://owner:p%40ss%3Aword@db.example:5433/site?sslmode=require", {});
    expect(connection.dbname).toBe("postgres://owner@db.example:5433/site?sslmode=require");
    expect(connection.env.PGPASSWORD).toBe("p@ss:word");
    expect(libpqConnection("postgres://owner@127.0.0.1/site", {}).env.PGPASSWORD).toBeUndefined();
  });

  test("a restore leaves out the old site's policies and knows which pg_dump wrote the archive", () => {
    const list = [
      ";     Dumped by pg_dump version: 17.2",
      "4233; 3256 19473 POLICY graphile_worker _private_job_queues kurze_wege_app rows kurzewege",
      "4376; 1259 18000 TABLE public topics kurzewege",
    ].join("\n");
    expect(withoutPolicies(list)).not.toContain("POLICY");
    expect(withoutPolicies(list)).toContain("TABLE public topics");
    expect(dumpedByMajor(list)).toBe(17);
  });
});

describe("the daily backup", () => {
  test("is in the job queue's crontab only when BACKUP_DAILY is on", () => {
    expect(backupCrontab({ BACKUP_DAILY: false })).toBe("");
    expect(backupCrontab({ BACKUP_DAILY: true })).toMatch(/^\d+ \d+ \* \* \* db_backup \?max=3$/);
    expect(parseEnv({ BACKUP_DAILY: "true" }).BACKUP_DAILY).toBe(true);
    expect(parseEnv({}).BACKUP_DAILY).toBe(false);
    expect(parseEnv({}).BACKUP_KEEP).toBe(14);
    expect(() => parseEnv({ BACKUP_KEEP: "0" })).toThrow(/BACKUP_KEEP/);
  });

  test("is refused at start where the site's processes would not hold the owner's connection", () => {
    const external = { DATABASE_URL: "postgres://app@db/site", MIGRATION_DATABASE_URL: "postgres://owner@db/site" };
    expect(() => parseEnv({ ...external, BACKUP_DAILY: "true" })).toThrow(/BACKUP_DAILY=true cannot work with MIGRATION_DATABASE_URL/);
    expect(() => parseEnv(external)).not.toThrow();
  });

  test("takes the embedded server's owner from DATA_DIR, and an external DATABASE_URL as the owner", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-backup-job-"));
    try {
      const owner = "postgres://kurzewege:secret@127.0.0.1:5999/kurze_wege";
      const app = "postgres://kurze_wege_app:other@127.0.0.1:5999/kurze_wege";
      expect(await scheduledOwnerUrl({ DATABASE_URL: app, DATA_DIR: dataDir })).toBe(app);
      // As the process that started the embedded servers records them (this process stands in for it).
      fs.writeFileSync(path.join(dataDir, "services.json"), JSON.stringify({ ownerPid: process.pid, postgres: { url: owner, pid: process.pid } }));
      expect(await scheduledOwnerUrl({ DATABASE_URL: app, DATA_DIR: dataDir })).toBe(owner);
      // Another server than the recorded one: DATABASE_URL is all there is.
      const external = "postgres://site@db.example:5432/kurze_wege";
      expect(await scheduledOwnerUrl({ DATABASE_URL: external, DATA_DIR: dataDir })).toBe(external);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

// The test server is the embedded PostgreSQL 17 and Debian 12 offers pg_dump 15: the case an operator of
// the embedded server meets first.
const server = await serverVersion(process.env.MIGRATION_DATABASE_URL!);
const olderDump = !postgres15Missing() && server.major > 15;

describe("npm run db:backup", () => {
  test.runIf(olderDump)(
    "refuses a pg_dump older than the server with one line naming both versions, and writes no file",
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-backup-old-"));
      try {
        const result = await runScript("db-backup.ts", {
          DATA_DIR: dataDir,
          DATABASE_URL: process.env.DATABASE_URL!,
          MIGRATION_DATABASE_URL: process.env.MIGRATION_DATABASE_URL!,
          PG_BIN_DIR: PG15_BIN,
        });
        expect(result.code).toBe(1);
        const lines = result.stderr.trim().split("\n");
        expect(lines, result.stderr).toHaveLength(1);
        expect(lines[0]).toMatch(new RegExp(`^db:backup: pg_dump 15\\.\\d+ \\(${PG15_BIN}/pg_dump\\) is older than the PostgreSQL server \\(${server.version.replace(".", "\\.")}\\)`));
        expect(lines[0]).toContain(`needs pg_dump ${server.major} or newer`);
        expect(lines[0]).toContain("PG_BIN_DIR");
        const written = fs.existsSync(path.join(dataDir, "backups")) ? fs.readdirSync(path.join(dataDir, "backups")) : [];
        expect(written).toEqual([]);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    30_000,
  );
});
