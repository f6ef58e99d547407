import fs from "node:fs";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "#db/client";
import { locations, openingExceptions, openingHours, partners, serviceLocations, serviceNextSteps, services, serviceTerms, taxonomyTerms } from "#db/schema";
import { HsdsServiceSchema } from "#test/hsds/hsds-schemas";
import { slugify } from "#app/utils/slug";
import { DEMO_DIRECTORY_FILE, seedDirectory } from "./directory.server";

async function serviceBySlug(slug: string) {
  const [service] = await db.select().from(services).where(eq(services.slug, slug));
  return service!;
}

async function termsOf(slug: string) {
  const service = await serviceBySlug(slug);
  const rows = await db
    .select({ kind: taxonomyTerms.kind, slug: taxonomyTerms.slug })
    .from(serviceTerms)
    .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTerms.termId))
    .where(eq(serviceTerms.serviceId, service.id))
    .orderBy(asc(taxonomyTerms.position));
  return { categories: rows.filter((row) => row.kind === "category").map((row) => row.slug), targetGroups: rows.filter((row) => row.kind === "target_group").map((row) => row.slug) };
}

async function nextStepsOf(slug: string) {
  const service = await serviceBySlug(slug);
  const rows = await db.select({ slug: services.slug }).from(serviceNextSteps).innerJoin(services, eq(services.id, serviceNextSteps.nextServiceId)).where(eq(serviceNextSteps.serviceId, service.id));
  return rows.map((row) => row.slug).sort();
}

/** Everything the demo directory stored, without the update times an import refreshes. */
async function snapshot() {
  const [jobs] = await db.execute<{ count: number }>(sql`select count(*)::int as count from graphile_worker.jobs`);
  const strip = <T extends { updatedAt: Date }>({ updatedAt: _updatedAt, ...row }: T) => row;
  return {
    partners: (await db.select().from(partners).orderBy(asc(partners.slug))).map(strip),
    services: (await db.select().from(services).orderBy(asc(services.slug))).map(strip),
    locations: (await db.select().from(locations).orderBy(asc(locations.id))).map(strip),
    openingHours: await db.$count(openingHours),
    openingExceptions: await db.select().from(openingExceptions),
    serviceTerms: await db.$count(serviceTerms),
    serviceLocations: await db.$count(serviceLocations),
    serviceNextSteps: await db.$count(serviceNextSteps),
    taxonomyTerms: await db.$count(taxonomyTerms),
    jobs: jobs?.count ?? 0,
  };
}

const lines: string[] = [];

beforeAll(async () => {
  await seedDirectory(db, (line) => lines.push(line));
}, 60_000);

