// Search at network scale, on throw-away servers: generates a large directory, builds the index and
// measures the engine, the loader and the whole /verzeichnis page, then how fast an edit becomes
// searchable. Usage: node --import tsx scripts/bench-search.ts [--partners 10000] [--services 50000]
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { parseDirectoryQuery, type DirectoryQuery } from "#app/modules/directory/directory-filters";
import { directorySearchParams, searchDirectory, taxonomyLabels } from "#app/modules/directory/directory-search.server";
import { parseEnv } from "#app/utils/env.server";
import { slugify } from "#app/utils/slug";
import { closeDb, db } from "#db/client";
import { migrateDatabase } from "#db/migrate";
import { accessModes, locations, openingHours, partners, serviceLocations, services, serviceTerms, taxonomyTerms, type AccessMode, type PartnerKind } from "#db/schema";
import { taxonomySeed } from "#app/modules/directory/standard-taxonomy";
import { getAdminClient, getSearchClient, indexUid } from "#search/client";
import { applySearchSettings, reindexAll } from "#search/reindex";
import { enqueueSearchSync } from "#search/sync";
import { startHttpServer } from "./lib/http";
import { freePort } from "./lib/process";
import { ensureBuild } from "./lib/build";
import { startWorker } from "./lib/worker";
import { ensureServices } from "./services";

const MAX_PARTNERS = 100_000;
const MAX_SERVICES = 500_000;
const ROWS_PER_INSERT = 1000;
const INSERT_LANES = 3;
const QUERIES = 200;
const WARM_UP = 20;
const EDITS = 30;
const POLL_MS = 20;
const SEARCHABLE_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 10_000;
const MAX_FAILED_SHARE = 0.1;
const RUN_TIMEOUT_MS = 45 * 60_000;
const TARGET_RATIO = 2;
const TARGET_PAGE_P95_MS = 30;
const TARGET_EDIT_P95_MS = 1000;
const SEED = 20_260_101;

// ---------------------------------------------------------------------------------------------
// Running, stopping

const cleanups: (() => Promise<void>)[] = [];

/** Registers a stop step (run newest first at the end, on error or on a signal); returns it to run early. */
function defer(stop: () => Promise<unknown>): () => Promise<void> {
  let done = false;
  const run = async () => {
    if (done) return;
    done = true;
    await stop();
  };
  cleanups.push(run);
  return run;
}

async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    await cleanups.pop()!().catch((error: Error) => console.warn(`cleanup: ${error.message}`));
  }
}

function abort(reason: string): void {
  console.error(reason);
  setTimeout(() => process.exit(1), 20_000).unref();
  void cleanUp().finally(() => process.exit(1));
}

function readOptions() {
  const { values } = parseArgs({ options: { partners: { type: "string", default: "10000" }, services: { type: "string", default: "50000" } } });
  const count = (name: string, raw: string, max: number) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
    return value;
  };
  return { partners: count("partners", values.partners, MAX_PARTNERS), services: count("services", values.services, MAX_SERVICES) };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

type Figures = { p50: number; p95: number; n: number; failed: number };
const figures = (samples: number[], failed = 0): Figures => ({ p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length, failed });

// ---------------------------------------------------------------------------------------------
// Invented but plausible data: a region east of Frankfurt, 30 towns

