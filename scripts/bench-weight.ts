// Page weight: for every page template, the JavaScript a first load fetches (from the build's
// manifest) and the HTML of a representative page of the demo network, on throw-away servers.
// Usage: npm run bench:weight [-- --js-only]
// The parts: scripts/bench/weight-js.ts (manifest and metafile), weight-pages.ts (an address and a
// viewer per template), weight-html.ts (sessions and page loads).
import "./bench/quiet-logs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { seedDemoOnStart } from "#app/modules/demo/seed.server";
import { parseEnv } from "#app/utils/env.server";
import { db, getSql } from "#db/client";
import { migrateDatabase } from "#db/migrate";
import { loadPage, viewerCookies, type HtmlWeight } from "./bench/weight-html";
import { JS_BUDGET_BYTES, largestFiles, pageTemplates, routeWeights, serverOnlyCodeInBrowser, shellWeight, type RouteWeight } from "./bench/weight-js";
import { addSecretLinks, pageVisits, readDemo, type PageVisit } from "./bench/weight-pages";
import { startApp } from "./lib/app";
import { ensureBuild } from "./lib/build";
import { freePort } from "./lib/process";
import { defer, runBenchmark, throwAwayServers } from "./bench/run";

const RUN_TIMEOUT_MS = 20 * 60_000;
const kB = (bytes: number) => (bytes / 1024).toFixed(1);

type Row = { js: RouteWeight; visit?: PageVisit; html?: HtmlWeight };

/** Starts throw-away servers, loads the demo as `npm start` does, and loads every page once; also the language script the pages load. */
async function measureHtml(templates: string[]): Promise<{ html: Map<string, { visit: PageVisit; html: HtmlWeight }>; strings: HtmlWeight | null }> {
  const { dataDir, servers } = await throwAwayServers("kurze-wege-weight-");
  const port = await freePort();
  // localhost: the demo network loads (and its accounts work) only there.
  const origin = `http://localhost:${port}`;
  Object.assign(process.env, {
    DATABASE_URL: servers.databaseUrl,
    MEILI_URL: servers.meiliUrl,
    MEILI_MASTER_KEY: servers.meiliMasterKey,
    MEILI_INDEX_PREFIX: "weight_",
    APP_SECRET: randomUUID() + randomUUID(),
    APP_URL: origin,
    DATA_DIR: dataDir,
    // One client asks for every page in a row: the read limits (decision 069) never refuse one.
    READ_LIMIT_FACTOR: "10000",
  });
  const env = parseEnv({ NODE_ENV: "production", PORT: String(port), APP_URL: origin, DATA_DIR: dataDir });
  await migrateDatabase(servers.databaseUrl);
  await seedDemoOnStart(db, env, (line) => console.info(line));
  const app = await startApp(env, { development: false });
  defer(app.stop);

  const sql = getSql();
  const cookies = await viewerCookies(sql);
  const coordinator = await getOptionalUser(new Request(origin, { headers: { Cookie: cookies.coordinator } }));
  if (!coordinator) throw new Error("The coordinator's session was not accepted.");
  const visits = pageVisits(await addSecretLinks(sql, await readDemo(sql), dataDir, coordinator));
  const html = new Map<string, { visit: PageVisit; html: HtmlWeight }>();
  let stringsUrl: string | undefined;
  for (const id of templates) {
    const visit = visits[id];
    if (!visit) continue;
    const result = await loadPage(origin, visit, cookies);
    html.set(id, { visit, html: result });
    stringsUrl ??= result.stringsUrl;
  }
  let strings: HtmlWeight | null = null;
  if (stringsUrl) {
    const bytes = Buffer.from(await (await fetch(`${origin}${stringsUrl}`)).arrayBuffer());
    strings = { status: 200, rawBytes: bytes.length, gzipBytes: gzipSync(bytes).length };
  }
  return { html, strings };
}

