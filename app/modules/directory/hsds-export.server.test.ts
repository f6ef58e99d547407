import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "#db/client";
import { partners, services } from "#db/schema";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { loader as listLoader } from "#app/routes/api.v1.hsds.services";
import { loader as serviceLoader } from "#app/routes/api.v1.hsds.services.$id";
import { getRequest, run } from "#test/factories";
import { HsdsServicePageSchema, HsdsServiceSchema } from "#test/hsds/hsds-schemas";

// The API reference requires only `empty` of the page envelope; we promise every field, with counts
// that make sense.
const PageSchema = HsdsServicePageSchema.required().extend({
  total_items: z.int().min(0),
  total_pages: z.int().min(0),
  page_number: z.int().min(1),
  size: z.int().min(0),
});

type Json = Record<string, unknown>;
type Page = { total_items: number; total_pages: number; page_number: number; size: number; first_page: boolean; last_page: boolean; empty: boolean; contents: (Json & { id: string })[] };
type Term = { name: string; code: string; taxonomy: string; taxonomy_detail: { name: string } };
type FullService = Json & {
  id: string;
  languages: { code: string; name: string }[];
  phones: { number: string }[];
  contacts: { name: string }[];
  cost_options: Json[];
  attributes: { link_id: string; taxonomy_term: Term }[];
  service_at_locations: { location_id: string; location: Json & { addresses: Json[]; accessibility: Json[]; schedules: Json[] } }[];
};

/** Fails with zod's issues (path and message of each) when `data` does not match `schema`. */
function expectValid(schema: z.ZodType, data: unknown) {
  const result = schema.safeParse(data);
  expect(result.error?.issues ?? []).toEqual([]);
  expect(result.success).toBe(true);
}

async function fetchList(query = ""): Promise<{ status: number; body: Page }> {
  const response = await run(listLoader, getRequest(`/api/v1/hsds/services${query}`));
  return { status: response.status, body: (await response.json()) as Page };
}

async function fetchService(id: string): Promise<{ status: number; body: FullService }> {
  const response = await run((args) => serviceLoader({ ...args, params: { id } }), getRequest(`/api/v1/hsds/services/${id}`));
  return { status: response.status, body: (await response.json()) as FullService };
}

async function activeServiceIds(): Promise<string[]> {
  const rows = await db
    .select({ id: services.id })
    .from(services)
    .innerJoin(partners, eq(partners.id, services.partnerId))
    .where(and(eq(services.status, "active"), eq(partners.status, "active")));
  return rows.map((row) => row.id);
}

async function serviceBySlug(slug: string) {
  const [row] = await db.select({ id: services.id, partnerId: services.partnerId, costNote: services.costNote, howToAccess: services.howToAccess }).from(services).where(eq(services.slug, slug));
  return row!;
}

/** Walks a document and records every object with an id; one id must always name the same record. */
function collectRecords(value: unknown, records: Map<string, string>) {
  if (Array.isArray(value)) {
    for (const item of value) collectRecords(item, records);
  } else if (value && typeof value === "object") {
    const record = value as Json;
    if (typeof record.id === "string") {
      const text = JSON.stringify(record);
      expect(records.get(record.id) ?? text, `id ${record.id}`).toBe(text);
      records.set(record.id, text);
    }
    for (const child of Object.values(record)) collectRecords(child, records);
  }
}

beforeAll(async () => {
  await seedDirectory(db);
}, 60_000);

