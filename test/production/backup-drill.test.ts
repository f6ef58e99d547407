import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { closeDb, db } from "#db/client";
import { migrateDatabase } from "#db/migrate";
import { taxonomyTerms } from "#db/schema";
import { reindexAll } from "#search/reindex";
import { seedDemo } from "#app/modules/demo/seed.server";
import { createGroup } from "#app/modules/groups/groups.server";
import { getGroupAccess } from "#app/modules/groups/group-access.server";
import { createThread } from "#app/modules/groups/threads/threads.server";
import { setHidden } from "#app/modules/open-mic/moderation.server";
import { createTopic } from "#app/modules/open-mic/topic-writes.server";
import { searchEverything } from "#app/modules/search/search.server";
import { backupDatabase } from "#scripts/lib/backup";
import { runScheduledBackup } from "#scripts/lib/backup-job";
import { BackupError } from "#scripts/lib/backup-tools";
import { createTestUser } from "#test/factories";
import { postgres15Missing, startPostgres15, type Postgres15 } from "#test/postgres-15";

// The restore drill, as an operator of an external PostgreSQL runs it: a site with data in every
// corner, `npm run db:backup`, `npm run db:restore` into a fresh database on the same server, and then
// the restored site must hold the same rows and answer every visitor's search as the original did.
// The server is PostgreSQL 15 from Debian's packages: the embedded test server is 17, and pg_dump 17
// does not exist for Debian 12.

const missing = postgres15Missing();
const inCi = process.env.CI === "true";
if (missing && !inCi) console.warn(`The backup drill is skipped: ${missing}.`);

const root = path.resolve(import.meta.dirname, "../..");
const OWNER = "kw_drill_owner";
const APP = "kw_drill_app";
// Words no demo text has: where each shows up, and for whom, is what the drill compares.
const WORDS = { privateThread: "Quittengeleeprotokoll", publicThread: "Holunderblütenrunde", hiddenTopic: "Mispelmusbeschwerde", publicTopic: "Schlehenlikörfrage" };
const DEMO_QUERIES = ["Deutschkurs", "Wohnung", "Beratung Ausbildung", "Kita"];

type Side = { database: string; prefix: string };
type Viewer = { label: string; user: Awaited<ReturnType<typeof createTestUser>> | null };

