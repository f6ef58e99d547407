import fs from "node:fs";
import path from "node:path";
import { asc, eq, inArray } from "drizzle-orm";
import { db } from "#db/client";
import { locations, openingHours, partners, serviceLocations, services, serviceTerms, taxonomyTerms } from "#db/schema";
import { HsdsServicePageSchema, HsdsServiceSchema } from "#test/hsds/hsds-schemas";
import { taxonomySeed } from "../standard-taxonomy";
import { collectLog, queuedSyncKeys, rowCounts } from "./import-test-support.server";
import { ImportFailed, runImport } from "./import.server";

// Our own HSDS 3.0 examples: one fully nested service, and the last page of a paged list holding it.
const FIXTURES = path.resolve(process.cwd(), "test/fixtures/hsds");
const FULL_EXAMPLE = path.join(FIXTURES, "service-full.json");
const LIST_EXAMPLE = path.join(FIXTURES, "service-list.json");
const BROKEN = path.resolve(process.cwd(), "test/fixtures/hsds-broken.json");

const EXAMPLE_SERVICE_ID = "a77943f6-963d-4b4a-95fc-a7b56a40321b";
const EXAMPLE_ORGANIZATION_ID = "120e7e23-9abd-4e03-ac5a-c6be45546b9f";
const EXAMPLE_LOCATION_ID = "ee7657ed-d1f1-4205-9e57-67e5fe9f0d6a";
const IMPORT = { skipInvalid: false, dryRun: false };

async function serviceWithPlaces(externalId: string) {
  const [service] = await db.select().from(services).where(eq(services.externalId, externalId));
  if (!service) return null;
  const [partner] = await db.select().from(partners).where(eq(partners.id, service.partnerId));
  const places = await db.select({ location: locations }).from(serviceLocations).innerJoin(locations, eq(locations.id, serviceLocations.locationId)).where(eq(serviceLocations.serviceId, service.id));
  const hours = places.length
    ? await db
        .select({ weekday: openingHours.weekday, opens: openingHours.opens, closes: openingHours.closes })
        .from(openingHours)
        .where(
          inArray(
            openingHours.locationId,
            places.map((place) => place.location.id),
          ),
        )
        .orderBy(asc(openingHours.weekday))
    : [];
  const terms = await db
    .select({ kind: taxonomyTerms.kind, slug: taxonomyTerms.slug })
    .from(serviceTerms)
    .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTerms.termId))
    .where(eq(serviceTerms.serviceId, service.id));
  return { service, partner: partner!, locations: places.map((place) => place.location), hours, terms };
}

