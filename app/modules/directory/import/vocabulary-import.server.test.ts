import fs from "node:fs";
import path from "node:path";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "#db/client";
import { partners, serviceForeignTerms, services, serviceTerms, taxonomyTerms, termMappings } from "#db/schema";
import { servicesIndex } from "#search/indexes/services";
import { HsdsServicePageSchema } from "#test/hsds/hsds-schemas";
import { decideMapping, listUnsettledTerms } from "./foreign-terms.server";
import { readMappingFile } from "./foreign-terms";
import { collectLog, rowCounts, writeTempFile } from "./import-test-support.server";
import { ImportFailed, runImport } from "./import.server";

// The second district's file (Landkreis Birkenfelde): its own taxonomy "Sozialatlas Birkenfelde", 48
// services of 22 organisations, some without any cost information, and one organisation that is a
// partner of the demo network too.
const SECOND_DISTRICT = path.resolve(process.cwd(), "test/fixtures/hsds/second-district.hsds.json");
const page = JSON.parse(fs.readFileSync(SECOND_DISTRICT, "utf8")) as {
  contents: { id: string; name: string; cost_options?: unknown[]; fees_description?: string; attributes: { taxonomy_term: { code: string } }[] }[];
};
/** How many services of the file carry a term, by its code. */
const carrying = (code: string) => page.contents.filter((service) => service.attributes.some((attribute) => attribute.taxonomy_term.code === code)).length;
const SERVICE_COUNT = page.contents.length;
const IMPORT = { skipInvalid: false, dryRun: false };
const THEMES = "Sozialatlas Birkenfelde – Themen";
const GROUPS = "Sozialatlas Birkenfelde – Personengruppen";

/** The demo network's partner that the second district's file names again (same e-mail and website). */
async function insertDemoPartner() {
  const demo = JSON.parse(fs.readFileSync(path.resolve(process.cwd(), "app/modules/demo/data/directory.hsds.json"), "utf8")) as {
    organization: { id: string; name: string; email?: string; website?: string };
  }[];
  const organization = demo.find((service) => service.organization.email === "anerkennung@anerkennung-auental.example")!.organization;
  const [row] = await db
    .insert(partners)
    .values({ externalId: organization.id, slug: "anerkennungsberatung-auental", name: organization.name, kind: "beratungsstelle", email: organization.email, website: organization.website })
    .returning();
  return row!;
}

// Each test starts from an empty directory: the same file is imported in different ways.
beforeEach(async () => {
  await db.execute(sql`truncate partners, services, locations, taxonomy_terms, term_mappings cascade`);
});

const importedServices = () => db.select({ id: services.id, externalId: services.externalId, status: services.status, cost: services.cost, name: services.name }).from(services);

