import fs from "node:fs/promises";
import path from "node:path";
import { Logger } from "@graphile/logger";
import { and, asc, eq, inArray } from "drizzle-orm";
import { runOnce } from "graphile-worker";
import { db } from "#db/client";
import { locations, openingHours, partners, serviceForeignTerms, serviceLocations, services, serviceTerms, taxonomyTerms, termMappings } from "#db/schema";
import { getAdminClient, indexUid } from "#search/client";
import { applySearchSettings } from "#search/reindex";
import { createSearchSyncTask, SEARCH_SYNC_TASK } from "#search/sync";
import { createTestUser } from "#test/factories";
import { listUnsettledTerms } from "./foreign-terms.server";
import { loadTermMappingPage, settleTerm } from "./term-mapping-page.server";
import { collectLog, queuedSyncKeys, rowCounts, writeTempFile } from "./import-test-support.server";
import { ImportFailed, runImport } from "./import.server";

const EXAMPLE = path.resolve(process.cwd(), "docs/import-example.csv");
const BROKEN = path.resolve(process.cwd(), "test/fixtures/import-broken.csv");
const IMPORT = { skipInvalid: false, dryRun: false };

async function service(externalId: string) {
  const [row] = await db.select().from(services).where(eq(services.externalId, externalId));
  return row;
}

async function placesOf(serviceId: string) {
  return db
    .select({ id: locations.id, externalId: locations.externalId, town: locations.town })
    .from(serviceLocations)
    .innerJoin(locations, eq(locations.id, serviceLocations.locationId))
    .where(eq(serviceLocations.serviceId, serviceId));
}

async function hoursAt(locationExternalId: string) {
  return db
    .select({ weekday: openingHours.weekday, opens: openingHours.opens, closes: openingHours.closes })
    .from(openingHours)
    .innerJoin(locations, eq(locations.id, openingHours.locationId))
    .where(eq(locations.externalId, locationExternalId))
    .orderBy(asc(openingHours.weekday), asc(openingHours.opens));
}