describe("importing Open Referral HSDS 3.0", () => {
  test.each([
    ["the full service", FULL_EXAMPLE, HsdsServiceSchema],
    ["the paged list", LIST_EXAMPLE, HsdsServicePageSchema],
  ])("%s example is valid HSDS 3.0", (_label, file, schema) => {
    const result = schema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  test("a full service lands with its organization, location, opening hours and terms", async () => {
    const log = collectLog();
    const summary = await runImport(db, FULL_EXAMPLE, IMPORT, log);
    expect(summary).toMatchObject({ services: { created: 1, updated: 0 }, partners: { created: 1, updated: 0 }, locations: { created: 1, updated: 0 }, invalid: 0 });

    const found = await serviceWithPlaces(EXAMPLE_SERVICE_ID);
    // Free with the Auental-Pass, 2 € otherwise: not every option is free, so it costs.
    expect(found?.service).toMatchObject({
      name: "Sprachtreff Deutsch im Alltag",
      slug: "sprachtreff-deutsch-im-alltag",
      languages: ["de", "ar", "uk"],
      cost: "fee",
      contactName: "Samira Haddad-Vogt",
      keywords: ["Sprachcafé Weidenfeld"],
      status: "active",
    });
    // The organization's number is written in quotes, as some exports do; they are dropped.
    expect(found?.partner).toMatchObject({
      externalId: EXAMPLE_ORGANIZATION_ID,
      name: "Interkultureller Treffpunkt Auental e. V.",
      shortName: "InTA",
      kind: "verein",
      phone: "+49 6093 771-0",
      website: "https://inta-auental.example",
    });
    // Of a postal and a physical address, the place is the physical one.
    expect(found?.locations).toEqual([
      expect.objectContaining({
        externalId: EXAMPLE_LOCATION_ID,
        name: "Treffpunkt Alte Weberei",
        street: "Webereistraße 4, Eingang Hof, 1. OG",
        postalCode: "63911",
        town: "Weidenfeld",
        // The file gives no coordinates: those of postal code 63911 come from the shipped place tables.
        latitude: expect.closeTo(49.79, 1),
        longitude: expect.closeTo(9.18, 1),
        accessibilityNote: "Stufenloser Zugang über den Hof, Aufzug in den ersten Stock. Induktionsschleife im Gruppenraum",
      }),
    ]);
    // byday TU,TH from 17:00:00 to 19:00:00 and SA from 10:00 to 12:30
    expect(found?.hours).toEqual([
      { weekday: 2, opens: "17:00:00", closes: "19:00:00" },
      { weekday: 4, opens: "17:00:00", closes: "19:00:00" },
      { weekday: 6, opens: "10:00:00", closes: "12:30:00" },
    ]);
    // Terms of our taxonomies by code, and by name under a taxonomy_detail named "Zielgruppen".
    expect(found?.terms).toHaveLength(4);
    expect(found?.terms).toEqual(
      expect.arrayContaining([
        { kind: "category", slug: "sprache" },
        { kind: "category", slug: "alltag-orientierung" },
        { kind: "target_group", slug: "gefluechtete" },
        { kind: "target_group", slug: "ukraine" },
      ]),
    );
    // The fixture's coordinates are UTM northing and easting, not degrees, and one term is of the
    // district's own catalogue: both are reported, not stored.
    expect(log.errors).toEqual([
      'record 1 (service "Sprachtreff Deutsch im Alltag"): warning: attributes[4]: taxonomy term "Niedrigschwellige Sprachförderung" of taxonomy "Leistungskatalog Landkreis Auental" is not one of our categories or target groups; ignored',
      'record 1 (service "Sprachtreff Deutsch im Alltag"): warning: service_at_locations[0].location.latitude: 5545210.4, 512873.9 are not valid coordinates; ignored',
    ]);
    // An empty database gets the standard taxonomy, and the search index learns of both documents.
    expect(await db.$count(taxonomyTerms)).toBe(taxonomySeed.length);
    expect(await queuedSyncKeys()).toEqual(expect.arrayContaining([`services:${found!.service.id}`, `partners:${found!.partner.id}`]));
  });

  test("importing it again updates the same rows, and the short list form keeps what it does not carry", async () => {
    const before = await rowCounts();
    const { service } = (await serviceWithPlaces(EXAMPLE_SERVICE_ID))!;
    await db.update(services).set({ description: "changed here" }).where(eq(services.id, service.id));

    const summary = await runImport(db, FULL_EXAMPLE, IMPORT, collectLog());
    expect(summary).toMatchObject({ services: { created: 0, updated: 1 }, partners: { created: 0, updated: 1 }, locations: { created: 0, updated: 1 } });
    // The paged list carries no locations, languages or phones: they stay as they are.
    const log = collectLog();
    await runImport(db, LIST_EXAMPLE, IMPORT, log);
    expect(log.errors).toContain("service-list.json: warning: this is page 3 of 3 of a paged list: only its 1 services are imported");

    const { jobs: _jobs, ...counts } = await rowCounts();
    const { jobs: _before, ...countsBefore } = before;
    expect(counts).toEqual(countsBefore);
    const again = await serviceWithPlaces(EXAMPLE_SERVICE_ID);
    expect(again?.service).toMatchObject({ id: service.id, slug: "sprachtreff-deutsch-im-alltag", languages: ["de", "ar", "uk"], contactName: "Samira Haddad-Vogt" });
    expect(again?.service.description).toMatch(/^Deutsch sprechen üben/);
    expect(again?.partner.phone).toBe("+49 6093 771-0");
    expect(again?.locations).toHaveLength(1);
    expect(again?.hours).toHaveLength(3);
    expect(again?.terms).toHaveLength(4);
  });

  test("a broken file reports every error by record and field and changes nothing", async () => {
    const before = await rowCounts();
    const log = collectLog();
    await expect(runImport(db, BROKEN, IMPORT, log)).rejects.toThrow(new ImportFailed("nothing imported: 3 records of 5 have errors (fix them, or pass --skip-invalid to import the 2 valid records)"));
    expect(log.errors.filter((line) => !line.includes("warning:"))).toEqual([
      'record 2 (service id "7b0c5a52-3d8e-4c61-9a55-0f4f1f3c8a02"): name: must not be empty',
      'record 2 (service id "7b0c5a52-3d8e-4c61-9a55-0f4f1f3c8a02"): languages[0].code: "deutsch" is not an ISO 639-1 or 639-3 language code (like de, ar, prs)',
      'record 2 (service id "7b0c5a52-3d8e-4c61-9a55-0f4f1f3c8a02"): attributes[0].taxonomy_term.code: unknown category "foo" (known: sprache, arbeit, bildung, anerkennung, aufenthalt-recht, wohnen, gesundheit, kinder-familie, freizeit-sport, ehrenamt, beratung, alltag-orientierung)',
      'record 3 (service "Hausaufgabenhilfe Weidenfeld"): organization.name: required',
      'record 3 (service "Hausaufgabenhilfe Weidenfeld"): service_at_locations[0].location.addresses[0].postal_code: required',
      'record 3 (service "Hausaufgabenhilfe Weidenfeld"): service_at_locations[0].location.schedules[0].opens_at: "25:00" is not a time of day (HH:MM)',
      'record 5 (service "Elterncafé (Kopie)"): organization.email: "kein-mail-format" is not an e-mail address',
      'record 5 (service "Elterncafé (Kopie)"): id: the same id as record 1',
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  test("a dry run checks the file and writes nothing", async () => {
    const before = await rowCounts();
    const log = collectLog();
    const summary = await runImport(db, BROKEN, { skipInvalid: true, dryRun: true }, log);
    expect(summary.invalid).toBe(3);
    expect(log.infos).toContain("dry run: nothing written; 2 records would be imported, 3 skipped");
    expect(await rowCounts()).toEqual(before);
  });

  test("with --skip-invalid the valid records are imported and the invalid ones listed", async () => {
    const log = collectLog();
    const summary = await runImport(db, BROKEN, { skipInvalid: true, dryRun: false }, log);
    expect(summary).toMatchObject({ services: { created: 2, updated: 0 }, partners: { created: 1, updated: 0 }, locations: { created: 1, updated: 0 }, invalid: 3, failed: 0 });
    expect(log.errors.filter((line) => !line.includes("warning:"))).toHaveLength(8);

    const cafe = await serviceWithPlaces("7b0c5a52-3d8e-4c61-9a55-0f4f1f3c8a01");
    expect(cafe?.service).toMatchObject({ name: "Elterncafé im Familienzentrum", slug: "elterncafe-im-familienzentrum", languages: ["de", "ar"] });
    expect(cafe?.terms).toEqual(
      expect.arrayContaining([
        { kind: "category", slug: "kinder-familie" },
        { kind: "target_group", slug: "familien" },
      ]),
    );
    expect(cafe?.hours).toEqual([
      { weekday: 1, opens: "09:00:00", closes: "11:30:00" },
      { weekday: 3, opens: "09:00:00", closes: "11:30:00" },
    ]);
    // The second service shares the place; a term of another taxonomy counts when it names one of ours.
    const counselling = await serviceWithPlaces("7b0c5a52-3d8e-4c61-9a55-0f4f1f3c8a04");
    expect(counselling?.locations.map((location) => location.id)).toEqual(cafe?.locations.map((location) => location.id));
    expect(counselling?.terms).toEqual(
      expect.arrayContaining([
        { kind: "category", slug: "beratung" },
        { kind: "target_group", slug: "gefluechtete" },
      ]),
    );
    expect(counselling?.hours).toHaveLength(2);

    for (const invalid of ["7b0c5a52-3d8e-4c61-9a55-0f4f1f3c8a02", "7b0c5a52-3d8e-4c61-9a55-0f4f1f3c8a03"]) expect(await serviceWithPlaces(invalid)).toBeNull();
    expect(await db.select().from(partners).where(eq(partners.externalId, "1c7e8f0a-6b2d-4e55-8d3a-2a9b7c4e5f20"))).toEqual([]);
  });
});
