import { parseWithZod } from "@conform-to/zod/v4";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "#db/client";
import { costKinds } from "#db/schema/directory-enums";
import { partners, services } from "#db/schema";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { loader as hsdsServiceLoader } from "#app/routes/api.v1.hsds.services.$id";
import { action as newServiceAction } from "#app/routes/verzeichnis.partner.$slug_.angebote.neu";
import { getServiceBySlug } from "./directory.server";
import { NEW_SERVICE_DEFAULTS, ServiceFormSchema } from "./service-schema";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor } from "#test/factories";
import { HsdsServiceSchema } from "#test/hsds/hsds-schemas";
import demoDirectory from "#app/modules/demo/data/directory.hsds.json";

beforeAll(async () => {
  await seedDirectory(db);
}, 60_000);

const formFields = {
  name: "Sprachtreff am Markt",
  description: "Ein offener Treffpunkt zum Deutschsprechen.",
  categories: "sprache",
  targetGroups: "gefluechtete",
  languages: "de",
  accessModes: "walk_in",
};

async function exported(id: string) {
  const response = await run((args) => hsdsServiceLoader({ ...args, params: { id } }), getRequest(`/api/v1/hsds/services/${id}`));
  return (await response.json()) as { cost_options: unknown[]; fees_description?: string };
}

describe('cost "keine Angabe"', () => {
  test("the form offers free, fee and not stated; a new service starts with not stated, and a form without a cost stores it", () => {
    expect(costKinds).toEqual(["free", "fee", "unknown"]);
    expect(NEW_SERVICE_DEFAULTS.cost).toBe("unknown");
    const data = new FormData();
    for (const [key, value] of Object.entries(formFields)) data.append(key, value);
    const parsed = parseWithZod(data, { schema: ServiceFormSchema });
    expect(parsed.status === "success" && parsed.value.cost).toBe("unknown");
    data.append("cost", "gratis");
    expect(parseWithZod(data, { schema: ServiceFormSchema }).status).toBe("error");
  });

  test("a service created without a cost answer is 'keine Angabe', never 'kostenlos', on its page data and in the export", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const [partner] = await db.select({ slug: partners.slug }).from(partners).where(eq(partners.slug, "vhs-auental"));
    const response = await run(
      (args) => newServiceAction({ ...args, params: { slug: partner!.slug } }),
      formRequest(`/verzeichnis/partner/${partner!.slug}/angebote/neu`, formFields, { cookie: await sessionCookieFor(coordinator.id) }),
    );
    expect(response.status).toBe(303);
    const slug = response.headers.get("Location")!.split("/").pop()!;
    const service = await getServiceBySlug(slug, "de");
    expect(service?.cost).toBe("unknown");

    const [row] = await db.select({ id: services.id }).from(services).where(eq(services.slug, slug));
    const body = await exported(row!.id);
    expect(HsdsServiceSchema.safeParse(body).success).toBe(true);
    expect(body.cost_options).toEqual([]);
    expect(body.fees_description).toBeUndefined();
  });

  test("a note on a service of unknown cost is exported as the fees text, with no cost option that would read as a fee", async () => {
    const [row] = await db.select({ id: services.id }).from(services).where(eq(services.slug, "orientierungskurs"));
    await db.update(services).set({ cost: "unknown", costNote: "Bitte beim Träger erfragen" }).where(eq(services.id, row!.id));
    const body = await exported(row!.id);
    expect(HsdsServiceSchema.safeParse(body).success).toBe(true);
    expect(body.cost_options).toEqual([]);
    expect(body.fees_description).toBe("Bitte beim Träger erfragen");
  });

  test("services the demo file marks as free stay free", async () => {
    const list = (Array.isArray(demoDirectory) ? demoDirectory : (demoDirectory as { contents: unknown[] }).contents) as { id: string; cost_options?: { amount?: number }[] }[];
    const free = list.filter((service) => service.cost_options?.length && service.cost_options.every((option) => option.amount === 0)).map((service) => service.id);
    expect(free.length).toBeGreaterThan(100);
    const rows = await db.select({ cost: services.cost }).from(services).where(inArray(services.externalId, free));
    expect(rows.length).toBe(free.length);
    expect(rows.every((row) => row.cost === "free")).toBe(true);
    expect(await db.$count(services, and(eq(services.cost, "unknown"), inArray(services.externalId, free)))).toBe(0);
  });
});
