// Search at network scale, on throw-away servers: generates a large directory, times a full reindex,
// measures the engine, the loader and the whole /verzeichnis page, then how fast an edit becomes
// searchable. Usage: npm run bench:search [-- --partners 10000 --services 50000]
// The parts: scripts/bench/data.ts (the directory), queries.ts (what people type; the page's engine
// calls), reindex.ts, edits.ts, figures.ts.
import "./bench/quiet-logs";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { searchDirectory, taxonomyLabels } from "#app/modules/directory/directory-search.server";
import { parseEnv } from "#app/utils/env.server";
import { closeDb } from "#db/client";
import { migrateDatabase } from "#db/migrate";
import { getSearchClient, indexUid } from "#search/client";
import { applySearchSettings } from "#search/reindex";
import { createRandom, generate } from "./bench/data";
import { measureEdits, type EditResult } from "./bench/edits";
import { ms, percentile, seconds, type Figures } from "./bench/figures";
import { makeQueries, measure, timeEngineQuery, WARM_UP } from "./bench/queries";
import { timedReindex } from "./bench/reindex";
import { startHttpServer } from "./lib/http";
import { freePort } from "./lib/process";
import { ensureBuild } from "./lib/build";
import { startWorker } from "./lib/worker";
import { defer, runBenchmark, throwAwayServers } from "./bench/run";

const MAX_PARTNERS = 100_000;
const MAX_SERVICES = 500_000;
const QUERIES = 200;
const EDITS = 30;
const SHELL_REQUESTS = 100;
const REQUEST_TIMEOUT_MS = 10_000;
const RUN_TIMEOUT_MS = 45 * 60_000;
const TARGET_REINDEX_MS = 60_000;
const TARGET_RATIO = 2;
const TARGET_PAGE_P95_MS = 30;
const TARGET_EDIT_P95_MS = 1000;
const SEED = 20_260_101;

// ---------------------------------------------------------------------------------------------
// Options