describe("the demo directory", () => {
  test("is HSDS 3.0, one fully nested service a record, with our extension riding along", () => {
    const records = JSON.parse(fs.readFileSync(DEMO_DIRECTORY_FILE, "utf8")) as unknown[];
    expect(records).toHaveLength(151);
    for (const record of records) expect(HsdsServiceSchema.safeParse(record).error?.issues ?? []).toEqual([]);
  });

  test("loads through the importer without a single problem reported", () => {
    expect(lines[0]).toBe("directory.hsds.json: 151 records (Open Referral HSDS 3.0), 151 valid, 0 with errors");
    expect(lines).toContain("services: 151 created, 0 updated; partners: 60 created, 0 updated; locations: 71 created, 0 updated; skipped: 0 invalid");
    // A problem would be a line about a record, or a warning about the file.
    expect(lines.filter((line) => /^record \d+|warning/.test(line))).toEqual([]);
  });

  test("holds the network: 60 partners, 151 services, 71 places and 165 links of the support chain", async () => {
    expect(await db.$count(partners)).toBe(60);
    expect(await db.$count(services)).toBe(151);
    expect(await db.$count(locations)).toBe(71);
    expect(await db.$count(serviceNextSteps)).toBe(165);
    expect(await db.$count(taxonomyTerms)).toBe(21);
  });

  test("keeps its own slugs, also where the name would give another", async () => {
    const course = await serviceBySlug("deutschkurs-b1-abend-weidenfeld");
    expect(course.name).toBe("Deutschkurs B1 am Abend in Weidenfeld");
    expect(slugify(course.name)).not.toBe(course.slug);
    const [vhs] = await db.select().from(partners).where(eq(partners.id, course.partnerId));
    expect(vhs).toMatchObject({
      slug: "vhs-auental",
      name: "Volkshochschule Auental",
      shortName: "VHS Auental",
      kind: "bildungstraeger",
      website: "https://vhs-auental.example",
      email: "info@vhs-auental.example",
      phone: "+49 6999 4410-0",
    });
  });

  test("gives each service its terms, texts, languages, cost and ways in", async () => {
    expect(await termsOf("integrationskurs-allgemein")).toEqual({ categories: ["sprache", "bildung"], targetGroups: ["gefluechtete", "eu-zugewanderte", "ukraine"] });
    expect(await termsOf("deutschkurs-b1-abend-weidenfeld")).toEqual({ categories: ["sprache", "bildung"], targetGroups: ["eu-zugewanderte", "fachkraefte", "alle"] });
    expect(await serviceBySlug("integrationskurs-allgemein")).toMatchObject({
      name: "Integrationskurs (allgemein)",
      languages: ["de", "en", "ar", "uk"],
      cost: "fee",
      costNote: expect.stringContaining("BAMF-Satz"),
      eligibility: expect.stringContaining("Berechtigung oder Verpflichtung"),
      accessModes: ["appointment", "walk_in"],
      contactName: "Katrin Weiß",
      status: "active",
    });
    expect(await serviceBySlug("berufssprachkurs-b2-deufoev")).toMatchObject({ cost: "free", costNote: expect.stringContaining("Kostenfrei"), accessModes: ["appointment"] });
  });

  test("keeps every search keyword of a service", async () => {
    expect((await serviceBySlug("integrationskurs-allgemein")).keywords).toEqual(["Integration", "Kurs", "Deutsch lernen", "Sprachkurs", "Deutschkurs", "German course", "BAMF", "B1"]);
    expect((await serviceBySlug("orientierungskurs")).keywords).toEqual([]);
  });

  test("links the support chain across partners", async () => {
    expect(await nextStepsOf("integrationskurs-allgemein")).toEqual(["anerkennung-berufsabschluesse", "berufssprachkurs-b2-deufoev", "jobcenter-arbeitsvermittlung"]);
  });

  test("places its services, with address, coordinates, access and weekly hours, and one closed day ahead", async () => {
    const course = await serviceBySlug("integrationskurs-allgemein");
    const places = await db.select({ location: locations }).from(serviceLocations).innerJoin(locations, eq(locations.id, serviceLocations.locationId)).where(eq(serviceLocations.serviceId, course.id));
    expect(places.map((place) => place.location)).toEqual([
      expect.objectContaining({
        name: "VHS-Haus Auenstadt",
        street: "Schillerstraße 8",
        postalCode: "63901",
        town: "Auenstadt",
        latitude: 50.2012,
        longitude: 9.1487,
        accessibilityNote: "Aufzug zu allen Kursräumen, barrierefreies WC im Erdgeschoss",
        wheelchairAccessible: true,
      }),
    ]);
    const place = places[0]!.location;
    const hours = await db
      .select({ weekday: openingHours.weekday, opens: openingHours.opens, closes: openingHours.closes })
      .from(openingHours)
      .where(eq(openingHours.locationId, place.id))
      .orderBy(asc(openingHours.weekday), asc(openingHours.opens));
    expect(hours.map((slot) => `${slot.weekday} ${slot.opens.slice(0, 5)}-${slot.closes.slice(0, 5)}`)).toEqual([
      "1 09:00-12:30",
      "2 09:00-12:30",
      "2 14:00-18:00",
      "3 09:00-12:30",
      "4 09:00-12:30",
      "4 14:00-18:00",
      "5 09:00-12:30",
    ]);
    const closed = await db.select({ inDays: sql<number>`(${openingExceptions.day} - current_date)::int`, opens: openingExceptions.opens, note: openingExceptions.note }).from(openingExceptions);
    expect(closed).toEqual([{ inDays: 10, opens: null, note: "Fortbildungstag des Teams" }]);
    expect(await db.$count(locations, eq(locations.wheelchairAccessible, false))).toBe(11);
  });

  test("was verified some time in the last 400 days, some entries more than a year ago", async () => {
    for (const table of [partners, services]) {
      const [row] = await db
        .select({
          unverified: sql<number>`count(*) filter (where ${table.lastVerifiedAt} is null)::int`,
          future: sql<number>`count(*) filter (where ${table.lastVerifiedAt} > now())::int`,
          tooOld: sql<number>`count(*) filter (where ${table.lastVerifiedAt} < now() - interval '400 days')::int`,
        })
        .from(table);
      expect(row).toEqual({ unverified: 0, future: 0, tooOld: 0 });
    }
    const overAYear = await db.$count(services, sql`${services.lastVerifiedAt} < now() - interval '365 days'`);
    expect(overAYear).toBeGreaterThan(0);
  });

  test("loading it again changes nothing: the same rows, dates and closed day, and no search updates queued", async () => {
    const before = await snapshot();
    expect(before.jobs).toBe(0);
    const again: string[] = [];
    await seedDirectory(db, (line) => again.push(line));
    expect(again).toContain("services: 0 created, 151 updated; partners: 0 created, 60 updated; locations: 0 created, 71 updated; skipped: 0 invalid");
    expect(await snapshot()).toEqual(before);
  }, 60_000);

  test("a copy loaded before the demo was a file is left as it is, not loaded twice", async () => {
    const vhs = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, "vhs-auental"));
    await db
      .update(partners)
      .set({ externalId: null })
      .where(
        inArray(
          partners.id,
          vhs.map((row) => row.id),
        ),
      );
    try {
      const count = await db.$count(services);
      const notes: string[] = [];
      await seedDirectory(db, (line) => notes.push(line));
      expect(notes).toEqual([expect.stringContaining("left as it is")]);
      expect(await db.$count(services)).toBe(count);
    } finally {
      const demo = JSON.parse(fs.readFileSync(DEMO_DIRECTORY_FILE, "utf8")) as { organization: { id: string; kurze_wege: { slug: string } } }[];
      const id = demo.find((service) => service.organization.kurze_wege.slug === "vhs-auental")!.organization.id;
      await db.update(partners).set({ externalId: id }).where(eq(partners.slug, "vhs-auental"));
    }
  });
});