function createRandom(seed: number) {
  let state = seed >>> 0;
  // mulberry32: small, fast and the same on every run.
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const some = <T>(items: readonly T[], count: number): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, count);
  };
  return { next, int, pick, some, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof createRandom>;

const TOWN_NAMES = [
  "Mainblick",
  "Kesselbach",
  "Neu-Kesselbach",
  "Auental",
  "Erlenbrück",
  "Finkenhausen",
  "Grünwiesen",
  "Haselborn",
  "Hohenau",
  "Birkenhain",
  "Lerchenfeld",
  "Mühlental",
  "Ostergrund",
  "Rabenau-Tal",
  "Sonnenberg",
  "Steinfurth-Ost",
  "Talheim am Main",
  "Ulmenhof",
  "Waldsiedlung",
  "Weidenau",
  "Wiesengrund",
  "Ziegelhütte",
  "Bachgau",
  "Eichenried",
  "Fuchsloch",
  "Gänseweid",
  "Kirchbrombach-Süd",
  "Lindenau",
  "Quellenhof",
  "Schlehdorf",
];
const STREETS = [
  "Hauptstraße",
  "Bahnhofstraße",
  "Schulstraße",
  "Kirchgasse",
  "Am Markt",
  "Lindenweg",
  "Gartenstraße",
  "Friedrich-Ebert-Straße",
  "Mühlweg",
  "Rathausplatz",
  "Goethestraße",
  "Am Mainufer",
];
const SURNAMES = ["Bergmann", "Yılmaz", "Schneider", "Kowalski", "Haddad", "Nowak", "Becker", "Öztürk", "Fischer", "Petrenko", "Wagner", "Rahimi", "Schäfer", "Popescu"];
const DISTRICTS = ["Mitte", "Nord", "Süd", "West", "Ost", "Altstadt"];
const FLOWERS = ["Sonnenblume", "Löwenzahn", "Regenbogen", "Pusteblume", "Kunterbunt", "Wirbelwind"];
const LANGUAGES = ["ar", "en", "fa", "ru", "tr", "uk", "ti", "ps", "fr", "ku", "pl", "ro"];
const LANGUAGE_NAMES: Record<string, string> = {
  ar: "Arabisch",
  en: "Englisch",
  fa: "Farsi",
  ru: "Russisch",
  tr: "Türkisch",
  uk: "Ukrainisch",
  ti: "Tigrinya",
  ps: "Paschtu",
  fr: "Französisch",
  ku: "Kurdisch",
  pl: "Polnisch",
  ro: "Rumänisch",
};

const PARTNER_PATTERNS: { name: string; kind: PartnerKind; short?: string }[] = [
  { name: "Integrationsverein {town} e.V.", kind: "verein" },
  { name: "Nachbarschaftshilfe {town}", kind: "initiative" },
  { name: "Volkshochschule {town}", kind: "bildungstraeger", short: "VHS {town}" },
  { name: "Bildungswerk {surname}", kind: "bildungstraeger" },
  { name: "Sprachschule {surname}", kind: "bildungstraeger" },
  { name: "Migrationsberatungsstelle {town}", kind: "beratungsstelle" },
  { name: "Familienzentrum {town}-{district}", kind: "beratungsstelle" },
  { name: "Ausländerbehörde {town}", kind: "behoerde" },
  { name: "Jobcenter {town}", kind: "behoerde" },
  { name: "Ev. Kirchengemeinde {town}", kind: "kirche" },
  { name: "Kita {flower} {town}", kind: "kita" },
  { name: "Gesamtschule {town}-{district}", kind: "schule" },
  { name: "Gesundheitszentrum {town}", kind: "gesundheit" },
  { name: "Internationaler Frauentreff {town}", kind: "initiative" },
  { name: "Sportverein {town} 1920 e.V.", kind: "verein", short: "SV {town}" },
  { name: "{surname} Personalservice GmbH", kind: "unternehmen" },
];

type Blueprint = { name: string; categories: string[]; targetGroups: string[]; keywords?: string[] };
const BLUEPRINTS: Blueprint[] = [
  { name: "Integrationskurs", categories: ["sprache", "bildung"], targetGroups: ["gefluechtete", "eu-zugewanderte", "alle"] },
  { name: "Migrationsberatung für Erwachsene", categories: ["beratung", "aufenthalt-recht"], targetGroups: ["gefluechtete", "eu-zugewanderte", "fachkraefte"], keywords: ["MBE"] },
  { name: "Kitaplatz-Lotsen", categories: ["kinder-familie", "beratung"], targetGroups: ["familien"] },
  { name: "Kitaplatzvermittlung", categories: ["kinder-familie"], targetGroups: ["familien", "frauen"] },
  { name: "Sprachcafé", categories: ["sprache", "freizeit-sport"], targetGroups: ["alle"] },
  { name: "Deutschkurs für Frauen", categories: ["sprache"], targetGroups: ["frauen"] },
  { name: "Berufssprachkurs B2", categories: ["sprache", "arbeit"], targetGroups: ["fachkraefte"] },
  { name: "Alphabetisierungskurs", categories: ["sprache", "bildung"], targetGroups: ["alle"] },
  { name: "Hausaufgabenhilfe", categories: ["bildung", "kinder-familie"], targetGroups: ["jugendliche", "familien"] },
  { name: "Bewerbungstraining", categories: ["arbeit"], targetGroups: ["jugendliche", "fachkraefte"] },
  { name: "Anerkennungsberatung für ausländische Berufsabschlüsse", categories: ["anerkennung", "beratung", "arbeit"], targetGroups: ["fachkraefte"] },
  { name: "Asylverfahrensberatung", categories: ["aufenthalt-recht", "beratung"], targetGroups: ["gefluechtete"] },
  { name: "Jugendmigrationsdienst", categories: ["beratung", "bildung"], targetGroups: ["jugendliche"], keywords: ["JMD"] },
  { name: "Sprechstunde Wohnungssuche", categories: ["wohnen", "beratung"], targetGroups: ["alle"] },
  { name: "Schuldnerberatung", categories: ["beratung", "alltag-orientierung"], targetGroups: ["alle"] },
  { name: "Elterncafé", categories: ["kinder-familie"], targetGroups: ["familien"] },
  { name: "Frauentreff", categories: ["freizeit-sport", "alltag-orientierung"], targetGroups: ["frauen"] },
  { name: "Nähcafé", categories: ["freizeit-sport"], targetGroups: ["frauen", "senioren"] },
  { name: "Fahrradwerkstatt", categories: ["alltag-orientierung", "freizeit-sport"], targetGroups: ["alle"] },
  { name: "Kleiderkammer", categories: ["alltag-orientierung"], targetGroups: ["alle"] },
  { name: "Dolmetscherpool", categories: ["alltag-orientierung", "gesundheit"], targetGroups: ["gefluechtete", "ukraine"] },
  { name: "Gesundheitslotsen", categories: ["gesundheit"], targetGroups: ["alle"] },
  { name: "Psychosoziale Beratung", categories: ["gesundheit", "beratung"], targetGroups: ["gefluechtete"] },
  { name: "Ehrenamtliche Patenschaften", categories: ["ehrenamt"], targetGroups: ["gefluechtete", "familien"] },
  { name: "Ehrenamtsbörse", categories: ["ehrenamt"], targetGroups: ["alle"] },
  { name: "Erstorientierung für Neuzugewanderte", categories: ["alltag-orientierung"], targetGroups: ["gefluechtete", "eu-zugewanderte"] },
  { name: "Beratung für Schutzsuchende aus der Ukraine", categories: ["beratung", "aufenthalt-recht"], targetGroups: ["ukraine"] },
  { name: "Schwimmkurs für Frauen", categories: ["freizeit-sport"], targetGroups: ["frauen"] },
  { name: "Fußballtreff", categories: ["freizeit-sport"], targetGroups: ["jugendliche"] },
  { name: "Seniorentreff international", categories: ["freizeit-sport"], targetGroups: ["senioren"] },
  { name: "Ausbildungsbegleitung", categories: ["arbeit", "bildung"], targetGroups: ["jugendliche"] },
  { name: "Jobcoaching", categories: ["arbeit"], targetGroups: ["fachkraefte", "eu-zugewanderte"] },
  { name: "Rechtsberatung zum Aufenthaltstitel", categories: ["aufenthalt-recht"], targetGroups: ["gefluechtete"] },
  { name: "Mieterberatung", categories: ["wohnen"], targetGroups: ["alle", "familien"] },
  { name: "Hebammensprechstunde", categories: ["gesundheit", "kinder-familie"], targetGroups: ["familien", "frauen"] },
];
const QUALIFIERS = ["", "", "", " am Vormittag", " am Abend", " für Einsteiger", " (A1)", " (B1)", " in {town}", " – offene Sprechstunde", " mit Kinderbetreuung", " online", " im Stadtteilzentrum"];
const TOPICS = [
  "der Anmeldung zum Integrationskurs",
  "der Suche nach einem Kitaplatz",
  "der Wohnungssuche",
  "Bewerbungen und Lebenslauf",
  "der Anerkennung Ihres Berufsabschlusses",
  "Anträgen beim Jobcenter",
  "Briefen von Behörden",
  "dem Aufenthaltstitel",
  "der Schulanmeldung Ihrer Kinder",
  "Fragen zur Gesundheitsversorgung",
  "der Migrationsberatung",
  "dem Deutschlernen im Alltag",
];
const SENTENCES = [
  "Wir unterstützen Sie bei {topic}.",
  "Das Angebot richtet sich an {group} aus {town} und Umgebung.",
  "Termine nach Vereinbarung, kurze Fragen gerne telefonisch.",
  "Offene Sprechstunde ohne Anmeldung, bitte Unterlagen mitbringen.",
  "Kinderbetreuung während des Kurses ist möglich.",
  "Wir sprechen Deutsch und {language}.",
  "In Zusammenarbeit mit dem Jobcenter und der Ausländerbehörde.",
  "Hilfe bei Anträgen, Formularen und Behördenbriefen.",
  "Im Sprachcafé üben Sie Deutsch in entspannter Runde.",
  "Ehrenamtliche begleiten Sie zu Terminen.",
];
const GROUP_WORDS = ["Geflüchtete", "Familien", "Frauen", "Jugendliche", "Fachkräfte", "Neuzugewanderte", "ältere Menschen"];

type Town = { name: string; postalCode: string; lat: number; lng: number };

function makeTowns(random: Random): Town[] {
  return TOWN_NAMES.map((name, index) => ({
    name,
    postalCode: String(63_000 + index * 37),
    lat: 50 + random.next() * 0.5,
    lng: 8.8 + random.next() * 0.8,
  }));
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_match, key: string) => values[key] ?? "");
/** Inserts rows in multi-row statements, a few at a time over the pool. */
async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  const batches: T[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) batches.push(rows.slice(start, start + ROWS_PER_INSERT));
  let next = 0;
  const lane = async () => {
    while (next < batches.length) await insert(batches[next++]!);
  };
  await Promise.all(Array.from({ length: INSERT_LANES }, lane));
}