describe("HSDS service list", () => {
  test("the first page holds 50 services in HSDS's page envelope, counting every active service", async () => {
    const total = (await activeServiceIds()).length;
    expect(total).toBeGreaterThan(140);
    const { status, body } = await fetchList();
    expect(status).toBe(200);
    expectValid(PageSchema, body);
    expect(body).toMatchObject({ total_items: total, total_pages: Math.ceil(total / 50), page_number: 1, size: 50, first_page: true, last_page: false, empty: false });
    expect(body.contents).toHaveLength(50);
  });

  test("a later page goes on where the one before stopped, and the last page is the rest", async () => {
    const total = (await activeServiceIds()).length;
    const first = (await fetchList("?page=1&per_page=40")).body;
    const second = (await fetchList("?page=2&per_page=40")).body;
    expectValid(PageSchema, second);
    expect(second).toMatchObject({ page_number: 2, size: 40, first_page: false, last_page: false, empty: false });
    const firstIds = new Set(first.contents.map((service) => service.id));
    expect(second.contents.filter((service) => firstIds.has(service.id))).toEqual([]);

    const lastNumber = Math.ceil(total / 40);
    const last = (await fetchList(`?page=${lastNumber}&per_page=40`)).body;
    expectValid(PageSchema, last);
    expect(last).toMatchObject({ page_number: lastNumber, total_pages: lastNumber, size: total - 40 * (lastNumber - 1), last_page: true, empty: false });
    expect((await fetchList(`?page=${lastNumber + 1}&per_page=40`)).body).toMatchObject({ size: 0, empty: true, last_page: true, contents: [] });
  });

  test("one page of 200 lists exactly the active services", async () => {
    const { body } = await fetchList("?per_page=200");
    expectValid(PageSchema, body);
    expect(body.contents.map((service) => service.id).sort()).toEqual((await activeServiceIds()).sort());
    expect(body).toMatchObject({ total_pages: 1, first_page: true, last_page: true });
  });

  test("a listed service carries its one-to-one fields and its organization, but nothing nested beyond", async () => {
    const course = await serviceBySlug("integrationskurs-allgemein");
    const listed = (await fetchList("?per_page=200")).body.contents.find((service) => service.id === course.id)!;
    expect(listed).toMatchObject({
      organization_id: course.partnerId,
      name: "Integrationskurs (allgemein)",
      status: "active",
      email: "info@vhs-auental.example",
      fees_description: course.costNote,
      application_process: course.howToAccess,
      organization: { id: course.partnerId, name: "Volkshochschule Auental", alternate_name: "VHS Auental", website: "https://vhs-auental.example" },
    });
    expect(course.howToAccess).toMatch(/Einstufungstest/);
    expect(listed.url).toMatch(/^https?:\/\/[^/]+\/verzeichnis\/angebote\/integrationskurs-allgemein$/);
    expect(listed.assured_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(listed).not.toHaveProperty("service_at_locations");
    expect(listed).not.toHaveProperty("languages");
  });

  test.each([
    ["per_page=0", "per_page"],
    ["per_page=500", "per_page"],
    ["per_page=zehn", "per_page"],
    ["page=0", "page"],
    ["page=1.5", "page"],
  ])("?%s is a 400 naming the field", async (query, field) => {
    const { status, body } = await fetchList(`?${query}`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { field, message: expect.stringContaining("whole number") } });
  });
});

describe("HSDS single service", () => {
  test("a service comes fully nested: organization, locations with address and hours, languages, terms, cost", async () => {
    const course = await serviceBySlug("integrationskurs-allgemein");
    const { status, body } = await fetchService(course.id);
    expect(status).toBe(200);
    expectValid(HsdsServiceSchema, body);
    expect(body).toMatchObject({
      id: course.id,
      name: "Integrationskurs (allgemein)",
      eligibility_description: expect.stringContaining("BAMF"),
      organization: { id: course.partnerId, name: "Volkshochschule Auental" },
      phones: [{ number: "+49 6999 4410-0", type: "voice" }],
      contacts: [{ name: "Katrin Weiß", service_id: course.id }],
      cost_options: [{ option: "kostenpflichtig", amount_description: course.costNote }],
    });
    expect(body.cost_options[0]).not.toHaveProperty("amount");
    expect(body.languages.map(({ code, name }) => [code, name])).toEqual([
      ["de", "German"],
      ["en", "English"],
      ["ar", "Arabic"],
      ["uk", "Ukrainian"],
    ]);

    expect(body.service_at_locations).toHaveLength(1);
    const location = body.service_at_locations[0]!.location;
    expect(location).toMatchObject({ location_type: "physical", name: "VHS-Haus Auenstadt", organization_id: course.partnerId, latitude: 50.2012, longitude: 9.1487 });
    expect(location.addresses).toEqual([expect.objectContaining({ address_1: "Schillerstraße 8", postal_code: "63901", city: "Auenstadt", country: "DE", address_type: "physical" })]);
    expect(location.accessibility).toEqual([expect.objectContaining({ description: "Aufzug zu allen Kursräumen, barrierefreies WC im Erdgeschoss", details: "rollstuhlgerecht" })]);
    expect(location.schedules.map(({ freq, byday, opens_at, closes_at }) => ({ freq, byday, opens_at, closes_at }))).toEqual([
      { freq: "WEEKLY", byday: "MO,TU,WE,TH,FR", opens_at: "09:00", closes_at: "12:30" },
      { freq: "WEEKLY", byday: "TU,TH", opens_at: "14:00", closes_at: "18:00" },
    ]);

    const terms = body.attributes.map(({ taxonomy_term: term }) => [term.taxonomy, term.code, term.name]);
    expect(terms).toEqual([
      ["kurze-wege-themenfelder", "sprache", "Sprache"],
      ["kurze-wege-themenfelder", "bildung", "Bildung"],
      ["kurze-wege-zielgruppen", "gefluechtete", "Geflüchtete"],
      ["kurze-wege-zielgruppen", "eu-zugewanderte", "EU-Zugewanderte"],
      ["kurze-wege-zielgruppen", "ukraine", "Schutzsuchende aus der Ukraine"],
    ]);
    expect(body.attributes.every((attribute) => attribute.link_id === course.id && attribute.taxonomy_term.taxonomy_detail.name === attribute.taxonomy_term.taxonomy)).toBe(true);
  });

  test("the HSDS check refuses an export that lost a required field, says null, or leaves the enums", async () => {
    const course = await serviceBySlug("integrationskurs-allgemein");
    const { body } = await fetchService(course.id);
    expectValid(HsdsServiceSchema, body);
    const { name: _name, ...nameless } = body;
    const placement = body.service_at_locations[0]!;
    const broken = [
      nameless,
      { ...body, status: "unknown" },
      { ...body, eligibility_description: null },
      { ...body, service_at_locations: [{ ...placement, location: { ...placement.location, addresses: [{ ...placement.location.addresses[0], city: undefined }] } }] },
    ];
    for (const service of broken) expect(HsdsServiceSchema.safeParse(service).success).toBe(false);

    const page = (await fetchList()).body;
    const { status: _status, ...statusless } = page.contents[0]!;
    expect(PageSchema.safeParse({ ...page, contents: [statusless] }).success).toBe(false);
    expect(PageSchema.safeParse({ ...page, last_page: undefined }).success).toBe(false);
  });

  test("a free service says so with an amount of 0", async () => {
    const [free] = await db
      .select({ id: services.id })
      .from(services)
      .where(and(eq(services.cost, "free"), eq(services.status, "active")))
      .orderBy(asc(services.slug))
      .limit(1);
    const { body } = await fetchService(free!.id);
    expectValid(HsdsServiceSchema, body);
    expect(body.cost_options).toEqual([expect.objectContaining({ option: "kostenlos", amount: 0, currency: "EUR" })]);
  });

  test("every active service is valid HSDS, and an id names one record across the whole export", async () => {
    const ids = await activeServiceIds();
    const records = new Map<string, string>();
    for (const id of ids) {
      const { status, body } = await fetchService(id);
      expect(status, id).toBe(200);
      expectValid(HsdsServiceSchema, body);
      collectRecords(body, records);
    }
    // Ids we derive stay the same from one export to the next.
    const again = (await fetchService(ids[0]!)).body;
    collectRecords(again, records);
    expect(again).toEqual((await fetchService(ids[0]!)).body);
  }, 60_000);
});

