import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "./build";
import { sigtermUnderLoad } from "./load";
import { freePort } from "./process";

// `npm start` with WEB_CONCURRENCY=2 over this file's servers: two server processes share the port,
// and SIGTERM under 50 connections of load drains them all: no request fails, exit 0 within 10 s.

let child: ChildProcess;
let exited: Promise<number | null>;
let baseUrl: string;
let output = "";
let dataDir: string;

beforeAll(async () => {
  ensureBuild();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "kw-cluster-"));
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  child = spawn("node", ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      WEB_CONCURRENCY: "2",
      PORT: String(port),
      APP_URL: baseUrl,
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      READ_LIMIT_FACTOR: "10000",
      SHUTDOWN_DELAY_MS: "1000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!output.includes("Kurze Wege is running at")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 180_000);

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill("SIGKILL");
    await exited;
  }
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** The pids of the process's children (Linux). */
async function childrenOf(pid: number): Promise<number[]> {
  const text = await fs.readFile(`/proc/${pid}/task/${pid}/children`, "utf8").catch(() => "");
  return text.split(/\s+/).filter(Boolean).map(Number);
}

describe("npm start with WEB_CONCURRENCY=2", () => {
  test("two server processes answer on the one port", async () => {
    expect(output).toContain("2 server processes");
    const servers = await childrenOf(child.pid!);
    expect(servers).toHaveLength(2);
    for (let i = 0; i < 20; i += 1) expect((await fetch(`${baseUrl}/impressum`)).status).toBe(200);
    // Each request's log line names the process that answered it: both did.
    const answeredBy = new Set(
      output
        .split("\n")
        .filter((line) => line.includes('"path":"/impressum"'))
        .map((line) => (JSON.parse(line) as { pid: number }).pid),
    );
    expect([...answeredBy].sort()).toEqual([...servers].sort());
  });

  test("SIGTERM under 50 connections: no request fails, every process ends, exit code 0 within 10 s", async () => {
    const servers = await childrenOf(child.pid!);
    // As a proxy does: no new requests to an instance whose readiness fails; what was sent must be answered.
    const {
      result,
      code,
      tookMs: elapsed,
      gateClosed,
    } = await sigtermUnderLoad(child, exited, { baseUrl, paths: ["/impressum", "/verzeichnis", "/open-mic", "/arbeitsgruppen", "/"], connections: 50, afterMs: 2000 });
    expect(result.failures.slice(0, 5)).toEqual([]);
    expect(result.failed).toBe(0);
    expect(result.ok).toBeGreaterThan(50);
    expect(gateClosed).toBe(true);
    expect(code).toBe(0);
    expect(elapsed).toBeLessThan(10_000);
    for (const pid of servers) await expect(fs.access(`/proc/${pid}`)).rejects.toThrow();
  }, 60_000);
});