type Generated = { towns: Town[]; serviceIds: string[]; locationCount: number };

async function generate(counts: { partners: number; services: number }, random: Random): Promise<Generated> {
  const towns = makeTowns(random);
  const terms = await db
    .insert(taxonomyTerms)
    .values(taxonomySeed.map((term, position) => ({ ...term, position })))
    .returning({ id: taxonomyTerms.id, kind: taxonomyTerms.kind, slug: taxonomyTerms.slug });
  const termId = new Map(terms.map((term) => [`${term.kind}:${term.slug}`, term.id]));
  const categorySlugs = terms.filter((term) => term.kind === "category").map((term) => term.slug);
  const verifiedAt = () => new Date(Date.now() - random.int(0, 400) * 86_400_000);

  const partnerRows: (typeof partners.$inferInsert)[] = [];
  const locationRows: (typeof locations.$inferInsert)[] = [];
  const hourRows: (typeof openingHours.$inferInsert)[] = [];
  const partnerPlaces: { id: string; town: Town; locationIds: string[] }[] = [];
  for (let index = 0; index < counts.partners; index++) {
    const home = random.pick(towns);
    const pattern = random.pick(PARTNER_PATTERNS);
    const values = { town: home.name, surname: random.pick(SURNAMES), district: random.pick(DISTRICTS), flower: random.pick(FLOWERS) };
    const name = fill(pattern.name, values);
    const slug = `${slugify(name)}-${index.toString(36)}`;
    const id = randomUUID();
    partnerRows.push({
      id,
      slug,
      name,
      shortName: pattern.short ? fill(pattern.short, values) : null,
      kind: pattern.kind,
      description: `${name} ist Teil des Netzwerks in ${home.name}. ${fill(random.pick(SENTENCES), { topic: random.pick(TOPICS), group: random.pick(GROUP_WORDS), town: home.name, language: LANGUAGE_NAMES[random.pick(LANGUAGES)]! })}`,
      website: `https://${slug}.example.org`,
      email: `kontakt@${slug}.example.org`,
      phone: `06${random.int(100, 199)} ${random.int(10_000, 999_999)}`,
      lastVerifiedAt: verifiedAt(),
    });
    const placeCount = random.chance(0.6) ? 1 : random.chance(0.75) ? 2 : 3;
    const locationIds: string[] = [];
    for (let place = 0; place < placeCount; place++) {
      const town = place === 0 ? home : random.pick(towns);
      const locationId = randomUUID();
      locationIds.push(locationId);
      locationRows.push({
        id: locationId,
        partnerId: id,
        name: place === 0 ? null : `Außenstelle ${town.name}`,
        street: `${random.pick(STREETS)} ${random.int(1, 120)}`,
        postalCode: town.postalCode,
        town: town.name,
        latitude: town.lat + (random.next() - 0.5) * 0.02,
        longitude: town.lng + (random.next() - 0.5) * 0.03,
        wheelchairAccessible: random.chance(0.5),
      });
      for (let weekday = 1; weekday <= 5; weekday++) {
        if (random.chance(0.8)) hourRows.push({ locationId, weekday, opens: "09:00", closes: "12:30" });
        if (weekday % 2 === 0 && random.chance(0.5)) hourRows.push({ locationId, weekday, opens: "14:00", closes: "17:00" });
      }
    }
    partnerPlaces.push({ id, town: home, locationIds });
  }

  const serviceRows: (typeof services.$inferInsert)[] = [];
  const termRows: (typeof serviceTerms.$inferInsert)[] = [];
  const placeRows: (typeof serviceLocations.$inferInsert)[] = [];
  for (let index = 0; index < counts.services; index++) {
    const partner = random.pick(partnerPlaces);
    const blueprint = random.pick(BLUEPRINTS);
    const name = `${blueprint.name}${fill(random.pick(QUALIFIERS), { town: partner.town.name })}`;
    const languages = ["de", ...random.some(LANGUAGES, random.int(0, 3))];
    const id = randomUUID();
    const cost = random.chance(0.8) ? "free" : "fee";
    const sentences = random.some(SENTENCES, random.int(2, 3)).map((sentence) =>
      fill(sentence, {
        topic: random.pick(TOPICS),
        group: random.pick(GROUP_WORDS),
        town: partner.town.name,
        language:
          languages
            .slice(1)
            .map((code) => LANGUAGE_NAMES[code])
            .join(", ") || "Englisch",
      }),
    );
    serviceRows.push({
      id,
      partnerId: partner.id,
      slug: `${slugify(blueprint.name)}-${index.toString(36)}`,
      name,
      description: sentences.join(" "),
      languages,
      cost,
      costNote: cost === "fee" ? `${random.int(2, 40)} € pro Termin, ermäßigt nach Absprache` : null,
      eligibility: random.chance(0.2) ? "Mit Wohnsitz im Landkreis" : null,
      accessModes: random.some(accessModes, random.int(1, 3)) as AccessMode[],
      contactName: random.chance(0.5) ? `${random.pick(["Frau", "Herr"])} ${random.pick(SURNAMES)}` : null,
      keywords: blueprint.keywords ?? [],
      lastVerifiedAt: verifiedAt(),
    });
    const categories = new Set(blueprint.categories.slice(0, random.int(1, blueprint.categories.length)));
    if (random.chance(0.1)) categories.add(random.pick(categorySlugs));
    const groups = random.some(blueprint.targetGroups, random.int(1, Math.min(2, blueprint.targetGroups.length)));
    for (const slug of categories) termRows.push({ serviceId: id, termId: termId.get(`category:${slug}`)! });
    for (const slug of groups) termRows.push({ serviceId: id, termId: termId.get(`target_group:${slug}`)! });
    const where = random.some(partner.locationIds, partner.locationIds.length > 1 && random.chance(0.4) ? 2 : 1);
    for (const locationId of where) placeRows.push({ serviceId: id, locationId });
  }

  await insertInBatches(partnerRows, (batch) => db.insert(partners).values(batch));
  await insertInBatches(locationRows, (batch) => db.insert(locations).values(batch));
  await insertInBatches(hourRows, (batch) => db.insert(openingHours).values(batch));
  await insertInBatches(serviceRows, (batch) => db.insert(services).values(batch));
  await insertInBatches(termRows, (batch) => db.insert(serviceTerms).values(batch));
  await insertInBatches(placeRows, (batch) => db.insert(serviceLocations).values(batch));
  await db.execute(sql`analyze`);
  return { towns, serviceIds: serviceRows.map((row) => row.id!), locationCount: locationRows.length };
}

