import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { holdTableLock } from "#test/locks";
import { ensureBuild } from "./build";
import { freePort } from "./process";

// The real app process (as production runs it) over this file's database: timeouts answer 503, SIGTERM drains.
const LOCK_TIMEOUT_MS = 2000;
let child: ChildProcess;
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
let baseUrl: string;
let output = "";

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A GET over the given agent (a keep-alive agent reuses its connection). */
function get(path: string, agent: http.Agent | false = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get(`${baseUrl}${path}`, { agent }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body }));
      })
      .on("error", reject);
  });
}

/** Holds an access-exclusive lock on working_groups (read by /arbeitsgruppen) until released. */
const lockGroups = () => holdTableLock(["working_groups"]);

beforeAll(async () => {
  ensureBuild();
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  child = spawn("node", ["--import", "tsx", "scripts/serve.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), APP_URL: baseUrl, DB_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS), SHUTDOWN_DELAY_MS: "500" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await get("/healthz").then(
      (reply) => reply.status === 200,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the app did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 180_000);

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGKILL");
    await exited;
  }
});

describe("database timeouts in the running app", () => {
  test("a page over a locked table answers 503 with Retry-After within about the lock timeout, /readyz tells, and after the lock 200 again", async () => {
    const unlock = await lockGroups();
    try {
      const readyWhileWaiting = (async () => {
        await new Promise((resolve) => setTimeout(resolve, LOCK_TIMEOUT_MS / 2));
        return get("/readyz");
      })();
      let started = Date.now();
      const page = await get("/arbeitsgruppen");
      expect(Date.now() - started).toBeLessThan(LOCK_TIMEOUT_MS + 1500);
      expect(page.status).toBe(503);
      expect(page.headers["retry-after"]).toMatch(/^\d+$/);
      expect(page.headers["cache-control"]).toBe("no-store");

      // While the page waited, readiness saw a connection waiting for a lock.
      const waiting = JSON.parse((await readyWhileWaiting).body);
      expect(waiting.status).toBe("degraded");
      expect(waiting.checks.database.lockWaits.waiting).toBeGreaterThanOrEqual(1);

      started = Date.now();
      const data = await get("/arbeitsgruppen?_data=routes%2Farbeitsgruppen._index");
      expect(Date.now() - started).toBeLessThan(LOCK_TIMEOUT_MS + 1500);
      expect(data.status).toBe(503);
      expect(data.headers["retry-after"]).toMatch(/^\d+$/);
      expect(data.headers["x-remix-error"]).toBe("yes");

      const ready = await get("/readyz");
      expect(ready.status).toBe(200);
      const body = JSON.parse(ready.body);
      expect(body.status).toBe("degraded");
      expect(body.checks.database).toMatchObject({ status: "degraded" });
      expect(body.checks.database.timeoutsLastMinute).toBeGreaterThanOrEqual(2);
    } finally {
      await unlock();
    }
    expect((await get("/arbeitsgruppen")).status).toBe(200);
    expect((await get("/arbeitsgruppen?_data=routes%2Farbeitsgruppen._index")).status).toBe(200);
  });
});

/** A form post as a browser without JavaScript sends it: the answer is a whole page. */
function postForm(path: string, fields: Record<string, string>): Promise<Reply> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const headers = { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), Origin: baseUrl };
    http
      .request(`${baseUrl}${path}`, { method: "POST", agent: false, headers }, (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
      })
      .on("error", reject)
      .end(body);
  });
}

describe("a refused form without JavaScript", () => {
  test("the page that answers a form with 429 says when to come back: Retry-After, as the action set it", async () => {
    const email = `niemand-${Date.now()}@test.example`;
    let reply: Reply | undefined;
    for (let attempt = 0; attempt < 10 && reply?.status !== 429; attempt++) reply = await postForm("/anmelden", { email, password: `falsch ${attempt}` });
    expect(reply!.status).toBe(429);
    expect(reply!.headers["content-type"]).toMatch(/^text\/html/);
    expect(reply!.headers["retry-after"]).toMatch(/^[1-9]\d*$/);
  });
});

describe("SIGTERM", () => {
  test("readiness turns 503, the in-flight request completes, keep-alive connections are let go, and the process exits 0 within 10 s", async () => {
    const idleAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const busyAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get("/readyz", idleAgent)).status).toBe(200);
    expect((await get("/healthz", busyAgent)).status).toBe(200);

    // A request held up by a lock is in flight when the signal comes.
    const unlock = await lockGroups();
    const inFlight = get("/arbeitsgruppen", busyAgent);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = Date.now();
    child.kill("SIGTERM");

    // Over the open keep-alive connection, readiness answers 503 at once.
    let readiness: Reply | undefined;
    while (Date.now() - signalled < 400) {
      readiness = await get("/readyz", idleAgent);
      if (readiness.status === 503) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(readiness?.status).toBe(503);
    expect(JSON.parse(readiness!.body)).toMatchObject({ status: "draining" });

    // Past the delay, the server refuses new connections while the request is still in flight.
    await new Promise((resolve) => setTimeout(resolve, 900));
    await expect(get("/healthz")).rejects.toThrow();
    await unlock();
    const reply = await inFlight;
    expect(reply.status).toBe(200);

    const { code } = await exited;
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    idleAgent.destroy();
    busyAgent.destroy();
  }, 30_000);
});
