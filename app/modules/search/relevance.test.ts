import { db } from "#db/client";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { searchEverything } from "./search.server";
import { searchDirectory } from "#app/modules/directory/directory-search.server";
import { parseDirectoryQuery } from "#app/modules/directory/directory-filters";
import { applySearchSettings, reindexAll } from "#search/reindex";
import { relevanceReport } from "#test/relevance";

// What people type, and the entry they must find in the top three. Measured against the demo network.
const CASES: [query: string, expected: string, why: string][] = [
  ["Integrationskurs", "/verzeichnis/angebote/integrationskurs-allgemein", "exact name"],
  ["integrationskurz", "/verzeichnis/angebote/integrationskurs-allgemein", "typo at the end"],
  ["Intergrationskurs", "/verzeichnis/angebote/integrationskurs-allgemein", "typo inside the compound"],
  ["Deutschkurs Weidenfeld", "/verzeichnis/angebote/deutschkurs-b1-abend-weidenfeld", "course and town"],
  ["Kita Platz", "/verzeichnis/angebote/kita-platz-vergabe", "two words of a compound"],
  ["Kitaplatz", "/verzeichnis/angebote/kita-platz-vergabe", "compound as one word"],
  ["Kindergarten", "/verzeichnis/angebote/kita-platz-vergabe", "synonym of Kita"],
  ["Kindertagesstätte Platz", "/verzeichnis/angebote/kita-platz-vergabe", "long form"],
  ["Anerkennung Abschluss", "/verzeichnis/angebote/anerkennung-berufsabschluesse", "parts of compounds"],
  ["Berufsanerkennung", "/verzeichnis/angebote/anerkennung-berufsabschluesse", "other word for it"],
  ["recognition of qualifications", "/verzeichnis/angebote/anerkennung-berufsabschluesse", "English"],
  ["Auslaenderbehoerde", "/verzeichnis/partner/auslaenderbehoerde-auental", "no umlauts, ae/oe"],
  ["Auslanderbehorde", "/verzeichnis/partner/auslaenderbehoerde-auental", "umlauts dropped"],
  ["Ausländerbehörde", "/verzeichnis/partner/auslaenderbehoerde-auental", "exact"],
  ["Arbeitsamt", "/verzeichnis/partner/agentur-fuer-arbeit-auental", "old name"],
  ["Arbeitsamt", "/verzeichnis/partner/jobcenter-auental", "old name, the other office"],
  ["Jobcenter", "/verzeichnis/partner/jobcenter-auental", "exact"],
  ["Bürgergeld", "/verzeichnis/angebote/buergergeld-antrag", "benefit"],
  ["Buergergeld", "/verzeichnis/angebote/buergergeld-antrag", "no umlaut"],
  ["Aufenthaltstitel verlängern", "/verzeichnis/angebote/aufenthaltstitel-verlaengern", "task"],
  ["Aufenthaltserlaubnis", "/verzeichnis/angebote/aufenthaltstitel-verlaengern", "synonym"],
  ["Einbürgerung", "/verzeichnis/angebote/einbuergerung", "exact"],
  ["citizenship", "/verzeichnis/angebote/einbuergerung", "English"],
  ["Migrationsberatung", "/verzeichnis/angebote/mbe-caritas", "exact"],
  ["Beratung Migration", "/verzeichnis/angebote/mbe-caritas", "parts of the compound"],
  ["Schuldnerberatung", "/verzeichnis/angebote/schuldnerberatung", "exact"],
  ["Schulden", "/verzeichnis/angebote/schuldnerberatung", "synonym"],
  ["Wohnung suchen", "/verzeichnis/angebote/wohnungsvermittlung", "task"],
  ["Dolmetscher", "/verzeichnis/angebote/dolmetscherpool-sprachmittlung", "exact part"],
  ["interpreter", "/verzeichnis/angebote/dolmetscherpool-sprachmittlung", "English"],
  ["Sprachcafe", "/verzeichnis/partner/sprachcafe-auenstadt", "without accent"],
  ["Hausaufgabenhilfe", "/verzeichnis/angebote/hausaufgabenhilfe-auenstadt", "exact"],
  ["Nachhilfe", "/verzeichnis/angebote/hausaufgabenhilfe-auenstadt", "synonym"],
  ["Schwimmkurs Frauen", "/verzeichnis/angebote/schwimmkurs-frauen", "two words"],
  ["Ehrenamt", "/verzeichnis/angebote/ehrenamt-vermittlung", "exact"],
  ["volunteer", "/verzeichnis/angebote/ehrenamt-vermittlung", "English"],
  ["Berufssprachkurs", "/verzeichnis/angebote/berufssprachkurs-b2-deufoev", "exact"],
  ["Jugendmigrationsdienst", "/verzeichnis/angebote/jmd-beratung", "exact"],
  ["JMD", "/verzeichnis/angebote/jmd-beratung", "abbreviation"],
  ["Tafel", "/verzeichnis/angebote/tafel-lebensmittelausgabe", "exact"],
];