/** A command-line script as an operator runs it, with only the variables given. */
function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // NOTE: Remix's types make NODE_ENV a required variable; an operator's environment need not have it.
    const operatorEnv: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, ...env };
    const child = spawn("node", ["--import", "tsx", path.join("scripts", script), ...args], { cwd: root, env: operatorEnv as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(Boolean(missing) && !inCi)("backups and a restore drill on an external PostgreSQL 15", () => {
  const testFile = { databaseUrl: process.env.DATABASE_URL!, prefix: process.env.MEILI_INDEX_PREFIX! };
  const original: Side = { database: "drill_original", prefix: `${testFile.prefix}orig_` };
  const restored: Side = { database: "drill_restored", prefix: `${testFile.prefix}rest_` };
  let pg: Postgres15;
  let admin: postgres.Sql;
  let dataDir: string;
  let backupFile: string;
  const viewers: Viewer[] = [];

  const ownerUrl = (side: Side) => pg.url(OWNER, side.database);
  const appUrl = (side: Side) => pg.url(APP, side.database);

  /** The app of this process now works on one side: its database (as the app's role) and its indexes. */
  async function useSide(side: Side) {
    await closeDb();
    process.env.DATABASE_URL = appUrl(side);
    process.env.MEILI_INDEX_PREFIX = side.prefix;
  }

  /** Rows of every table of the site (ours, the job queue's, the migrations' bookkeeping), with a checksum of their contents. */
  async function tableContents(side: Side): Promise<Record<string, { rows: number; checksum: string | null }>> {
    const sql = postgres(ownerUrl(side), { max: 1, onnotice: () => {} });
    try {
      const tables = await sql<{ name: string }[]>`
        select format('%I.%I', schemaname, tablename) as name from pg_tables
        where schemaname in ('public', 'graphile_worker', 'drizzle') order by 1`;
      const contents: Record<string, { rows: number; checksum: string | null }> = {};
      for (const { name } of tables) {
        const [row] = await sql.unsafe<{ rows: number; checksum: string | null }[]>(`select count(*)::int as rows, md5(string_agg(t::text, '|' order by t::text)) as checksum from ${name} t`);
        // The index bookkeeping names each side's own indexes: its rows count, its contents differ by design.
        contents[name] = name === "public.search_index_builds" ? { rows: row!.rows, checksum: null } : row!;
      }
      return contents;
    } finally {
      await sql.end();
    }
  }

  /** What each viewer's search shows for each query on one side. */
  async function searchAnswers(side: Side) {
    await useSide(side);
    const answers: Record<string, unknown> = {};
    for (const viewer of viewers) {
      for (const query of [...Object.values(WORDS), ...DEMO_QUERIES]) {
        const outcome = await searchEverything(query, viewer.user, { perKind: true, limit: 50 });
        if (outcome.status !== "ok") throw new Error("search unavailable");
        // The same hits, in a fixed order: hits of equal relevance may come in another order from an
        // index built anew, as the restore's is.
        const hits = outcome.hits.map(({ type, id, title, url }) => ({ type, id, title, url })).sort((a, b) => `${a.type}:${a.id}`.localeCompare(`${b.type}:${b.id}`));
        answers[`${viewer.label}: ${query}`] = { totals: outcome.totals, hits };
      }
    }
    return answers;
  }

  beforeAll(async () => {
    if (missing) throw new Error(`The backup drill needs PostgreSQL 15 from Debian's packages: ${missing}.`);
    pg = await startPostgres15();
    admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
    // An operator's setup (decision 068): an owner that migrates, an app role with rows only.
    await admin.unsafe(`CREATE ROLE ${OWNER} LOGIN`);
    await admin.unsafe(`CREATE ROLE ${APP} LOGIN`);
    for (const side of [original, restored]) await admin.unsafe(`CREATE DATABASE ${side.database} OWNER ${OWNER}`);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-drill-"));

    await migrateDatabase(ownerUrl(original), { appRole: APP });
    await useSide(original);
    // The demo network (accounts, the directory, four groups with a private one, Open Mic in every
    // status), and what the drill looks for, through the app's own functions.
    await seedDemo(db);
    const coordinator = await createTestUser({ role: "coordinator", displayName: "Koordination Drill" });
    const member = await createTestUser({ displayName: "Mitglied Drill" });
    const privateSlug = await createGroup({ name: "AG Drill vertraulich", focus: "Fallbesprechungen", description: "", visibility: "private" }, coordinator.id);
    const publicSlug = await createGroup({ name: "AG Drill offen", focus: "Austausch", description: "", visibility: "public" }, coordinator.id);
    for (const [slug, word] of [
      [privateSlug, WORDS.privateThread],
      [publicSlug, WORDS.publicThread],
    ] as const) {
      const access = await getGroupAccess(slug, coordinator);
      const written = await createThread(access!, coordinator, { title: `Runde ${word}`, body: `Wir besprechen ${word} beim nächsten Treffen.` });
      expect(written.ok).toBe(true);
    }
    const [category] = await db.select({ id: taxonomyTerms.id }).from(taxonomyTerms).where(eq(taxonomyTerms.kind, "category")).limit(1);
    const topicOf = async (word: string) => {
      const input = {
        title: `Anliegen ${word}`,
        body: `Ein Anliegen zu ${word}, das im Drill wiederkommen muss.`,
        categoryId: category!.id,
        town: null,
        anonymous: false,
        guestName: null,
        guestEmail: null,
      };
      const written = await createTopic(input, { user: member, clientAddress: "192.0.2.10" });
      if (!written.ok) throw new Error(`topic refused: ${written.error}`);
      return written.topicId;
    };
    await topicOf(WORDS.publicTopic);
    expect((await setHidden(coordinator, await topicOf(WORDS.hiddenTopic), null, true, "Werbung")).ok).toBe(true);
    viewers.push({ label: "guest", user: null }, { label: "member", user: member }, { label: "coordinator", user: coordinator });
  }, 180_000);

  afterAll(async () => {
    await closeDb();
    process.env.DATABASE_URL = testFile.databaseUrl;
    process.env.MEILI_INDEX_PREFIX = testFile.prefix;
    await admin?.end();
    await pg?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("npm run db:backup writes the dump with the owner's connection and keeps the newest BACKUP_KEEP", async () => {
    const backups = path.join(dataDir, "backups");
    fs.mkdirSync(backups, { recursive: true });
    const older = ["2026-01-01", "2026-01-02", "2026-01-03"].map((day) => `kurze-wege-${day}T02-23-00.000Z.dump`);
    for (const name of [...older, "notes.txt"]) fs.writeFileSync(path.join(backups, name), "an older file");

    // No PG_BIN_DIR: pg_dump is found in the folder of the server's version.
    const result = await runScript("db-backup.ts", [], { DATA_DIR: dataDir, DATABASE_URL: appUrl(original), MIGRATION_DATABASE_URL: ownerUrl(original), BACKUP_KEEP: "2" });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("/usr/lib/postgresql/15/bin/pg_dump 15.");
    const names = fs.readdirSync(backups).sort();
    const written = names.filter((name) => !older.includes(name) && name !== "notes.txt");
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^kurze-wege-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.dump$/);
    expect(names).toEqual([older[2], written[0], "notes.txt"].sort());
    backupFile = path.join(backups, written[0]!);
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
    // A custom-format archive begins with "PGDMP".
    expect(fs.readFileSync(backupFile).subarray(0, 5).toString()).toBe("PGDMP");
  }, 60_000);

  test("a backup with the app's connection fails with pg_dump's reason and leaves no file behind", async () => {
    const dir = path.join(dataDir, "refused");
    const error = await backupDatabase({ ownerUrl: appUrl(original), dir, keep: 2 }).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(/^pg_dump failed \(no backup was written\): .*permission denied/);
    expect(fs.readdirSync(dir)).toEqual([]);
  }, 30_000);

  test("the daily job's backup is the same backup", async () => {
    const result = await runScheduledBackup({ DATA_DIR: path.join(dataDir, "daily"), DATABASE_URL: ownerUrl(original), BACKUP_KEEP: "3" });
    expect(path.dirname(result.file)).toBe(path.join(dataDir, "daily", "backups"));
    expect(result.bytes).toBeGreaterThan(10_000);
    expect(fs.readFileSync(result.file).subarray(0, 5).toString()).toBe("PGDMP");
  }, 30_000);

  test("npm run db:restore refuses a database that has tables and changes nothing in it", async () => {
    const before = await tableContents(original);
    const result = await runScript("db-restore.ts", [backupFile], {
      DATA_DIR: dataDir,
      DATABASE_URL: appUrl(original),
      MIGRATION_DATABASE_URL: ownerUrl(original),
      MEILI_URL: process.env.MEILI_URL!,
      MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY!,
      MEILI_INDEX_PREFIX: original.prefix,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^db:restore: The database drill_original is not empty \(\d+ tables\); db:restore restores into an empty database only: create an empty database/);
    expect(await tableContents(original)).toEqual(before);
  }, 60_000);

  test("restored into a fresh database, the site has every row and answers every visitor's search as before", async () => {
    // The original's indexes, built as the site builds them; the backup was taken before, so both
    // sides record the same number of index builds.
    await useSide(original);
    await reindexAll(db);
    const result = await runScript("db-restore.ts", [backupFile], {
      DATA_DIR: dataDir,
      DATABASE_URL: appUrl(restored),
      MIGRATION_DATABASE_URL: ownerUrl(restored),
      MEILI_URL: process.env.MEILI_URL!,
      MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY!,
      MEILI_INDEX_PREFIX: restored.prefix,
    });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain("Search indexes rebuilt.");

    const [before, after] = [await tableContents(original), await tableContents(restored)];
    expect(Object.keys(after).length).toBeGreaterThan(60);
    expect(after).toEqual(before);
    expect(before["public.users"]!.rows).toBeGreaterThan(5);
    expect(before["public.services"]!.rows).toBeGreaterThan(100);

    const [searchedBefore, searchedAfter] = [await searchAnswers(original), await searchAnswers(restored)];
    expect(searchedAfter).toEqual(searchedBefore);
    // The answers differ by visitor as the permissions say, so the comparison compared something.
    const hits = (key: string) => (searchedBefore[key] as { hits: unknown[] }).hits.length;
    expect(hits(`guest: ${WORDS.privateThread}`)).toBe(0);
    expect(hits(`member: ${WORDS.privateThread}`)).toBe(0);
    expect(hits(`coordinator: ${WORDS.privateThread}`)).toBe(1);
    for (const label of ["guest", "member", "coordinator"]) {
      expect(hits(`${label}: ${WORDS.publicThread}`), label).toBe(1);
      expect(hits(`${label}: ${WORDS.publicTopic}`), label).toBe(1);
      expect(hits(`${label}: ${WORDS.hiddenTopic}`), label).toBe(0);
      expect(hits(`${label}: Deutschkurs`), label).toBeGreaterThan(0);
    }

    // The app's role of this site works on the restored database: it reads and writes rows, including the job queue's.
    const app = postgres(appUrl(restored), { max: 1, onnotice: () => {} });
    try {
      await app`select count(*) from users`;
      await app`select graphile_worker.add_job('search_sync', '{}'::json)`;
      await expect(app`create table intruder (id int)`).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  }, 180_000);
});