describe("importing the CSV template", () => {
  test("the example file creates partners, services, shared places and opening hours", async () => {
    const log = collectLog();
    const summary = await runImport(db, EXAMPLE, IMPORT, log);
    expect(log.errors).toEqual([]);
    expect(summary).toMatchObject({ services: { created: 6, updated: 0 }, partners: { created: 4, updated: 0 }, locations: { created: 4, updated: 0 } });
    expect(log.infos).toContain("imported 6/6 records");

    const [vhs] = await db.select().from(partners).where(eq(partners.externalId, "vhs-auental"));
    expect(vhs).toMatchObject({ slug: "volkshochschule-landkreis-auental", kind: "bildungstraeger", shortName: "VHS Auental", website: "https://www.vhs-auental.example" });
    const course = (await service("vhs-integrationskurs-alpha"))!;
    expect(course).toMatchObject({
      slug: "integrationskurs-mit-alphabetisierung",
      partnerId: vhs!.id,
      languages: ["de"],
      accessModes: ["appointment"],
      keywords: ["Alphakurs", "Deutschkurs", "Lesen lernen"],
    });
    const terms = await db
      .select({ kind: taxonomyTerms.kind, slug: taxonomyTerms.slug })
      .from(serviceTerms)
      .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTerms.termId))
      .where(eq(serviceTerms.serviceId, course.id));
    expect(terms).toHaveLength(4);
    expect(terms).toEqual(
      expect.arrayContaining([
        { kind: "category", slug: "sprache" },
        { kind: "target_group", slug: "eu-zugewanderte" },
      ]),
    );

    // Two services of the VHS at one address share one place, which keeps the hours given once.
    const b2 = (await service("vhs-berufssprachkurs-b2"))!;
    expect(await placesOf(b2.id)).toEqual(await placesOf(course.id));
    expect(await hoursAt("vhs-auental:marktplatz-4:63901")).toEqual([
      { weekday: 1, opens: "08:30:00", closes: "12:00:00" },
      { weekday: 2, opens: "08:30:00", closes: "12:00:00" },
      { weekday: 2, opens: "14:00:00", closes: "17:00:00" },
      { weekday: 3, opens: "08:30:00", closes: "12:00:00" },
      { weekday: 4, opens: "08:30:00", closes: "12:00:00" },
      { weekday: 5, opens: "08:30:00", closes: "12:00:00" },
    ]);
    expect(await placesOf((await service("caritas-video-beratung"))!.id)).toEqual([]);
    expect(await queuedSyncKeys()).toEqual(expect.arrayContaining([`services:${course.id}`, `services:${b2.id}`, `partners:${vhs!.id}`]));
  });

  test("importing it again changes what the file changed and duplicates nothing", async () => {
    const before = await rowCounts();
    const original = await fs.readFile(EXAMPLE, "utf8");
    const edited = original.replace("Mo-Fr 08:30-12:00|Di 14:00-17:00", "Mo-Do 09:00-12:00").replace("Schwimmkurs für Frauen", "Schwimmkurs nur für Frauen");
    expect(edited).not.toBe(original);

    const summary = await runImport(db, await writeTempFile("example.csv", edited), IMPORT, collectLog());
    expect(summary).toMatchObject({ services: { created: 0, updated: 6 }, partners: { created: 0, updated: 4 }, locations: { created: 0, updated: 4 } });
    const { jobs: _jobs, ...counts } = await rowCounts();
    const { jobs: _before, ...countsBefore } = before;
    expect(counts).toEqual({ ...countsBefore, openingHours: countsBefore.openingHours - 2 });
    expect(await service("tsv-schwimmkurs-frauen")).toMatchObject({ name: "Schwimmkurs nur für Frauen", slug: "schwimmkurs-fuer-frauen" });
    expect(await hoursAt("vhs-auental:marktplatz-4:63901")).toHaveLength(4);

    await runImport(db, EXAMPLE, IMPORT, collectLog());
    const { jobs: _again, ...restored } = await rowCounts();
    expect(restored).toEqual(countsBefore);
  });

  test("a new entry whose name is taken gets a numbered slug", async () => {
    const [header] = (await fs.readFile(EXAMPLE, "utf8")).split("\n");
    const row = "willkommen-lindach,Willkommensinitiative Weidenfeld,,initiative,,,,,lindach-sprachcafe,Sprachcafé Weidenfeld,,sprache,alle,de,,,,,,,,,,,,,,,,,";
    await runImport(db, await writeTempFile("same-names.csv", `${header}\n${row}\n`), IMPORT, collectLog());
    expect((await service("lindach-sprachcafe"))?.slug).toBe("sprachcafe-weidenfeld-2");
    const [partner] = await db.select({ slug: partners.slug }).from(partners).where(eq(partners.externalId, "willkommen-lindach"));
    expect(partner?.slug).toBe("willkommensinitiative-weidenfeld-2");
  });

  test("a broken file reports every error by record and column and writes nothing", async () => {
    const before = await rowCounts();
    const log = collectLog();
    await expect(runImport(db, BROKEN, IMPORT, log)).rejects.toThrow(new ImportFailed("nothing imported: 4 records of 5 have errors (fix them, or pass --skip-invalid to import the 1 valid record)"));
    // "foo" is a name of the file's own vocabulary, not an error: the row stays invalid for its language.
    expect(log.errors).toEqual([
      'record 2 (line 3, service "Bewerbungstraining"): languages[1]: "deutsch" is not an ISO 639-1 or 639-3 language code (like de, ar, prs)',
      'record 3 (line 4, service "Nachhilfe Mathe"): partner_kind: "firma" is not one of behoerde, bildungstraeger, beratungsstelle, verein, initiative, unternehmen, kirche, schule, kita, gesundheit',
      'record 3 (line 4, service "Nachhilfe Mathe"): cost: "Gratis" is not one of free, fee, unknown',
      'record 3 (line 4, service "Nachhilfe Mathe"): opening_hours[1]: unknown day "Dx" (use Mo, Di, Mi, Do, Fr, Sa, So) in "Dx 10:00-12:00"',
      'record 4 (line 5, service "Hausaufgabenhilfe"): partner_website: "lernwerk.example" is not a web address starting with http:// or https://',
      'record 4 (line 5, service "Hausaufgabenhilfe"): postal_code: must be five digits',
      'record 5 (line 6, service "Beratung für junge Zugewanderte (doppelt)"): service_key: "jmd-beratung" is used by record 1 already (one row per service)',
      'record 5 (line 6, service "Beratung für junge Zugewanderte (doppelt)"): partner_name: "JMD Auental" differs from "Jugendmigrationsdienst Auental" in record 1 for the same partner_key "jmd-auental"',
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  test("with --skip-invalid only the valid rows are imported", async () => {
    const log = collectLog();
    const summary = await runImport(db, BROKEN, { skipInvalid: true, dryRun: false }, log);
    expect(summary).toMatchObject({ services: { created: 1, updated: 0 }, partners: { created: 1, updated: 0 }, invalid: 4 });
    expect(await service("jmd-beratung")).toMatchObject({ name: "Beratung für junge Zugewanderte", languages: ["de", "ru", "tr"] });
    for (const key of ["jmd-bewerbung", "lernwerk-nachhilfe", "lernwerk-hausaufgaben"]) expect(await service(key)).toBeUndefined();
    expect(log.infos.at(-2)).toBe("services: 1 created, 0 updated; partners: 1 created, 0 updated; locations: 1 created, 0 updated; skipped: 4 invalid");
  });

  test("rows for one place must agree on its hours", async () => {
    const header = "partner_key,partner_name,partner_kind,service_key,service_name,categories,target_groups,languages,street,postal_code,town,opening_hours";
    const rows = [
      "tafel,Tafel Auental,verein,tafel-ausgabe,Lebensmittelausgabe,alltag-orientierung,alle,de,Mühlweg 2,63910,Weidenfeld,Di 10:00-12:00",
      "tafel,Tafel Auental,verein,tafel-kleider,Kleiderkammer,alltag-orientierung,alle,de,Mühlweg 2,63910,Weidenfeld,Do 10:00-12:00",
    ];
    const log = collectLog();
    await expect(runImport(db, await writeTempFile("tafel.csv", [header, ...rows].join("\n")), IMPORT, log)).rejects.toThrow(ImportFailed);
    expect(log.errors).toEqual(['record 2 (line 3, service "Kleiderkammer"): opening_hours: "Do 10:00-12:00" differs from "Di 10:00-12:00" in record 1 for the same place (Mühlweg 2, 63910)']);
  });

  test("a file saved by a German spreadsheet (semicolons, decimal commas) is read", async () => {
    const content =
      "\uFEFFpartner_key;partner_name;partner_kind;service_key;service_name;categories;target_groups;languages;street;postal_code;town;latitude;longitude\nkita-lindach;Kita Sonnenblume;kita;kita-eingewoehnung;Eingewöhnung mit Dolmetscherin;kinder-familie;Familien;de|ar;Am Anger 5;63915;Lindach;50,0402;9,0911\n";
    await runImport(db, await writeTempFile("excel.csv", content), IMPORT, collectLog());
    const [place] = await db.select().from(locations).where(eq(locations.externalId, "kita-lindach:am-anger-5:63915"));
    expect(place).toMatchObject({ latitude: 50.0402, longitude: 9.0911, town: "Lindach" });
  });

  test("a header with an unknown or a missing column is refused as a whole", async () => {
    const log = collectLog();
    const file = await writeTempFile("header.csv", "partner_key,partner_name,service_key,service_name,categories,target_groups,languages,colour\nx,X,y,Y,sprache,alle,de,blue\n");
    await expect(runImport(db, file, { skipInvalid: true, dryRun: false }, log)).rejects.toThrow("nothing imported: header.csv cannot be read as the CSV template");
    expect(log.errors).toEqual([expect.stringMatching(/^header\.csv: header: unknown column "colour" \(known: partner_key, partner_name, /), "header.csv: header: missing column partner_kind"]);
  });

  test("the queued sync jobs bring the imported entries into the search index", async () => {
    await runImport(db, EXAMPLE, IMPORT, collectLog());
    await applySearchSettings();
    await runOnce({
      connectionString: process.env.DATABASE_URL!,
      concurrency: 1,
      noHandleSignals: true,
      logger: new Logger(() => () => {}),
      taskList: { [SEARCH_SYNC_TASK]: createSearchSyncTask(db) },
    });
    const serviceHits = await getAdminClient().index(indexUid("services")).search("Schwimmkurs Lindach", { filter: "town = Lindach" });
    expect(serviceHits.hits.map((hit) => hit.slug)).toContain("schwimmkurs-fuer-frauen");
    const partnerHits = await getAdminClient().index(indexUid("partners")).search("Caritasverband Auental");
    expect(partnerHits.hits.map((hit) => hit.slug)).toContain("caritasverband-fuer-den-landkreis-auental-e-v");
  }, 60_000);

  test("a long file reports progress every 50 records and in the end", async () => {
    const header = "partner_key,partner_name,partner_kind,service_key,service_name,categories,target_groups,languages";
    const rows = Array.from({ length: 120 }, (_, index) => `ehrenamt,Ehrenamtsbörse Auental,initiative,patenschaft-${index + 1},Patenschaft ${index + 1},ehrenamt,alle,de`);
    const log = collectLog();
    await runImport(db, await writeTempFile("many.csv", [header, ...rows].join("\n")), IMPORT, log);
    expect(log.infos.filter((line) => line.startsWith("imported "))).toEqual(["imported 50/120 records", "imported 100/120 records", "imported 120/120 records"]);
    expect(await db.$count(services, eq(services.partnerId, (await db.select({ id: partners.id }).from(partners).where(eq(partners.externalId, "ehrenamt")))[0]!.id))).toBe(120);
  });
});

// Rows of the CSV template with only the required columns; categories and target groups named as the district names them.
const TERMS_HEADER = "partner_key,partner_name,partner_kind,service_key,service_name,categories,target_groups,languages";
const termsFile = (name: string, rows: string[]) => writeTempFile(name, [TERMS_HEADER, ...rows].join("\n"));

/** The local terms a service carries, as `kind:slug`. */
async function termsOf(externalId: string) {
  const rows = await db
    .select({ kind: taxonomyTerms.kind, slug: taxonomyTerms.slug })
    .from(serviceTerms)
    .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTerms.termId))
    .innerJoin(services, eq(services.id, serviceTerms.serviceId))
    .where(eq(services.externalId, externalId));
  return rows.map((row) => `${row.kind}:${row.slug}`).sort();
}

const statusOf = async (externalId: string) => (await service(externalId))?.status;
const unsettledOf = async (source: string) => (await listUnsettledTerms(db)).filter((term) => term.source === source);

describe("a CSV file with its own names of categories and target groups", () => {
  const rows = (prefix: string) => [
    `${prefix},Lotsenprojekt Auental,initiative,${prefix}-1,Behördenbegleitung,Sprachkurse|beratung,Menschen mit Fluchterfahrung,de`,
    `${prefix},Lotsenprojekt Auental,initiative,${prefix}-2,Deutsch im Alltag,sprachkurse,alle,de|ar`,
    `${prefix},Lotsenprojekt Auental,initiative,${prefix}-3,Sprechstunde,beratung,alle,de`,
  ];

  test("a dry run lists the unknown names with their counts and writes nothing", async () => {
    const before = await rowCounts();
    const mappingsBefore = await db.$count(termMappings);
    const log = collectLog();
    await runImport(db, await termsFile("lotsen-probe.csv", rows("probe")), { ...IMPORT, dryRun: true }, log);
    expect(log.errors).toEqual([]);
    expect(log.infos).toEqual([
      "lotsen-probe.csv: 3 records (CSV template), 3 valid, 0 with errors",
      '2 terms of another vocabulary are not known here (source "lotsen-probe"):',
      '  category "Sprachkurse" of taxonomy "categories": 2 records',
      '  target group "Menschen mit Fluchterfahrung" of taxonomy "target_groups": 1 record',
      "Records with such a term are imported as drafts that only coordinators see, until each term is settled: --adopt-terms, --map mapping.csv, or the page /verzeichnis/import/zuordnung.",
      "dry run: nothing written; 3 records would be imported",
    ]);
    expect(await rowCounts()).toEqual(before);
    expect(await db.$count(termMappings)).toBe(mappingsBefore);
  });

  test("a row with an unknown category is imported as a draft and its term is listed for the coordinators; the other rows are published", async () => {
    const log = collectLog();
    const summary = await runImport(db, await termsFile("lotsen.csv", rows("lotsen")), IMPORT, log);
    expect(log.errors).toEqual([]);
    expect(summary).toMatchObject({ services: { created: 3, updated: 0 }, invalid: 0, drafts: 2, unknownTerms: 2 });
    expect(log.infos).toContain('  category "Sprachkurse" of taxonomy "categories": 2 records');
    expect(log.infos).toContain("2 services imported as drafts (their terms are not settled yet)");
    expect([await statusOf("lotsen-1"), await statusOf("lotsen-2"), await statusOf("lotsen-3")]).toEqual(["draft", "draft", "active"]);
    // The known terms of a draft are linked already; the unknown ones wait for a decision.
    expect(await termsOf("lotsen-1")).toEqual(["category:beratung"]);
    expect(await termsOf("lotsen-2")).toEqual(["target_group:alle"]);
    expect(await unsettledOf("lotsen")).toEqual([
      expect.objectContaining({ taxonomy: "categories", kind: "category", name: "Sprachkurse", code: null, services: 2 }),
      expect.objectContaining({ taxonomy: "target_groups", kind: "target_group", name: "Menschen mit Fluchterfahrung", code: null, services: 1 }),
    ]);
  });

  test("a decision made on the mapping page publishes the drafts and is reused on the next import of the same source", async () => {
    await runImport(db, await termsFile("lotsen-seite.csv", rows("seite")), IMPORT, collectLog());
    const coordinator = await createTestUser({ role: "coordinator" });
    const page = await loadTermMappingPage();
    const waiting = page.terms.filter((term) => term.source === "lotsen-seite");
    const sprache = page.local.find((term) => term.kind === "category" && term.slug === "sprache")!;
    const category = waiting.find((term) => term.name === "Sprachkurse")!;
    const group = waiting.find((term) => term.name === "Menschen mit Fluchterfahrung")!;
    expect(await settleTerm(coordinator.id, category.id, { map: sprache.id })).toEqual({ ok: true, published: 1 });
    expect(await settleTerm(coordinator.id, group.id, { ignore: true })).toEqual({ ok: true, published: 1 });
    expect([await statusOf("seite-1"), await statusOf("seite-2")]).toEqual(["active", "active"]);
    expect(await termsOf("seite-1")).toEqual(["category:beratung", "category:sprache"]);

    // The same source again (a file of the same name), with one more row of that name: nothing is unknown, nothing a draft.
    const again = collectLog();
    const second = await runImport(db, await termsFile("lotsen-seite.csv", [...rows("seite"), "seite,Lotsenprojekt Auental,initiative,seite-4,Sprachpaten,SPRACHKURSE,alle,de"]), IMPORT, again);
    expect(second).toMatchObject({ services: { created: 1, updated: 3 }, drafts: 0, unknownTerms: 0 });
    expect(again.infos.some((line) => line.includes("not known here"))).toBe(false);
    for (const key of ["seite-1", "seite-2", "seite-3", "seite-4"]) expect(await statusOf(key)).toBe("active");
    expect(await termsOf("seite-2")).toEqual(["category:sprache", "target_group:alle"]);
    expect(await termsOf("seite-4")).toEqual(["category:sprache", "target_group:alle"]);
    expect(await unsettledOf("lotsen-seite")).toEqual([]);
  });

  test("with --adopt-terms the rows are published with the adopted terms in one step", async () => {
    const termsBefore = await db.$count(taxonomyTerms);
    const log = collectLog();
    const file = await termsFile("alltag.csv", ["alltag,Alltagshilfe Lindach,verein,alltag-1,Begleitung zu Ämtern,Alltagslotsen|beratung,Neu Zugezogene,de"]);
    const summary = await runImport(db, file, { ...IMPORT, adoptTerms: true }, log);
    expect(log.errors).toEqual([]);
    expect(summary).toMatchObject({ services: { created: 1 }, drafts: 0, unknownTerms: 0 });
    expect(log.infos).toContain("2 terms adopted as new local terms");
    expect(await statusOf("alltag-1")).toBe("active");
    expect(await termsOf("alltag-1")).toEqual(["category:alltagslotsen", "category:beratung", "target_group:neu-zugezogene"]);
    expect(await db.$count(taxonomyTerms)).toBe(termsBefore + 2);
    const [adopted] = await db
      .select({ labels: taxonomyTerms.labels })
      .from(taxonomyTerms)
      .where(and(eq(taxonomyTerms.kind, "category"), eq(taxonomyTerms.slug, "alltagslotsen")));
    expect(adopted?.labels).toEqual({ de: "Alltagslotsen" });
    // The service keeps the link to the names of its file, for the record.
    const [{ id } = { id: "" }] = await db.select({ id: services.id }).from(services).where(eq(services.externalId, "alltag-1"));
    expect(await db.$count(serviceForeignTerms, eq(serviceForeignTerms.serviceId, id))).toBe(2);
  });

  test("--map settles the file's names by the column they stand in", async () => {
    const mapping = await writeTempFile("mapping.csv", "taxonomy,term,local_term\ncategories,Deutschkurse,sprache\ntarget_groups,zugewanderte aus der eu,eu-zugewanderte\n");
    const log = collectLog();
    const file = await termsFile("karten.csv", ["karten,Sprachtreff Weidenfeld,initiative,karten-1,Deutschkurs am Abend,Deutschkurse,Zugewanderte aus der EU,de"]);
    const summary = await runImport(db, file, { ...IMPORT, mapFile: mapping }, log);
    expect(log.errors).toEqual([]);
    expect(log.infos).toContain("mapping file: 2 terms settled");
    expect(summary).toMatchObject({ drafts: 0, unknownTerms: 0 });
    expect(await statusOf("karten-1")).toBe("active");
    expect(await termsOf("karten-1")).toEqual(["category:sprache", "target_group:eu-zugewanderte"]);
    const decided = await db
      .select({ decision: termMappings.decision })
      .from(termMappings)
      .where(and(eq(termMappings.source, "karten"), inArray(termMappings.taxonomy, ["categories", "target_groups"])));
    expect(decided).toEqual([{ decision: "map" }, { decision: "map" }]);
  });

  test("a value that is no term at all is an error at its row and column, and a broken file changes nothing", async () => {
    const before = await rowCounts();
    const mappingsBefore = await db.$count(termMappings);
    const long = "Beratung ".repeat(10).trim();
    const log = collectLog();
    const file = await termsFile("kaputt.csv", [
      "kaputt,Kaputt e. V.,verein,kaputt-1,Sprechstunde,beratung|---,alle,de",
      `kaputt,Kaputt e. V.,verein,kaputt-2,Lange Namen,${long},alle,de`,
      "kaputt,Kaputt e. V.,verein,kaputt-3,Ohne Zielgruppe,beratung, | ,de",
      "kaputt,Kaputt e. V.,verein,kaputt-4,Sprachcafé,Nachbarschaftstreff,alle,deutsch",
      "kaputt,Kaputt e. V.,verein,kaputt-5,Gültig,Nachbarschaftshilfe,alle,de",
      'kaputt,Kaputt e. V.,verein,kaputt-6,Zeilenumbruch,beratung,"Familien\nmit Kindern",de',
    ]);
    await expect(runImport(db, file, IMPORT, log)).rejects.toThrow(new ImportFailed("nothing imported: 5 records of 6 have errors (fix them, or pass --skip-invalid to import the 1 valid record)"));
    expect(log.errors).toEqual([
      expect.stringMatching(/^record 1 \(line 2, service "Sprechstunde"\): categories\[1\]: unknown category "---" \(known: sprache, arbeit, /),
      'record 2 (line 3, service "Lange Namen"): categories[0]: must be at most 80 characters',
      'record 3 (line 4, service "Ohne Zielgruppe"): target_groups: needs at least one value',
      'record 4 (line 5, service "Sprachcafé"): languages[0]: "deutsch" is not an ISO 639-1 or 639-3 language code (like de, ar, prs)',
      expect.stringMatching(/^record 6 \(line 8, service "Zeilenumbruch"\): target_groups\[0\]: unknown target group "Familien\\nmit Kindern" \(known: /),
    ]);
    // The valid row's own name is listed all the same; the invalid rows' names are not.
    expect(log.infos).toContain('  category "Nachbarschaftshilfe" of taxonomy "categories": 1 record');
    expect(log.infos.some((line) => line.includes("Nachbarschaftstreff"))).toBe(false);
    expect(await rowCounts()).toEqual(before);
    expect(await db.$count(termMappings)).toBe(mappingsBefore);
  });
});
