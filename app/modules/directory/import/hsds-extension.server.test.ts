import { asc, eq, inArray } from "drizzle-orm";
import { db } from "#db/client";
import { locations, partners, serviceLocations, serviceNextSteps, services } from "#db/schema";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { getHsdsService } from "../hsds-export.server";
import { taxonomySeed } from "../standard-taxonomy";
import { msg, quoted } from "./import-messages";
import { collectLog, writeTempFile } from "./import-test-support.server";
import { ImportFailed, readImportFile, runImport } from "./import.server";

const IMPORT = { skipInvalid: false, dryRun: false };

type Json = Record<string, unknown>;

const organization = (extension: Json = { slug: "bruecke-auental" }) => ({
  id: "org-bruecke",
  name: "Verein Brücke Auental e. V.",
  description: "Begegnung und Beratung",
  kurze_wege: extension,
});

const place = (extension: Json = { wheelchair_accessible: true }) => ({
  id: "place-bruecke",
  location_type: "physical",
  name: "Haus der Brücke",
  addresses: [{ id: "address-bruecke", address_1: "Brückenweg 1", city: "Auenstadt", state_province: "", postal_code: "63901", country: "DE", address_type: "physical" }],
  accessibility: [{ id: "access-bruecke", description: "Eingang mit Rampe" }],
  kurze_wege: extension,
});

/** A service of the Brücke, as HSDS with our extension. */
function service(id: string, name: string, extension: Json, more: Json = {}): Json {
  return { id, name, status: "active", organization: organization(), kurze_wege: extension, ...more };
}

async function importJson(records: Json[], options = IMPORT) {
  const log = collectLog();
  const file = await writeTempFile("services.json", JSON.stringify(records));
  const summary = await runImport(db, file, options, log).catch((error: unknown) => {
    if (error instanceof ImportFailed) return error;
    throw error;
  });
  return { summary, log };
}

async function serviceByExternalId(externalId: string) {
  const [row] = await db.select().from(services).where(eq(services.externalId, externalId));
  return row;
}

async function nextStepSlugs(externalId: string): Promise<string[]> {
  const service = await serviceByExternalId(externalId);
  const rows = await db.select({ slug: services.slug }).from(serviceNextSteps).innerJoin(services, eq(services.id, serviceNextSteps.nextServiceId)).where(eq(serviceNextSteps.serviceId, service!.id));
  return rows.map((row) => row.slug).sort();
}

async function clearDirectory() {
  await db.delete(partners);
}

describe("our HSDS extension: checks", () => {
  test("a slug that is none is refused at its field, with the slug it could be", () => {
    const file = readImportFile(
      "services.json",
      JSON.stringify([{ id: "s1", name: "Deutschkurs B1", status: "active", organization: organization({ slug: "VHS_Auental" }), kurze_wege: { slug: "Deutschkurs B1" } }]),
      { terms: taxonomySeed },
    );
    expect(file.records[0]?.record).toBeUndefined();
    expect(file.records[0]?.errors).toEqual([
      { path: "organization.kurze_wege.slug", message: msg("notSlug", { value: quoted("VHS_Auental"), example: quoted("vhs-auental") }) },
      { path: "kurze_wege.slug", message: msg("notSlug", { value: quoted("Deutschkurs B1"), example: quoted("deutschkurs-b1") }) },
    ]);
  });

  test("an access mode or a wheelchair flag we do not know is refused at its field, and nothing is written", async () => {
    const { summary, log } = await importJson([
      service("s1", "Sprechstunde", { access_modes: ["appointment", "walk-in"] }),
      service("s2", "Beratung", {}, { service_at_locations: [{ id: "at-1", location: place({ wheelchair_accessible: "ja" }) }] }),
      service("s3", "Kurs", { keywords: "Deutsch", next_steps: [42] }),
    ]);
    expect(summary).toBeInstanceOf(ImportFailed);
    expect(log.errors).toEqual([
      'record 1 (service "Sprechstunde"): kurze_wege.access_modes[1]: "walk-in" is not one of walk_in, appointment, online, phone',
      'record 2 (service "Beratung"): service_at_locations[0].location.kurze_wege.wheelchair_accessible: expected boolean, got "ja"',
      'record 3 (service "Kurs"): kurze_wege.keywords: expected array, got "Deutsch"',
    ]);
    expect(await db.$count(services)).toBe(0);
  });
});

