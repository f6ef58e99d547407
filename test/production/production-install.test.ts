import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { ensureBuild } from "#scripts/lib/build";
import { freePort } from "#scripts/lib/process";
import { withDatabase } from "#test/setup/database-url";

// What an operator does: the tracked files of a checkout, the build made there, `npm ci --omit=dev`,
// `npm start` against external PostgreSQL and Meilisearch. The npm cache of the project's own install
// serves the packages, so this works without the network once `npm ci` has run on the machine.
const ROOT = path.resolve(import.meta.dirname, "../..");
const INSTALL_MS = 240_000;
const READY_MS = 90_000;

let copy: string;
const database = `kw_prod_${randomBytes(4).toString("hex")}`;
const admin = postgres(process.env.TEST_SERVER_URL!, { max: 1, onnotice: () => {} });
let server: ChildProcess | undefined;

/** The files of the checkout that git tracks or would track: in a clean clone exactly the tracked ones, elsewhere with new files not yet committed. */
function copyCheckout(to: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    const from = path.join(ROOT, file);
    // A tracked file deleted in the working tree is not part of what is shipped now.
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(from, path.join(to, file));
  }
}

/**
 * `npm start` in the copy with only what an operator's environment holds: nothing of the test run
 * (NODE_ENV, NODE_OPTIONS, the per-file database) leaks in. The app connects as the tests' app role
 * where the run has one, and migrates as the owner.
 */
function npmStart(port: number): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const ownerUrl = withDatabase(process.env.TEST_SERVER_URL!, database);
  const appUrl = withDatabase(process.env.TEST_APP_SERVER_URL ?? process.env.TEST_SERVER_URL!, database);
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    LANG: process.env.LANG,
    DATABASE_URL: appUrl,
    ...(appUrl === ownerUrl ? {} : { MIGRATION_DATABASE_URL: ownerUrl }),
    MEILI_URL: process.env.MEILI_URL,
    MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY,
    MEILI_INDEX_PREFIX: `${process.env.MEILI_INDEX_PREFIX}prod_`,
    APP_SECRET: process.env.APP_SECRET,
    DATA_DIR: path.join(copy, ".data"),
    PORT: String(port),
    APP_URL: `http://localhost:${port}`,
    SEED_DEMO: "false",
  };
  let output = "";
  // NOTE: Remix's types make NODE_ENV a required variable; an operator's environment need not have it (spawn leaves out what is undefined).
  const child = spawn("npm", ["start"], { cwd: copy, detached: true, stdio: ["ignore", "pipe", "pipe"], env: env as NodeJS.ProcessEnv });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForReady(url: string, running: ReturnType<typeof npmStart>): Promise<void> {
  const deadline = Date.now() + READY_MS;
  for (;;) {
    const status = await fetch(`${url}/readyz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    if (running.child.exitCode !== null || Date.now() > deadline) throw new Error(`the production install did not become ready (last /readyz: ${status}):\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), "kurze-wege-production-"));
  copyCheckout(copy);
  execFileSync("npm", ["ci", "--omit=dev", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: copy, stdio: "pipe" });
  // An empty database, as a new installation has: the start migrates it.
  await admin.unsafe(`CREATE DATABASE ${database}`);
}, INSTALL_MS);

afterAll(async () => {
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, "SIGKILL");
  await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
  await admin.end();
  if (copy) await fs.promises.rm(copy, { recursive: true, force: true });
}, 120_000);

describe("a production install (npm ci --omit=dev)", () => {
  test("has no build tool, and without a build npm start stops at once: run npm run build first", async () => {
    expect(fs.existsSync(path.join(copy, "node_modules", "@remix-run", "dev"))).toBe(false);
    const running = npmStart(await freePort());
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain("run npm run build first");
  }, 30_000);

  test(
    "with the build of the checkout, npm start serves it against external servers and stops on SIGTERM with exit code 0",
    async () => {
      ensureBuild(() => {}, ROOT);
      fs.cpSync(path.join(ROOT, "build"), path.join(copy, "build"), { recursive: true });
      fs.cpSync(path.join(ROOT, "public", "build"), path.join(copy, "public", "build"), { recursive: true });
      const port = await freePort();
      const url = `http://localhost:${port}`;
      const running = npmStart(port);
      server = running.child;
      await waitForReady(url, running);
      for (const page of ["/", "/verzeichnis"]) expect((await fetch(`${url}${page}`)).status, page).toBe(200);
      expect(running.output()).not.toContain("Building the app");
      running.child.kill("SIGTERM");
      expect(await running.exited).toBe(0);
    },
    READY_MS + 180_000,
  );
});