describe("a district's file with its own vocabulary", () => {
  test("the second district's file is valid HSDS 3.0 with at least 40 services of at least 20 organisations", () => {
    const result = HsdsServicePageSchema.safeParse(JSON.parse(fs.readFileSync(SECOND_DISTRICT, "utf8")));
    expect(result.error?.issues ?? []).toEqual([]);
    expect(SERVICE_COUNT).toBeGreaterThanOrEqual(40);
    expect(new Set(result.data!.contents!.map((service) => service.organization!.id)).size).toBeGreaterThanOrEqual(20);
  });

  test("a dry run lists the unknown terms with their counts and the likely duplicate, and writes nothing", async () => {
    const demo = await insertDemoPartner();
    const before = await rowCounts();
    const log = collectLog();
    await runImport(db, SECOND_DISTRICT, { ...IMPORT, dryRun: true }, log);
    expect(log.infos).toContain(`second-district.hsds.json: ${SERVICE_COUNT} records (Open Referral HSDS 3.0), ${SERVICE_COUNT} valid, 0 with errors`);
    expect(log.infos).toContain('21 terms of another vocabulary are not known here (source "second-district"):');
    expect(log.infos).toContain(`  category "Sprachförderung" (code TH-SPR) of taxonomy "${THEMES}": ${carrying("TH-SPR")} records`);
    expect(log.infos).toContain(`  target group "Familien mit Kindern" (code PG-FAM) of taxonomy "${GROUPS}": ${carrying("PG-FAM")} records`);
    expect(log.infos).toContain(`  target group "Menschen mit Fluchterfahrung" (code PG-FLU) of taxonomy "${GROUPS}": ${carrying("PG-FLU")} records`);
    expect(log.errors).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^record \\d+: organisation "IQ Anerkennungsberatung – Außenstelle Birkenfelde" is likely the existing partner "${demo.name.replace(/[()]/g, "\\$&")}" \\(/verzeichnis/partner/anerkennungsberatung-auental\\): same e-mail address, same website$`,
        ),
      ),
    );
    expect(log.infos.at(-1)).toBe(`dry run: nothing written; ${SERVICE_COUNT} records would be imported`);
    expect(await rowCounts()).toEqual(before);
    expect(await db.$count(termMappings)).toBe(0);
  });

  test("without --adopt-terms every valid record is imported as a draft that search leaves out; a decision publishes the drafts at once", async () => {
    const log = collectLog();
    const summary = await runImport(db, SECOND_DISTRICT, IMPORT, log);
    expect(summary).toMatchObject({ services: { created: SERVICE_COUNT, updated: 0 }, invalid: 0, drafts: SERVICE_COUNT, unknownTerms: 21 });
    expect(log.infos).toContain(`${SERVICE_COUNT} services imported as drafts (their terms are not settled yet)`);
    const rows = await importedServices();
    expect(rows.every((row) => row.status === "draft")).toBe(true);
    // The services index loads no document for a draft, so search and the public pages never show one.
    expect(
      await servicesIndex.load(
        db,
        rows.map((row) => row.id),
      ),
    ).toEqual([]);
    // Every unknown term is stored once for the source and linked to the services that carry it.
    const unsettled = await listUnsettledTerms(db);
    expect(unsettled).toHaveLength(21);
    expect(unsettled.find((term) => term.code === "TH-SPR")).toMatchObject({ source: "second-district", taxonomy: THEMES, name: "Sprachförderung", kind: "category", services: carrying("TH-SPR") });

    // A coordinator settles every term: most are mapped, the rest adopted or ignored.
    const local = new Map((await db.select().from(taxonomyTerms)).map((term) => [`${term.kind}:${term.slug}`, term.id]));
    const choices: Record<string, string> = {
      "TH-SPR": "category:sprache",
      "TH-ARB": "category:arbeit",
      "TH-SCH": "category:bildung",
      "TH-GES": "category:gesundheit",
      "TH-WOH": "category:wohnen",
      "TH-AUF": "category:aufenthalt-recht",
      "TH-BEG": "category:freizeit-sport",
      "TH-FAM": "category:kinder-familie",
      "TH-SOZ": "category:beratung",
      "TH-ANE": "category:anerkennung",
      "TH-EHR": "category:ehrenamt",
      "PG-FAM": "target_group:familien",
      "PG-FLU": "target_group:gefluechtete",
      "PG-EU": "target_group:eu-zugewanderte",
      "PG-JUG": "target_group:jugendliche",
      "PG-FRA": "target_group:frauen",
      "PG-SEN": "target_group:senioren",
      "PG-UKR": "target_group:ukraine",
      "PG-FK": "target_group:fachkraefte",
    };
    let published = 0;
    for (const term of unsettled) {
      const decision = term.code === "PG-ALL" ? { ignore: true as const } : term.code === "TH-LOT" ? { adopt: true as const } : { map: local.get(choices[term.code!]!)! };
      const result = await db.transaction((tx) => decideMapping(tx, term.id, decision, null));
      published += result.published.length;
    }
    expect(published).toBe(SERVICE_COUNT);
    expect((await importedServices()).every((row) => row.status === "active")).toBe(true);
    const [adopted] = await db
      .select()
      .from(taxonomyTerms)
      .where(and(eq(taxonomyTerms.kind, "category"), eq(taxonomyTerms.slug, "behoerdenlotsen-und-alltagshilfe")));
    expect(adopted?.labels).toEqual({ de: "Behördenlotsen und Alltagshilfe" });

    // The next import applies the stored decisions: everything stays published, nothing is created twice.
    const before = await rowCounts();
    const again = collectLog();
    const second = await runImport(db, SECOND_DISTRICT, IMPORT, again);
    expect(second).toMatchObject({ services: { created: 0, updated: SERVICE_COUNT }, partners: { created: 0 }, locations: { created: 0 }, drafts: 0, unknownTerms: 0 });
    expect(again.infos.some((line) => line.includes("not known here"))).toBe(false);
    const { jobs: _jobs, ...counts } = await rowCounts();
    const { jobs: _before, ...countsBefore } = before;
    expect(counts).toEqual(countsBefore);
    expect((await importedServices()).every((row) => row.status === "active")).toBe(true);
    const docs = await servicesIndex.load(
      db,
      (await importedServices()).map((row) => row.id),
    );
    expect(new Set(docs.map((doc) => doc.serviceId)).size).toBe(SERVICE_COUNT);
  });

  test("with --adopt-terms every valid record is imported and published in one step; a re-import creates nothing twice", async () => {
    const log = collectLog();
    const termsBefore = await db.$count(taxonomyTerms);
    const summary = await runImport(db, SECOND_DISTRICT, { ...IMPORT, adoptTerms: true }, log);
    expect(summary).toMatchObject({ services: { created: SERVICE_COUNT }, drafts: 0, unknownTerms: 0 });
    expect(log.infos).toContain("21 terms adopted as new local terms");
    expect(await db.$count(taxonomyTerms)).toBe((termsBefore || 21) + 21);
    const rows = await importedServices();
    expect(rows).toHaveLength(SERVICE_COUNT);
    expect(rows.every((row) => row.status === "active")).toBe(true);
    // Each service carries its (adopted) local terms and keeps the link to the foreign ones.
    const linked = await db.selectDistinct({ serviceId: serviceTerms.serviceId }).from(serviceTerms);
    expect(linked).toHaveLength(SERVICE_COUNT);
    expect(await db.$count(serviceForeignTerms)).toBeGreaterThan(SERVICE_COUNT);

    const before = await rowCounts();
    const again = await runImport(db, SECOND_DISTRICT, { ...IMPORT, adoptTerms: true }, collectLog());
    expect(again).toMatchObject({ services: { created: 0, updated: SERVICE_COUNT }, partners: { created: 0 }, locations: { created: 0 } });
    const { jobs: _jobs, ...counts } = await rowCounts();
    const { jobs: _before, ...countsBefore } = before;
    expect(counts).toEqual(countsBefore);
  });

  test("a source that says nothing about cost imports as unknown, never free", async () => {
    await runImport(db, SECOND_DISTRICT, { ...IMPORT, adoptTerms: true, source: "birkenfelde-cost" }, collectLog());
    const byId = new Map((await importedServices()).map((row) => [row.externalId, row.cost]));
    const silent = page.contents.filter((service) => !service.cost_options?.length && !service.fees_description);
    expect(silent.length).toBeGreaterThan(5);
    for (const service of silent) expect(byId.get(service.id)).toBe("unknown");
    const free = page.contents.filter((service) => (service.cost_options as { amount?: number }[] | undefined)?.every((option) => option.amount === 0));
    expect(free.length).toBeGreaterThan(0);
    for (const service of free) expect(byId.get(service.id)).toBe("free");
  });

  test("the CSV importer leaves cost unknown when the column is empty", async () => {
    const header = fs.readFileSync(path.resolve(process.cwd(), "docs/import-example.csv"), "utf8").split(/\r?\n/)[0]!;
    const columns = header.split(header.includes(";") ? ";" : ",");
    const delimiter = header.includes(";") ? ";" : ",";
    const values: Record<string, string> = {
      partner_key: "p-1",
      partner_name: "Testverein Birkenfelde",
      partner_kind: "verein",
      service_key: "s-1",
      service_name: "Sprechstunde ohne Kostenangabe",
      categories: "beratung",
      target_groups: "alle",
      languages: "de",
      street: "Am Markt 1",
      postal_code: "27461",
      town: "Birkenfelde",
    };
    const row = columns.map((column) => values[column] ?? "").join(delimiter);
    const file = await writeTempFile("ohne-kosten.csv", `${header}\n${row}\n`);
    const log = collectLog();
    await runImport(db, file, IMPORT, log).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\n${log.errors.join("\n")}`);
    });
    const [service] = await db.select({ cost: services.cost }).from(services).where(eq(services.externalId, "s-1"));
    expect(service?.cost).toBe("unknown");
  });

  test("--map settles terms before the import; a bad mapping file is refused by line and changes nothing", async () => {
    const before = await rowCounts();
    const bad = await writeTempFile(
      "mapping.csv",
      [
        "taxonomy,term,local_term",
        `${THEMES},TH-SPR,sprache`,
        `${THEMES},Gibt es nicht,sprache`,
        `${GROUPS},PG-FAM,sprache`,
        `${GROUPS},PG-FLU`,
        `${THEMES},TH-ARB,Arbeit und Beruf`,
        `${THEMES},th-spr,adopt`,
      ].join("\n"),
    );
    const log = collectLog();
    await expect(runImport(db, SECOND_DISTRICT, { ...IMPORT, mapFile: bad }, log)).rejects.toThrow(new ImportFailed("nothing imported: mapping.csv has 5 errors"));
    expect(log.errors).toEqual([
      `mapping.csv line 3: no term "Gibt es nicht" of taxonomy "${THEMES}" in this file or an earlier import of its source`,
      expect.stringMatching(/^mapping\.csv line 4: no local target group "sprache" \(known: gefluechtete, /),
      "mapping.csv line 5: 2 columns instead of 3",
      'mapping.csv line 6: "Arbeit und Beruf" is neither a local term\'s slug (like familien) nor adopt or ignore',
      "mapping.csv line 7: the same term as line 2",
    ]);
    expect(await rowCounts()).toEqual(before);
    expect(await db.$count(termMappings)).toBe(0);

    const good = await writeTempFile("mapping.csv", ["taxonomy;term;local_term", `${THEMES};TH-SPR;sprache`, `${GROUPS};Familien mit Kindern;familien`, `${GROUPS};PG-ALL;ignore`].join("\n"));
    const done = collectLog();
    const summary = await runImport(db, SECOND_DISTRICT, { ...IMPORT, mapFile: good }, done);
    expect(done.infos).toContain("mapping file: 3 terms settled");
    expect(summary.unknownTerms).toBe(18);
    const decided = await db
      .select({ key: termMappings.key, decision: termMappings.decision })
      .from(termMappings)
      .where(inArray(termMappings.key, ["category:th-spr", "target_group:pg-fam", "target_group:pg-all"]));
    expect(decided.map((row) => row.decision).sort()).toEqual(["ignore", "map", "map"]);
    expect(await db.$count(termMappings, isNull(termMappings.decision))).toBe(18);
  });

  test("a mapping file without its header or with nothing in it is refused", () => {
    expect(readMappingFile("Sozialatlas,TH-SPR,sprache\n").errors).toEqual([{ line: 1, message: { key: "vocabularyImport.mapFile.header", values: { expected: "taxonomy,term,local_term" } } }]);
    expect(readMappingFile("taxonomy,term,local_term\n\n").errors).toEqual([{ line: null, message: { key: "vocabularyImport.mapFile.empty" } }]);
  });
});