// ---------------------------------------------------------------------------------------------
// Queries people type

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
type QueryKind = (typeof QUERY_KINDS)[number];
type BenchQuery = { kind: QueryKind; search: string; query: DirectoryQuery };

function makeQueries(count: number, towns: Town[], random: Random): BenchQuery[] {
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
async function measure(queries: BenchQuery[], run: (query: BenchQuery) => Promise<number | void>): Promise<{ all: Figures; byKind: Map<QueryKind, number[]>; lastError?: string }> {
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

// ---------------------------------------------------------------------------------------------
// The app as production serves it

// ---------------------------------------------------------------------------------------------

async function main() {
  const counts = readOptions();
  // Measured as production serves it: React's production build, chosen when react-dom loads.
  process.env.NODE_ENV = "production";
  process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
  const random = createRandom(SEED);
  const report: string[] = [];

  ensureBuild((line) => console.info(line));

  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "kurze-wege-bench-"));
  defer(() => fs.rm(dataDir, { recursive: true, force: true }));
  // PostgreSQL runs as its own user, which must be able to enter the folder.
  await fs.chmod(dataDir, 0o755);
  console.info(`Starting throw-away PostgreSQL and Meilisearch in ${dataDir} …`);
  // An empty env: never the servers named in this shell's environment.
  const servers = await ensureServices({ dataDir, ephemeral: true, env: { NODE_ENV: "production" } });
  defer(servers.stop);
  Object.assign(process.env, {
    DATABASE_URL: servers.databaseUrl,
    MEILI_URL: servers.meiliUrl,
    MEILI_MASTER_KEY: servers.meiliMasterKey,
    MEILI_INDEX_PREFIX: "bench_",
    APP_SECRET: randomUUID() + randomUUID(),
  });
  await migrateDatabase(servers.databaseUrl);
  defer(closeDb);

  console.info(`Generating ${counts.partners} partners and ${counts.services} services …`);
  let started = performance.now();
  const data = await generate(counts, random);
  const generateMs = performance.now() - started;
  console.info(`  generated in ${seconds(generateMs)} (${data.locationCount} locations)`);

  console.info("Building the search index …");
  started = performance.now();
  await applySearchSettings();
  let reported = 0;
  await reindexAll(db, (index, done) => {
    if (done - reported >= 20_000) console.info(`  · ${index}: ${(reported = done)} documents`);
  });
  const indexMs = performance.now() - started;
  const admin = getAdminClient();
  const [serviceStats, partnerStats] = await Promise.all([admin.index(indexUid("services")).getStats(), admin.index(indexUid("partners")).getStats()]);
  console.info(`  built in ${seconds(indexMs)}: ${serviceStats.numberOfDocuments} service and ${partnerStats.numberOfDocuments} partner documents`);

  const labels = await taxonomyLabels("de");
  const queries = makeQueries(QUERIES, data.towns, random);
  const servicesIndex = (await getSearchClient()).index(indexUid("services"));

  console.info(`Engine: ${queries.length} queries …`);
  const processing: number[] = [];
  const engine = await measure(queries, async ({ query }) => {
    // The same query the page sends (directorySearchParams), timed without its database lookups.
    const { params } = await directorySearchParams(query, null, labels);
    const started = performance.now();
    const response = await servicesIndex.search(query.q, params);
    processing.push(response.processingTimeMs);
    // Only the Meilisearch call counts; the open-location lookup above belongs to the loader.
    return performance.now() - started;
  });

  console.info(`Loader (searchDirectory in-process): ${queries.length} queries …`);
  const loader = await measure(queries, async ({ query }) => {
    const result = await searchDirectory(query, null, "de");
    if (result.status !== "ok") throw new Error("search unavailable");
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

  console.info(`Edit → searchable: ${EDITS} edits …`);
  const worker = await startWorker(servers.databaseUrl);
  const stopWorker = defer(async () => {
    await worker.stop();
    await worker.pool.end();
  });
  const editTimes: number[] = [];
  let editsLost = 0;
  for (const serviceId of random.some(data.serviceIds, Math.min(EDITS, data.serviceIds.length))) {
    const token = `bench${Array.from({ length: 8 }, () => String.fromCharCode(97 + random.int(0, 25))).join("")}`;
    const started = performance.now();
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(services)
        .set({ name: sql`${services.name} || ${` ${token}`}`, updatedAt: new Date() })
        .where(eq(services.id, serviceId))
        .returning({ partnerId: services.partnerId });
      await enqueueSearchSync(tx, "services", serviceId);
      await enqueueSearchSync(tx, "partners", row!.partnerId);
    });
    const deadline = started + SEARCHABLE_TIMEOUT_MS;
    let found = false;
    while (!found && performance.now() < deadline) {
      const { hits } = await servicesIndex.search(token, { filter: [`serviceId = ${JSON.stringify(serviceId)}`], limit: 1, attributesToRetrieve: ["id"] });
      found = hits.length > 0;
      if (!found) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    if (found) editTimes.push(performance.now() - started);
    else editsLost++;
  }
  await stopWorker();
  const edits = figures(editTimes, editsLost);

  // -------------------------------------------------------------------------------------------
  const ratio = page.all.p95 / engine.all.p95;
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  const line = (label: string, value: Figures) =>
    `${label.padEnd(14)} p50 ${ms(value.p50).padStart(9)}   p95 ${ms(value.p95).padStart(9)}   n=${value.n}${value.failed ? ` failed=${value.failed}` : ""}`;
  report.push(
    `data           ${counts.partners} partners, ${counts.services} services, ${data.locationCount} locations; generated in ${seconds(generateMs)}`,
    `index          ${serviceStats.numberOfDocuments} service + ${partnerStats.numberOfDocuments} partner documents; built in ${seconds(indexMs)}`,
    line("engine", engine.all) + `   Meilisearch's own processingTimeMs p95 ${percentile(processing.slice(-engine.all.n), 95)} ms`,
    line("loader", loader.all),
    line("page", page.all) + `   HTML ${(pageBytes / Math.max(1, pages) / 1024).toFixed(0)} kB a page`,
    `page/engine    p95 ratio ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${verdict(ratio <= TARGET_RATIO)}); page p95 < ${TARGET_PAGE_P95_MS} ms: ${verdict(page.all.p95 < TARGET_PAGE_P95_MS)}`,
    `page by kind   ${[...page.byKind].map(([kind, samples]) => `${kind} ${percentile(samples, 95).toFixed(1)}`).join(" · ")} (p95 ms)`,
    line("edit→search", edits) + `   (target p95 < ${TARGET_EDIT_P95_MS} ms: ${verdict(edits.failed === 0 && edits.p95 < TARGET_EDIT_P95_MS)})`,
  );
  for (const [label, result] of [
    ["loader", loader],
    ["page", page],
  ] as const) {
    if (result.lastError) report.push(`${label} error  ${result.lastError}`);
  }
  console.info(`\n── Search benchmark ${"─".repeat(60)}\n${report.join("\n")}\n${"─".repeat(80)}`);
}

const watchdog = setTimeout(() => abort(`The benchmark took longer than ${RUN_TIMEOUT_MS / 60_000} minutes: stopping.`), RUN_TIMEOUT_MS);
watchdog.unref();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => abort(`${signal}: stopping the servers …`));

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(`bench:search: ${(error as Error).stack ?? String(error)}`);
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);