function printTable(rows: Row[]): void {
  const header = `${"page template".padEnd(52)} ${"viewer".padEnd(16)} ${"JS gz".padStart(7)} ${"JS raw".padStart(7)} ${"HTML".padStart(7)} ${"HTML gz".padStart(7)}  address`;
  console.info(`\n${header}\n${"─".repeat(header.length + 20)}`);
  for (const { js, visit, html } of rows) {
    const htmlCells = html ? (html.status === 0 ? `${"failed".padStart(15)}` : `${kB(html.rawBytes).padStart(7)} ${kB(html.gzipBytes).padStart(7)}`) : `${"–".padStart(7)} ${"–".padStart(7)}`;
    const status = html && html.status !== 200 ? ` → ${html.status || html.error}` : "";
    const note = visit?.note ? ` (${visit.note})` : "";
    const over = js.gzipBytes > JS_BUDGET_BYTES ? " *" : "";
    console.info(
      `${js.id.replace(/^routes\//, "").padEnd(52)} ${(visit?.as ?? "–").padEnd(16)} ${kB(js.gzipBytes).padStart(7)} ${kB(js.rawBytes).padStart(7)} ${htmlCells}  ${visit?.path ?? "(no address)"}${status}${note}${over}`,
    );
  }
}

async function main() {
  const { values } = parseArgs({ options: { "js-only": { type: "boolean", default: false } } });
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  process.chdir(root);
  // Builds when the build is older than the sources (as npm start in a checkout does), before
  // NODE_ENV=production would tell ensureBuild to serve what is there.
  ensureBuild((line) => console.info(line));
  // Measured as production serves it: React's production code on the server, chosen when react-dom loads.
  process.env.NODE_ENV = "production";

  const templates = await pageTemplates(root);
  const weights = routeWeights(root, templates);
  const measured = values["js-only"] ? null : await measureHtml(templates);
  const rows: Row[] = weights.map((js) => ({ js, ...measured?.html.get(js.id) })).sort((a, b) => b.js.gzipBytes - a.js.gzipBytes || a.js.id.localeCompare(b.js.id));
  printTable(rows);

  const heaviest = rows[0]!.js;
  const lightest = rows.at(-1)!.js;
  const over = rows.filter((row) => row.js.gzipBytes > JS_BUDGET_BYTES);
  const leaks = serverOnlyCodeInBrowser(root);
  const shell = shellWeight(root);
  const lines = [
    `templates      ${rows.length} pages; JS: the first load's files from the manifest (entry, root, route, their imports, each once), gzip as the server sends them`,
    `shell          ${kB(shell.gzipBytes)} kB gzip every page loads before its route (entry, root, their imports); of it React, React DOM and Remix ${kB(shell.frameworkGzipBytes)} kB`,
    `lightest       ${kB(lightest.gzipBytes)} kB gzip (${lightest.id})`,
    `largest files  ${largestFiles(root, weights, 5)
      .map((file) => `${path.basename(file.file)} ${kB(file.gzip)} kB on ${file.pages} pages (${file.parts.join(", ")})`)
      .join("; ")}`,
    `server-only    ${leaks.length === 0 ? "no browser file holds zod or the Markdown renderer" : leaks.map((leak) => `${path.basename(leak.file)}: ${leak.packages.join(", ")}`).join("; ")}`,
    ...(measured?.strings
      ? [`strings        the language script every page loads, cached for good (not in the JS column): ${kB(measured.strings.rawBytes)} kB, ${kB(measured.strings.gzipBytes)} kB gzip`]
      : []),
    `max JS         ${kB(heaviest.gzipBytes)} kB gzip: ${heaviest.id}; ${over.length} of ${rows.length} pages over ${kB(JS_BUDGET_BYTES)} kB (marked *); target ≤ ${kB(JS_BUDGET_BYTES)} kB gzip: ${over.length === 0 ? "met" : "MISSED"}`,
  ];
  console.info(`\n── Page weight ${"─".repeat(66)}\n${lines.join("\n")}\n${"─".repeat(80)}`);
}

await runBenchmark("bench:weight", RUN_TIMEOUT_MS, main);
