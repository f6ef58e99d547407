import { asc, eq } from "drizzle-orm";
import { db } from "#db/client";
import { partners, partnerTranslations, services, serviceTranslations } from "#db/schema";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { HsdsServiceSchema } from "#test/hsds/hsds-schemas";
import { getHsdsService, listHsdsServices } from "../hsds-export.server";
import { collectLog, writeTempFile } from "./import-test-support.server";
import { runImport } from "./import.server";

const IMPORT = { skipInvalid: false, dryRun: false };

beforeAll(async () => {
  await seedDirectory(db);
}, 60_000);

async function serviceRow(slug: string) {
  const [row] = await db.select().from(services).where(eq(services.slug, slug));
  return row!;
}

const serviceTexts = (serviceId: string) =>
  db
    .select({
      lang: serviceTranslations.lang,
      name: serviceTranslations.name,
      description: serviceTranslations.description,
      eligibility: serviceTranslations.eligibility,
      howToAccess: serviceTranslations.howToAccess,
    })
    .from(serviceTranslations)
    .where(eq(serviceTranslations.serviceId, serviceId))
    .orderBy(asc(serviceTranslations.lang));
const partnerTexts = (partnerId: string) =>
  db
    .select({ lang: partnerTranslations.lang, description: partnerTranslations.description })
    .from(partnerTranslations)
    .where(eq(partnerTranslations.partnerId, partnerId))
    .orderBy(asc(partnerTranslations.lang));

async function importJson(records: unknown) {
  const log = collectLog();
  await runImport(db, await writeTempFile("services.json", JSON.stringify(records)), IMPORT, log);
  return log;
}

describe("translations in HSDS", () => {
  test("the demo's translations arrive through the importer", async () => {
    const course = await serviceRow("integrationskurs-allgemein");
    expect(course.howToAccess).toMatch(/Einstufungstest/);
    const texts = await serviceTexts(course.id);
    expect(texts.map((text) => text.lang)).toEqual(["ar", "en", "fa", "ru", "tr", "uk"]);
    expect(texts.find((text) => text.lang === "ar")).toMatchObject({ name: "دورة الاندماج (العامة)", eligibility: expect.stringContaining("BAMF"), howToAccess: expect.stringContaining("VHS") });
    expect((await partnerTexts(course.partnerId)).map((text) => text.lang)).toEqual(["ar", "en", "uk"]);
  });

  test("without steps to the service, the export names the access modes, and importing it keeps the steps empty", async () => {
    const plain = await serviceRow("orientierungskurs");
    expect(plain.howToAccess).toBeNull();
    const exported = JSON.parse(JSON.stringify(await getHsdsService(plain.id))) as { application_process?: string; kurze_wege: { how_to_access: string | null; translations: object } };
    expect(exported.application_process).toBeTruthy();
    expect(exported.kurze_wege).toMatchObject({ how_to_access: null, translations: {} });
    await importJson([exported]);
    expect((await serviceRow("orientierungskurs")).howToAccess).toBeNull();
  });

  test("another system's application_process is the way to the service; a translation into a language we lack is reported and left out", async () => {
    const log = await importJson([
      {
        id: "fremd-1",
        name: "Nähcafé Lindach",
        description: "Gemeinsam nähen und Deutsch sprechen, jeden Donnerstag.",
        application_process: "Einfach vorbeikommen, Stoff ist da.",
        organization: {
          id: "fremd-org-1",
          name: "Nähcafé-Initiative Lindach",
          kurze_wege: { slug: "naehcafe-initiative-lindach", translations: { tr: { description: "Lindach'ta birlikte dikiş diken gönüllüler." } } },
        },
        kurze_wege: {
          translations: {
            uk: { name: "Кафе шиття в Lindach", description: "Разом шиємо й говоримо німецькою щочетверга." },
            fr: { name: "Café couture", description: "Coudre ensemble et parler allemand." },
          },
        },
      },
    ]);
    const [row] = await db.select().from(services).where(eq(services.externalId, "fremd-1"));
    expect(row!.howToAccess).toBe("Einfach vorbeikommen, Stoff ist da.");
    expect((await serviceTexts(row!.id)).map((text) => text.lang)).toEqual(["uk"]);
    const [partner] = await db.select({ id: partners.id }).from(partners).where(eq(partners.externalId, "fremd-org-1"));
    expect(await partnerTexts(partner!.id)).toEqual([{ lang: "tr", description: "Lindach'ta birlikte dikiş diken gönüllüler." }]);
    expect(log.errors.join("\n")).toMatch(/kurze_wege\.translations\.fr: .*translation into "fr" skipped/);
  });
  // Last: it empties the directory to import the export into it.
  test("our export carries them in the extension and stays valid HSDS; importing it brings them back", async () => {
    const course = await serviceRow("integrationskurs-allgemein");
    const before = { service: await serviceTexts(course.id), partner: await partnerTexts(course.partnerId) };
    const exported = JSON.parse(JSON.stringify(await getHsdsService(course.id))) as Awaited<ReturnType<typeof getHsdsService>> & object;
    expect(HsdsServiceSchema.safeParse(exported).success).toBe(true);
    expect(exported.application_process).toBe(course.howToAccess);
    expect(exported.kurze_wege.how_to_access).toBe(course.howToAccess);
    expect(exported.kurze_wege.translations.ar).toMatchObject({ name: "دورة الاندماج (العامة)", application_process: expect.any(String), eligibility_description: expect.any(String) });
    expect(Object.keys(exported.organization.kurze_wege.translations)).toEqual(["ar", "en", "uk"]);
    // The list carries them too: a page of it imports as well.
    const listed = (await listHsdsServices(1, 200)).contents.find((service) => service.id === course.id)!;
    expect(JSON.parse(JSON.stringify(listed.kurze_wege.translations))).toEqual(exported.kurze_wege.translations);

    await db.delete(partners);
    await importJson([exported]);
    const imported = await serviceRow("integrationskurs-allgemein");
    expect(imported.howToAccess).toBe(course.howToAccess);
    expect(await serviceTexts(imported.id)).toEqual(before.service);
    expect(await partnerTexts(imported.partnerId)).toEqual(before.partner);
  });
});