describe("what is not exported", () => {
  test("an archived service is a 404 and leaves the list and its count", async () => {
    const course = await serviceBySlug("integrationskurs-allgemein");
    const before = (await fetchList()).body.total_items;
    await db.update(services).set({ status: "archived" }).where(eq(services.id, course.id));
    try {
      const { status, body } = await fetchService(course.id);
      expect(status).toBe(404);
      expect(body).toEqual({ error: { message: expect.any(String) } });
      const list = (await fetchList("?per_page=200")).body;
      expect(list.total_items).toBe(before - 1);
      expect(list.contents.map((service) => service.id)).not.toContain(course.id);
    } finally {
      await db.update(services).set({ status: "active" }).where(eq(services.id, course.id));
    }
    expect((await fetchService(course.id)).status).toBe(200);
  });

  test("the services of an archived partner are neither listed nor served", async () => {
    const course = await serviceBySlug("integrationskurs-allgemein");
    const ofPartner = (await db.select({ id: services.id }).from(services).where(eq(services.partnerId, course.partnerId))).map((row) => row.id);
    expect(ofPartner.length).toBeGreaterThan(1);
    const before = (await fetchList()).body.total_items;
    await db.update(partners).set({ status: "archived" }).where(eq(partners.id, course.partnerId));
    try {
      expect((await fetchService(course.id)).status).toBe(404);
      const list = (await fetchList("?per_page=200")).body;
      expect(list.total_items).toBe(before - ofPartner.length);
      expect(list.contents.filter((service) => ofPartner.includes(service.id))).toEqual([]);
    } finally {
      await db.update(partners).set({ status: "active" }).where(eq(partners.id, course.partnerId));
    }
    expect((await fetchService(course.id)).status).toBe(200);
  });

  test.each([
    ["an unknown uuid", randomUUID()],
    ["something that is no uuid", "integrationskurs-allgemein"],
    ["a quote", "1' OR '1'='1"],
  ])("%s is a 404", async (_label, id) => {
    const { status, body } = await fetchService(id);
    expect(status).toBe(404);
    expect(body).toEqual({ error: { message: expect.any(String) } });
  });
});