const report = relevanceReport("demo");

beforeAll(async () => {
  await seedDirectory(db);
  await applySearchSettings();
  await reindexAll(db);
}, 120_000);

describe("German queries find the right entry in the top three", () => {
  test.each(CASES)("%s → %s (%s)", async (query, expected, why) => {
    const outcome = await searchEverything(query, null, { limit: 3 });
    if (outcome.status !== "ok") {
      report.fail(query, expected, why);
      throw new Error("search unavailable");
    }
    const urls = outcome.hits.map((hit) => hit.url);
    report.record(query, expected, why, urls);
    expect(urls).toContain(expected);
  });
});

describe("parts of compounds in the directory", () => {
  test.each([
    ["Kurs", "integrationskurs-allgemein"],
    ["Beratung", "mbe-caritas"],
    ["Platz", "kita-platz-vergabe"],
  ])("%s finds %s, where the word is only part of a compound", async (query, slug) => {
    const result = await searchDirectory(parseDirectoryQuery(new URLSearchParams({ q: query })), null, "de", { pageSize: 200 });
    if (result.status !== "ok") throw new Error("search unavailable");
    expect(result.hits.map((hit) => hit.slug)).toContain(slug);
  });
});

describe("a query that finds nothing as typed", () => {
  test.each(["Kursberatung", "Wohnungsberatung", "Sprachkursanmeldung"])("%s is searched by its parts, and the page says so", async (query) => {
    const result = await searchDirectory(parseDirectoryQuery(new URLSearchParams({ q: query })), null, "de");
    if (result.status !== "ok") throw new Error("search unavailable");
    expect(result.loosened).toBe(true);
    expect(result.hits.length).toBeGreaterThan(0);
  });

  test("a query that finds something as typed is not loosened", async () => {
    const result = await searchDirectory(parseDirectoryQuery(new URLSearchParams({ q: "Integrationskurs" })), null, "de");
    if (result.status !== "ok") throw new Error("search unavailable");
    expect(result.loosened).toBe(false);
  });
});

describe("directory filters and sorting", () => {
  test("a facet narrows the results and counts what is left", async () => {
    const result = await searchDirectory(
      parseDirectoryQuery(
        new URLSearchParams([
          ["q", "Kita"],
          ["ort", "Lindach"],
        ]),
      ),
      null,
      "de",
    );
    if (result.status !== "ok") throw new Error("search unavailable");
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits.every((hit) => hit.town === "Lindach")).toBe(true);
    expect(result.facets.ort.find((facet) => facet.value === "Lindach")).toMatchObject({ selected: true });
  });

  test("unknown facet values are dropped, never passed on as filters", async () => {
    const result = await searchDirectory(
      parseDirectoryQuery(
        new URLSearchParams([
          ["kategorie", "gibt-es-nicht"],
          ["kategorie", "sprache"],
        ]),
      ),
      null,
      "de",
    );
    if (result.status !== "ok") throw new Error("search unavailable");
    expect(result.total).toBeGreaterThan(0);
    expect(result.facets.kategorie.filter((facet) => facet.selected).map((facet) => facet.value)).toEqual(["sprache"]);
  });

  test("distance from a town puts the nearest places first", async () => {
    const result = await searchDirectory(parseDirectoryQuery(new URLSearchParams({ q: "Kita", sortierung: "entfernung", von: "Lindach" })), null, "de");
    if (result.status !== "ok") throw new Error("search unavailable");
    const distances = result.hits.map((hit) => hit.distanceKm!);
    expect(distances[0]).toBeLessThan(3);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  test("sorting by name is A–Z with umlauts in their German place", async () => {
    const result = await searchDirectory(parseDirectoryQuery(new URLSearchParams({ sortierung: "name" })), null, "de");
    if (result.status !== "ok") throw new Error("search unavailable");
    const names = result.hits.map((hit) => hit.name.map((part) => part.text).join(""));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "de")));
  });
});
