// Throughput of the real pages against the bare page, as `npm start` serves them (WEB_CONCURRENCY
// server processes, one per core unless set), on throw-away servers with the demo network. Each page
// takes 50 connections for a while; the report gives requests per second as a share of /impressum's
// and the p99. With --sigterm, a last phase sends SIGTERM under load and counts the requests that failed.
// Usage: npm run bench:load [-- --seconds 10 --connections 50 --sigterm]
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ms, percentile } from "./bench/figures";
import { ensureBuild } from "./lib/build";
import { drive, sigtermUnderLoad, type LoadResult } from "./lib/load";
import { freePort } from "./lib/process";

const TARGET_SHARE = 0.6;
const TARGET_P99_MS = 150;
const WARM_UP_MS = 2000;

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "10" }, connections: { type: "string", default: "50" }, sigterm: { type: "boolean", default: false } },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
if (!(seconds > 0 && seconds <= 600) || !(Number.isInteger(connections) && connections > 0 && connections <= 1000)) {
  console.error("--seconds must be 1–600 and --connections a whole number 1–1000.");
  process.exit(1);
}

ensureBuild((line) => console.info(line));
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "kw-bench-load-"));
// The embedded PostgreSQL runs as a user of its own, which must reach its folder inside this one.
await fs.chmod(dataDir, 0o755);
const port = await freePort();
const baseUrl = `http://localhost:${port}`;
let output = "";
// No DATABASE_URL or MEILI_URL: the site brings up its own servers in the throw-away folder and loads
// the demo, as on a first `npm start`. Read limits are lifted: the load comes from one address.
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: String(port), APP_URL: baseUrl, DATA_DIR: dataDir, READ_LIMIT_FACTOR: "10000" };
for (const name of ["DATABASE_URL", "MIGRATION_DATABASE_URL", "MEILI_URL", "MEILI_MASTER_KEY", "MEILI_INDEX_PREFIX"]) delete env[name];
const site = spawn("node", ["--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
// Request lines are written as in production, to a pipe nobody reads slowly.
site.stdout!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
site.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
const exited = new Promise<number | null>((resolve) => site.once("exit", (code) => resolve(code)));

async function cleanUp() {
  if (site.exitCode === null) {
    site.kill("SIGINT");
    await exited;
  }
  await fs.rm(dataDir, { recursive: true, force: true });
}

try {
  const deadline = Date.now() + 180_000;
  while (!output.includes("Kurze Wege is running at")) {
    if (site.exitCode !== null || Date.now() > deadline) throw new Error(`the site did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const processes = /(\d+) server processes/.exec(output)?.[1] ?? "1";

  // A topic and a working group of the demo, as a visitor reaches them.
  const firstLink = async (page: string, pattern: RegExp) => {
    const match = pattern.exec(await (await fetch(`${baseUrl}${page}`)).text());
    if (!match) throw new Error(`no link on ${page}`);
    return match[0];
  };
  const pages: [string, string][] = [
    ["bare page", "/impressum"],
    ["start page", "/"],
    ["directory with a query", "/verzeichnis?q=Deutschkurs"],
    ["topic", await firstLink("/open-mic", /\/open-mic\/\d+(?=")/)],
    ["group page", await firstLink("/arbeitsgruppen", /\/arbeitsgruppen\/[a-z0-9-]+(?=")/)],
    ["search page", "/suche?q=Sprachkurs"],
  ];

  console.info(`\nbench:load — ${connections} connections, ${seconds} s a page, ${processes} server process(es), ${os.availableParallelism()} cores\n`);
  const rows: { name: string; path: string; rps: number; p50: number; p99: number; failed: number; result: LoadResult }[] = [];
  for (const [name, pagePath] of pages) {
    await drive({ baseUrl, paths: [pagePath], connections, durationMs: WARM_UP_MS }).done;
    const result = await drive({ baseUrl, paths: [pagePath], connections, durationMs: seconds * 1000 }).done;
    rows.push({ name, path: pagePath, rps: (result.ok / result.durationMs) * 1000, p50: percentile(result.latencies, 50), p99: percentile(result.latencies, 99), failed: result.failed, result });
  }
  const bare = rows[0]!.rps;
  console.info("| page | path | requests/s | share of bare | p50 | p99 | failed |");
  console.info("| --- | --- | --- | --- | --- | --- | --- |");
  for (const row of rows) {
    console.info(`| ${row.name} | ${row.path} | ${row.rps.toFixed(0)} | ${((row.rps / bare) * 100).toFixed(0)} % | ${ms(row.p50)} | ${ms(row.p99)} | ${row.failed} |`);
  }
  const real = rows.slice(1);
  const lowest = real.reduce((a, b) => (b.rps < a.rps ? b : a));
  const slowest = real.reduce((a, b) => (b.p99 > a.p99 ? b : a));
  const shareMet = lowest.rps / bare >= TARGET_SHARE;
  const p99Met = slowest.p99 <= TARGET_P99_MS;
  console.info(`\nlowest share: ${lowest.name} ${((lowest.rps / bare) * 100).toFixed(0)} % (target ≥ ${TARGET_SHARE * 100} %: ${shareMet ? "met" : "missed"})`);
  console.info(`highest p99: ${slowest.name} ${ms(slowest.p99)} (target ≤ ${TARGET_P99_MS} ms: ${p99Met ? "met" : "missed"})`);
  const statuses = real.flatMap((row) => Object.keys(row.result.statuses).filter((status) => status !== "200"));
  if (statuses.length > 0) console.info(`note: answers other than 200: ${[...new Set(statuses)].join(", ")}`);

  if (values.sigterm) {
    // All pages at once; a proxy's readiness check stops new requests; SIGTERM to the site after 3 s.
    const { result, code, tookMs: took } = await sigtermUnderLoad(site, exited, { baseUrl, paths: pages.map(([, pagePath]) => pagePath), connections, afterMs: 3000 });
    console.info(`\nSIGTERM under ${connections} connections: ${result.ok} requests answered, ${result.failed} failed; exit code ${code} after ${(took / 1000).toFixed(1)} s`);
    if (result.failed > 0) console.info(`  first failures: ${result.failures.slice(0, 5).join("; ")}`);
    console.info(`  target: 0 failed, exit code 0 within 10 s: ${result.failed === 0 && code === 0 && took < 10_000 ? "met" : "missed"}`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