describe("our HSDS extension: what it writes", () => {
  beforeEach(clearDirectory);

  test("slug, keywords, access modes and the wheelchair flag land; keywords replace the alternate name", async () => {
    const { log } = await importJson([
      service(
        "s1",
        "Sprachcafé am Donnerstag",
        { slug: "sprachcafe", keywords: ["Deutsch üben", "  ", "Deutsch üben", "café"], access_modes: ["walk_in", "walk_in", "phone"] },
        { alternate_name: "Treff", service_at_locations: [{ id: "at-1", location: place() }] },
      ),
      service("s2", "Beratung", {}, { alternate_name: "Sozialberatung" }),
    ]);
    expect(log.errors).toEqual([]);
    expect(await serviceByExternalId("s1")).toMatchObject({ slug: "sprachcafe", keywords: ["Deutsch üben", "café"], accessModes: ["walk_in", "phone"] });
    expect(await serviceByExternalId("s2")).toMatchObject({ slug: "beratung", keywords: ["Sozialberatung"] });
    const [partner] = await db.select().from(partners).where(eq(partners.externalId, "org-bruecke"));
    expect(partner?.slug).toBe("bruecke-auental");
    const [location] = await db.select().from(locations).where(eq(locations.externalId, "place-bruecke"));
    expect(location).toMatchObject({ wheelchairAccessible: true, accessibilityNote: "Eingang mit Rampe" });
  });

  test("a slug another row has gives a numbered one; a row that exists keeps its slug", async () => {
    await importJson([service("s1", "Sprachcafé", { slug: "sprachcafe" })]);
    const { log } = await importJson([service("s2", "Noch ein Sprachcafé", { slug: "sprachcafe" })]);
    expect(log.errors).toEqual([]);
    expect((await serviceByExternalId("s2"))?.slug).toBe("sprachcafe-2");

    // Slugs are addresses: a later import that asks for another one does not move the page.
    await importJson([service("s2", "Noch ein Sprachcafé", { slug: "zweites-sprachcafe" })]);
    expect((await serviceByExternalId("s2"))?.slug).toBe("sprachcafe-2");
    // "neu" is a page of its own, not an entry.
    await importJson([service("s3", "Neu", { slug: "neu" })]);
    expect((await serviceByExternalId("s3"))?.slug).toBe("neu-2");
  });

  test("next steps point forward and across the file; one that is nowhere is a warning", async () => {
    const { summary, log } = await importJson([service("s1", "Erstberatung", { next_steps: ["s2", "s1", "missing"] }), service("s2", "Sprachkurs", { next_steps: ["s1"] })]);
    expect(summary).not.toBeInstanceOf(ImportFailed);
    // NOTE: the text after the field comes from directoryExtra.import.nextStepMissing.
    expect(log.errors).toEqual([expect.stringMatching(/^record 1 \(service "Erstberatung"\): warning: kurze_wege\.next_steps: /)]);
    expect(await nextStepSlugs("s1")).toEqual(["sprachkurs"]);
    expect(await nextStepSlugs("s2")).toEqual(["erstberatung"]);

    // Left out, the chain stays; an empty list clears it; an earlier import's service can be named.
    await importJson([service("s2", "Sprachkurs", {})]);
    expect(await nextStepSlugs("s2")).toEqual(["erstberatung"]);
    await importJson([service("s2", "Sprachkurs", { next_steps: [] }), service("s3", "Jobsuche", { next_steps: ["s1"] })]);
    expect(await nextStepSlugs("s2")).toEqual([]);
    expect(await nextStepSlugs("s3")).toEqual(["erstberatung"]);
  });

  test("with --skip-invalid the chain of the valid records is linked, and a step to a skipped record is reported", async () => {
    const { log } = await importJson([service("s1", "Erstberatung", { next_steps: ["s2", "s3"] }), service("s2", "Sprachkurs", { access_modes: ["sometimes"] }), service("s3", "Jobsuche", {})], {
      skipInvalid: true,
      dryRun: false,
    });
    expect(log.errors).toEqual([expect.stringMatching(/^record 2 .*access_modes\[0\]/), expect.stringMatching(/^record 1 \(service "Erstberatung"\): warning: kurze_wege\.next_steps: /)]);
    expect(await nextStepSlugs("s1")).toEqual(["jobsuche"]);
  });
});

describe("our own export imports without loss", () => {
  test("slugs, partner kinds, keywords, access modes, wheelchair flags and the support chain come back", async () => {
    await seedDirectory(db);
    const ids = (await db.select({ id: services.id }).from(services).orderBy(asc(services.slug))).map((row) => row.id);
    const exported = await Promise.all(ids.map((id) => getHsdsService(id)));

    const ours = async () => {
      const rows = await db
        .select({ id: services.id, slug: services.slug, keywords: services.keywords, accessModes: services.accessModes, partner: { slug: partners.slug, kind: partners.kind } })
        .from(services)
        .innerJoin(partners, eq(partners.id, services.partnerId))
        .orderBy(asc(services.slug));
      const slugOf = new Map(rows.map((row) => [row.id, row.slug]));
      const chain = await db.select().from(serviceNextSteps);
      const places = await db
        .select({ serviceId: serviceLocations.serviceId, name: locations.name, wheelchair: locations.wheelchairAccessible })
        .from(serviceLocations)
        .innerJoin(locations, eq(locations.id, serviceLocations.locationId))
        .where(inArray(serviceLocations.serviceId, [...slugOf.keys()]));
      return rows.map(({ id, ...row }) => ({
        ...row,
        next: chain
          .filter((link) => link.serviceId === id)
          .map((link) => slugOf.get(link.nextServiceId))
          .sort(),
        places: places
          .filter((at) => at.serviceId === id)
          .map((at) => `${at.name}: ${at.wheelchair}`)
          .sort(),
      }));
    };
    const before = await ours();
    expect(before.filter((service) => service.next.length > 0).length).toBeGreaterThan(50);

    await clearDirectory();
    const { log } = await importJson(exported as Json[]);
    expect(log.errors).toEqual([]);
    expect(await ours()).toEqual(before);
  }, 60_000);
});
