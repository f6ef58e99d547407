// The queries people type into the directory, and how the benchmark times them.
import { performance } from "node:perf_hooks";
import type { Index } from "meilisearch";
import { accessModes } from "#db/schema";
import { parseDirectoryQuery, type DirectoryQuery } from "#app/modules/directory/directory-filters";
import { directorySearchParams, type taxonomyLabels } from "#app/modules/directory/directory-search.server";
import { directoryTowns, findPlace } from "#app/modules/directory/place-query.server";
import { equals } from "#search/filters";
import { germanQuery } from "#search/german";
import { taxonomySeed } from "#app/modules/directory/standard-taxonomy";
import { LANGUAGES, type Random, type Town } from "./data";
import { figures, type Figures } from "./figures";

export const WARM_UP = 20;
const MAX_FAILED_SHARE = 0.1;

const WORDS = [
  "Integrationskurs",
  "Migrationsberatung",
  "Kitaplatz",
  "Sprachcafé",
  "Deutschkurs",
  "Hausaufgabenhilfe",
  "Bewerbungstraining",
  "Wohnungssuche",
  "Anerkennung",
  "Schuldnerberatung",
  "Asylverfahrensberatung",
  "Frauentreff",
  "Elterncafé",
  "Jugendmigrationsdienst",
  "Berufssprachkurs",
  "Alphabetisierungskurs",
  "Nähcafé",
  "Fahrradwerkstatt",
  "Kleiderkammer",
  "Dolmetscher",
  "Ehrenamt",
  "Sprechstunde",
  "Kurs",
  "Beratung",
  "Kita",
  "Jobcenter",
  "Aufenthaltstitel",
  "Hebamme",
];
const TYPOS = [
  "integrationskurz",
  "Migrationsberatnug",
  "Kitaplaz",
  "Sprachcafe",
  "Deutschkurss",
  "Hausaufgabenhife",
  "Bewerbungstrainig",
  "Wohnugssuche",
  "Anerkenung",
  "Schuldnerberatng",
  "Elterncfe",
  "Fahradwerkstatt",
  "Kleiderkamer",
  "Dolmetcher",
  "Integratoinskurs",
  "Migrationsberatung Erwachsne",
  "Jugendmigrationsdinest",
  "Ausländerbehörd",
  "auslaenderbehoerde",
  "Naehcafe",
];
const SECOND_WORDS = ["Frauen", "Jugendliche", "Ukraine", "Arabisch", "kostenlos", "online", "Familien", "Abend", "Kinderbetreuung"];
const QUERY_KINDS = [
  "word",
  "word",
  "word",
  "word",
  "word",
  "typo",
  "typo",
  "typo",
  "typo",
  "two words",
  "two words",
  "two words",
  "facets",
  "facets",
  "facets",
  "facets",
  "open now",
  "distance",
  "distance",
  "distance",
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];
export type BenchQuery = { kind: QueryKind; search: string; query: DirectoryQuery };

export function makeQueries(count: number, towns: Town[], random: Random): BenchQuery[] {
  const categories = taxonomySeed.filter((term) => term.kind === "category").map((term) => term.slug);
  const groups = taxonomySeed.filter((term) => term.kind === "target_group").map((term) => term.slug);
  return Array.from({ length: count }, (_, index) => {
    const kind = QUERY_KINDS[index % QUERY_KINDS.length]!;
    const params = new URLSearchParams();
    if (kind === "word") params.set("q", random.pick(WORDS));
    if (kind === "typo") params.set("q", random.pick(TYPOS));
    if (kind === "two words") params.set("q", `${random.pick(WORDS)} ${random.chance(0.3) ? random.pick(towns).name : random.pick(SECOND_WORDS)}`);
    if (kind === "facets" || kind === "open now") {
      if (random.chance(0.5)) params.set("q", random.pick(WORDS));
      if (random.chance(0.6)) params.append("kategorie", random.pick(categories));
      if (random.chance(0.5)) params.append("ort", random.pick(towns).name);
      if (random.chance(0.4)) params.set("kostenlos", "1");
      if (random.chance(0.2)) params.append("zielgruppe", random.pick(groups));
      if (random.chance(0.15)) params.append("sprache", random.pick(LANGUAGES));
      if (random.chance(0.15)) params.append("zugang", random.pick(accessModes));
      if (kind === "open now") params.set("offen", "1");
    }
    if (kind === "distance") {
      if (random.chance(0.6)) params.set("q", random.pick(WORDS));
      if (random.chance(0.3)) params.append("kategorie", random.pick(categories));
      params.set("sortierung", "entfernung");
      params.set("von", random.pick(towns).name);
    }
    if (random.chance(0.05)) params.set("seite", "2");
    return { kind, search: params.toString(), query: parseDirectoryQuery(params) };
  });
}