function readOptions() {
  const { values } = parseArgs({ options: { partners: { type: "string", default: "10000" }, services: { type: "string", default: "50000" } } });
  const count = (name: string, raw: string, max: number) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
    return value;
  };
  return { partners: count("partners", values.partners, MAX_PARTNERS), services: count("services", values.services, MAX_SERVICES) };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const counts = readOptions();
  // Measured as production serves it: React's production build, chosen when react-dom loads.
  process.env.NODE_ENV = "production";
  process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
  const random = createRandom(SEED);
  const report: string[] = [];

  ensureBuild((line) => console.info(line));

  const { dataDir, servers } = await throwAwayServers("kurze-wege-bench-");
  Object.assign(process.env, {
    DATABASE_URL: servers.databaseUrl,
    MEILI_URL: servers.meiliUrl,
    MEILI_MASTER_KEY: servers.meiliMasterKey,
    MEILI_INDEX_PREFIX: "bench_",
    APP_SECRET: randomUUID() + randomUUID(),
    // One client asks for hundreds of pages a minute: the read limits (decision 069) still take
    // their token from PostgreSQL on every request, as in production, but never refuse one.
    READ_LIMIT_FACTOR: "10000",
  });
  await migrateDatabase(servers.databaseUrl);
  defer(closeDb);

  console.info(`Generating ${counts.partners} partners and ${counts.services} services …`);
  const started = performance.now();
  const data = await generate(counts, random);
  const generateMs = performance.now() - started;
  console.info(`  generated in ${seconds(generateMs)} (${data.locationCount} locations)`);

  console.info("Full reindex of every index …");
  await applySearchSettings();
  const reindex = await timedReindex();
  console.info(`  rebuilt in ${seconds(reindex.ms)}: ${reindex.indexes.map((build) => `${build.name} ${build.documents}`).join(", ")} documents`);

  const labels = await taxonomyLabels("de");
  const queries = makeQueries(QUERIES, data.towns, random);
  const servicesIndex = (await getSearchClient()).index(indexUid("services"));

  console.info(`Engine: ${queries.length} queries …`);
  const processing: number[] = [];
  let twoCalls = 0;
  const engine = await measure(queries, async ({ query }) => {
    const timing = await timeEngineQuery(servicesIndex, query, labels);
    processing.push(timing.processingMs);
    if (timing.calls > 1) twoCalls++;
    return timing.ms;
  });

  console.info(`Loader (searchDirectory in-process): ${queries.length} queries …`);
  let foundNothing = 0;
  const loader = await measure(queries, async ({ query }) => {
    const result = await searchDirectory(query, null, "de");
    if (result.status !== "ok") throw new Error("search unavailable");
    if (result.total === 0) foundNothing++;
  });

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  process.env.APP_URL = origin;
  const http = await startHttpServer(parseEnv({ NODE_ENV: "production", PORT: String(port), APP_URL: origin, DATA_DIR: dataDir }), { development: false });
  defer(http.close);
  let pageBytes = 0;
  let pages = 0;
  console.info(`Page (GET ${origin}/verzeichnis?…): ${queries.length} requests …`);
  const page = await measure(queries, async ({ search }) => {
    const response = await fetch(`${origin}/verzeichnis?${search}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const html = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status} for ?${search}`);
    if (html.includes('"status":"unavailable"')) throw new Error(`search unavailable for ?${search}`);
    pageBytes += Buffer.byteLength(html);
    pages++;
  });

  // The same server's answer for a page without a search (the root loader, the layout, the HTTP round
  // trip): what every page costs, apart from the directory's own loader and markup.
  console.info(`Shell (GET ${origin}/impressum): ${SHELL_REQUESTS} requests …`);
  const shell = await measure(queries.slice(0, SHELL_REQUESTS), async () => {
    const response = await fetch(`${origin}/impressum`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status} for /impressum`);
  });

  console.info(`Edit → searchable: ${EDITS} edits …`);
  const worker = await startWorker(servers.databaseUrl);
  const stopWorker = defer(async () => {
    await worker.stop();
    await worker.pool.end();
  });
  const edits = await measureEdits(data.serviceIds, EDITS, random);
  console.info(`Edit → searchable, each on a settled index: ${EDITS} edits …`);
  const single = await measureEdits(data.serviceIds, EDITS, random, { settled: true });
  await stopWorker();

  // -------------------------------------------------------------------------------------------
  const ratio = page.all.p95 / engine.all.p95;
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  const line = (label: string, value: Figures) =>
    `${label.padEnd(14)} p50 ${ms(value.p50).padStart(9)}   p95 ${ms(value.p95).padStart(9)}   n=${value.n}${value.failed ? ` failed=${value.failed}` : ""}`;
  const parts = (entries: [string, Figures][]) => entries.map(([label, value]) => `${label} ${value.p50.toFixed(0)}/${value.p95.toFixed(0)}`).join(" · ");
  const editLines = (label: string, kind: string, timing: EditResult) => [
    line(label, timing.all) + `   ${kind} (target p95 ≤ ${TARGET_EDIT_P95_MS} ms: ${verdict(timing.all.failed === 0 && timing.all.p95 <= TARGET_EDIT_P95_MS)})`,
    `    where      ${parts([
      ["commit", timing.commit],
      ["job+load+send", timing.parts.toEngine],
      ["engine queue", timing.parts.queued],
      ["indexing", timing.parts.indexing],
      ["seen by poll", timing.parts.seen],
    ])} (p50/p95 ms); loading one service's documents alone ${timing.load.p50.toFixed(0)}/${timing.load.p95.toFixed(0)}`,
  ];
  const engineQueries = queries.length + Math.min(queries.length, WARM_UP); // the warm-up runs count too
  report.push(
    `data           ${counts.partners} partners, ${counts.services} services, ${data.locationCount} locations; generated in ${seconds(generateMs)}; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)} at the end`,
    `reindex        all indexes ${seconds(reindex.ms)} (target ≤ ${seconds(TARGET_REINDEX_MS)}: ${verdict(reindex.ms <= TARGET_REINDEX_MS)})`,
    `  per index    ${reindex.indexes.map((build) => `${build.name} ${seconds(build.ms)} (${build.documents} docs; reading them ${seconds(build.readMs)})`).join(" · ")}`,
    line("engine", engine.all) +
      `   Meilisearch's own processingTimeMs p95 ${percentile(processing.slice(-engine.all.n), 95)} ms; ${twoCalls} of ${engineQueries} runs took two calls (a town that narrowed to nothing)`,
    line("loader", loader.all) + `   ${foundNothing} of ${engineQueries} runs found nothing (the page then adds zero-result help)`,
    line("page", page.all) + `   HTML ${(pageBytes / Math.max(1, pages) / 1024).toFixed(0)} kB a page`,
    line("page shell", shell.all) + "   GET /impressum: root loader, layout, HTTP",
    `page/engine    p95 ratio ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${verdict(ratio <= TARGET_RATIO)}); loader/engine ${(loader.all.p95 / engine.all.p95).toFixed(2)}×; page p95 < ${TARGET_PAGE_P95_MS} ms: ${verdict(page.all.p95 < TARGET_PAGE_P95_MS)}`,
    `page by kind   ${[...page.byKind].map(([kind, samples]) => `${kind} ${percentile(samples, 95).toFixed(1)}`).join(" · ")} (p95 ms)`,
    ...editLines("edit→search", "back to back", edits),
    ...editLines("  one edit", "after the last settled", single),
  );
  for (const [label, result] of [
    ["loader", loader],
    ["page", page],
  ] as const) {
    if (result.lastError) report.push(`${label} error  ${result.lastError}`);
  }
  console.info(`\n── Search benchmark ${"─".repeat(60)}\n${report.join("\n")}\n${"─".repeat(80)}`);
}

await runBenchmark("bench:search", RUN_TIMEOUT_MS, main);
