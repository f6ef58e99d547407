import fs from "node:fs/promises";
import path from "node:path";
import { Logger } from "@graphile/logger";
import { asc, eq } from "drizzle-orm";
import { runOnce } from "graphile-worker";
import { db } from "#db/client";
import { locations, openingHours, partners, serviceLocations, services, serviceTerms, taxonomyTerms } from "#db/schema";
import { getAdminClient, indexUid } from "#search/client";
import { applySearchSettings } from "#search/reindex";
import { createSearchSyncTask, SEARCH_SYNC_TASK } from "#search/sync";
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
    const row = "willkommen-lindach,Willkommensinitiative Weidenfeld,,initiative,,,,,lindach-sprachcafe,Sprachcafé Weidenfeld,,sprache,alle,de,,,,,,,,,,,,,,,,";
    await runImport(db, await writeTempFile("same-names.csv", `${header}\n${row}\n`), IMPORT, collectLog());
    expect((await service("lindach-sprachcafe"))?.slug).toBe("sprachcafe-weidenfeld-2");
    const [partner] = await db.select({ slug: partners.slug }).from(partners).where(eq(partners.externalId, "willkommen-lindach"));
    expect(partner?.slug).toBe("willkommensinitiative-weidenfeld-2");
  });

  test("a broken file reports every error by record and column and writes nothing", async () => {
    const before = await rowCounts();
    const log = collectLog();
    await expect(runImport(db, BROKEN, IMPORT, log)).rejects.toThrow(new ImportFailed("nothing imported: 4 records of 5 have errors (fix them, or pass --skip-invalid to import the 1 valid record)"));
    const known = "sprache, arbeit, bildung, anerkennung, aufenthalt-recht, wohnen, gesundheit, kinder-familie, freizeit-sport, ehrenamt, beratung, alltag-orientierung";
    expect(log.errors).toEqual([
      `record 2 (line 3, service "Bewerbungstraining"): categories[1]: unknown category "foo" (known: ${known})`,
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