/**
 * Runs each query once after a warm-up, one after another; a failed one is counted, not timed. A run
 * that returns a number reports its own timing (the part that counts); otherwise the whole call is timed.
 */
export async function measure(queries: BenchQuery[], run: (query: BenchQuery) => Promise<number | void>): Promise<{ all: Figures; byKind: Map<QueryKind, number[]>; lastError?: string }> {
  for (const query of queries.slice(0, WARM_UP)) await run(query).catch(() => undefined);
  const samples: number[] = [];
  const byKind = new Map<QueryKind, number[]>();
  let failed = 0;
  let lastError: string | undefined;
  for (const query of queries) {
    const started = performance.now();
    let elapsed: number;
    try {
      elapsed = (await run(query)) ?? performance.now() - started;
    } catch (error) {
      failed++;
      lastError = (error as Error).message;
      if (failed > queries.length * MAX_FAILED_SHARE) throw new Error(`too many failed requests (${failed}); last: ${lastError}`);
      continue;
    }
    samples.push(elapsed);
    if (!byKind.has(query.kind)) byKind.set(query.kind, []);
    byKind.get(query.kind)!.push(elapsed);
  }
  return { all: figures(samples, failed), byKind, lastError };
}

type Labels = Awaited<ReturnType<typeof taxonomyLabels>>;
export type EngineTiming = { ms: number; processingMs: number; calls: number; total: number };

/**
 * The engine's part of a directory page: the same calls searchDirectory makes for the main search
 * (directorySearchParams, the text through germanQuery, a place read from the query narrowing to its
 * town or ranking by its distance), timed without the database lookups around them (labels, towns,
 * a place's centre, open locations), which belong to the loader.
 */
export async function timeEngineQuery(index: Index, query: DirectoryQuery, labels: Labels): Promise<EngineTiming> {
  const { params } = await directorySearchParams(query, null, labels);
  const placed = findPlace(query.q, await directoryTowns());
  // The page ranks by a place's centre when no sort was chosen: the same lookup, asked through the
  // distance sort from that place.
  const rankedSort = placed && !params.sort ? (await directorySearchParams({ ...query, von: placed.place, sortierung: "entfernung" }, null, labels)).params.sort : undefined;
  const timing: EngineTiming = { ms: 0, processingMs: 0, calls: 0, total: 0 };
  const search = async (text: string, withPlace: typeof params) => {
    const started = performance.now();
    const response = await index.search(germanQuery(text), withPlace);
    timing.ms += performance.now() - started;
    timing.processingMs += response.processingTimeMs;
    timing.calls++;
    timing.total = response.estimatedTotalHits ?? response.hits.length;
    return timing.total;
  };
  if (placed?.kind === "town" && (await search(placed.rest, { ...params, filter: [...params.filter, equals("town", placed.place)] })) > 0) return timing;
  if (placed && rankedSort) await search(placed.rest, { ...params, sort: rankedSort });
  else await search(query.q, params);
  return timing;
}
