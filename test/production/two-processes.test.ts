import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { db } from "#db/client";
import { notifications, taxonomyTerms, topics } from "#db/schema";
import { applySearchSettings } from "#search/reindex";
import { taxonomySeed } from "#app/modules/directory/standard-taxonomy";
import { savePreferences } from "#app/modules/notifications/preferences.server";
import { issueFormToken, MIN_FILL_SECONDS } from "#app/modules/open-mic/form-timing.server";
import { ensureBuild } from "#scripts/lib/build";
import { freePort } from "#scripts/lib/process";
import { createTestUser, sessionCookieFor, TEST_PASSWORD } from "#test/factories";

// Two app processes on two ports over the same PostgreSQL and Meilisearch, as two machines behind one
// proxy would run: sessions, writes, jobs and rate limits are the site's, not a process's.

type Server = { child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> };

let dataDir: string;
let siteUrl: string;
const servers: Server[] = [];

async function startServer(port: number): Promise<Server> {
  let output = "";
  const child = spawn("node", ["--import", "tsx", "scripts/serve.ts"], {
    // One site (one APP_URL) served on two ports; a small read limit so that sharing it shows quickly.
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), APP_URL: siteUrl, DATA_DIR: dataDir, READ_LIMIT_FACTOR: "0.1", SHUTDOWN_DELAY_MS: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`an app process did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, url, output: () => output, exited };
}

/** A form post as a browser on the site sends it (its Origin is the site's, whichever process answers). */
function post(server: Server, pathname: string, fields: Record<string, string>, cookie = ""): Promise<Response> {
  return fetch(`${server.url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: siteUrl, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

let categorySlug: string;

beforeAll(async () => {
  ensureBuild();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "kw-two-"));
  await applySearchSettings();
  await db.insert(taxonomyTerms).values(taxonomySeed.map((term, position) => ({ ...term, position })));
  const [category] = await db.select({ slug: taxonomyTerms.slug }).from(taxonomyTerms).where(eq(taxonomyTerms.kind, "category")).limit(1);
  categorySlug = category!.slug;
  const [first, second] = [await freePort(), await freePort()];
  siteUrl = `http://localhost:${first}`;
  servers.push(await startServer(first), await startServer(second));
}, 180_000);

afterAll(async () => {
  for (const server of servers) {
    if (server.child.exitCode === null) server.child.kill("SIGKILL");
    await server.exited;
  }
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("two app processes over the same servers", () => {
  test("a session made on one works on the other, a topic written on one is found through the other, and each job runs once", async () => {
    const [one, two] = servers as [Server, Server];
    const member = await createTestUser({ displayName: "Mitglied Zwei" });
    await savePreferences(member.id, { topic_reply: "email" });

    const signIn = await post(one, "/anmelden", { email: member.email, password: TEST_PASSWORD, redirectTo: "" });
    expect([302, 303]).toContain(signIn.status);
    const cookie = signIn.headers
      .getSetCookie()
      .map((header) => header.split(";")[0]!)
      .join("; ");
    expect(cookie).not.toBe("");
    // Signed in on the second process with the first one's cookie; without it, the sign-in page.
    const profile = await fetch(`${two.url}/konto/profil`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(profile.status).toBe(200);
    expect(await profile.text()).toContain("Mitglied Zwei");
    expect([302, 303]).toContain((await fetch(`${two.url}/konto/profil`, { redirect: "manual" })).status);

    // Six topics, half through each process; members' topics are published at once.
    const word = `Zweiprozesswort${Date.now().toString(36)}`;
    const startedAt = issueFormToken(Date.now() - (MIN_FILL_SECONDS + 1) * 1000);
    for (let i = 0; i < 6; i += 1) {
      const server = i % 2 === 0 ? one : two;
      const response = await post(
        server,
        "/open-mic/neu",
        { title: `${word} Anliegen ${i}`, body: `Anliegen Nummer ${i}, das zwei Prozesse teilen.`, category: categorySlug, postAs: "name", startedAt },
        cookie,
      );
      expect([302, 303], `${response.status}: ${server.output().slice(-2000)}`).toContain(response.status);
    }
    const written = await db.select({ id: topics.id }).from(topics);
    expect(written).toHaveLength(6);

    // Found through the other process once the sync job (run by either) has reached the index.
    // (Signed in: the member's own read allowance, not the anonymous one the next test counts.)
    const found = await waitFor(
      "the topics in search",
      async () => {
        const page = await (await fetch(`${two.url}/suche?q=${word}`, { headers: { Cookie: cookie } })).text();
        return (page.match(new RegExp(`${word} Anliegen`, "g")) ?? []).length >= 6 && page;
      },
      20_000,
      1000,
    );
    expect(found).toContain(`${word} Anliegen 0`);

    // Six replies to the first topic, half through each process: each reply's event job notifies the
    // author once (one row, one mail), whichever process's worker took it.
    const [first] = await db
      .select({ id: topics.id })
      .from(topics)
      .where(eq(topics.title, `${word} Anliegen 0`));
    const replier = await sessionCookieFor((await createTestUser({ displayName: "Antwort Zwei" })).id);
    for (let i = 0; i < 6; i += 1) {
      const response = await post(i % 2 === 0 ? one : two, `/open-mic/${first!.id}`, { intent: "reply", body: `Antwort Nummer ${i} aus zwei Prozessen.`, postAs: "name" }, replier);
      expect([302, 303]).toContain(response.status);
    }
    const perReply = await waitFor("the notifications", async () => {
      const [row] = await db.select({ n: count() }).from(notifications).where(eq(notifications.userId, member.id));
      return row!.n >= 6 && row!.n;
    });
    // A moment more for a second run of any job to show.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const [again] = await db.select({ n: count() }).from(notifications).where(eq(notifications.userId, member.id));
    expect([perReply, again!.n]).toEqual([6, 6]);
    const mails = await fs.readdir(path.join(dataDir, "mail")).catch(() => [] as string[]);
    let toMember = 0;
    for (const file of mails) {
      if ((await fs.readFile(path.join(dataDir, "mail", file), "utf8")).includes(`To: ${member.email}`)) toMember += 1;
    }
    expect(toMember).toBe(6);
  }, 90_000);

  test("the read limit is the site's: requests spread over both processes share one allowance", async () => {
    const [one, two] = servers as [Server, Server];
    // READ_LIMIT_FACTOR 0.1: six searches a minute for an anonymous address, on each process or on both together.
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i += 1) {
      const response = await fetch(`${(i % 2 === 0 ? one : two).url}/suche?q=anliegen${i}`);
      statuses.push(response.status);
      if (response.status === 429) retryAfter ??= response.headers.get("retry-after");
      await response.arrayBuffer();
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(6);
    expect(statuses.slice(6).every((status) => status === 429)).toBe(true);
    expect(retryAfter).toMatch(/^\d+$/);
  }, 60_000);
});
