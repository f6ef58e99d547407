import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { partnerMembers, partners, partnerTranslations, services, serviceTranslations, type UserRole } from "#db/schema";
import { translationLanguages } from "#search/content-languages";
import { getAdminClient, indexUid } from "#search/client";
import { partnersIndex } from "#search/indexes/partners";
import { servicesIndex } from "#search/indexes/services";
import { applySearchSettings, reindexAll } from "#search/reindex";
import { syncDocument } from "#search/sync";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { searchEverything } from "#app/modules/search/search.server";
import { languageCookie } from "#app/utils/i18n.server";
import { action as editServiceAction, loader as editServiceLoader } from "#app/routes/verzeichnis.angebote.$slug_.bearbeiten";
import { loader as servicePage } from "#app/routes/verzeichnis.angebote.$slug";
import { action as editPartnerAction } from "#app/routes/verzeichnis.partner.$slug_.bearbeiten";
import { action as newServiceAction } from "#app/routes/verzeichnis.partner.$slug_.angebote.neu";
import { loader as partnerPage } from "#app/routes/verzeichnis.partner.$slug";
import { createTestUser, getRequest, run, sessionCookieFor, withParams } from "#test/factories";
import { parseDirectoryQuery } from "./directory-filters";
import { searchDirectory } from "./directory-search.server";
import { getServiceForEdit } from "./directory-writes.server";
import { contentLanguages } from "./translations.server";

const SLUG = "orientierungskurs";
const ARABIC = "دورة توجيهية عن القانون والتاريخ والحياة اليومية في ألمانيا، مع امتحان في النهاية";

beforeAll(async () => {
  await seedDirectory(db);
  await applySearchSettings();
  await reindexAll(db);
}, 120_000);

async function cookieFor(role: UserRole | "editor" | "other editor", lang?: string): Promise<string> {
  const user = await createTestUser({ role: role === "admin" || role === "coordinator" ? role : "member" });
  if (role === "editor" || role === "other editor") {
    const [partner] = await db
      .select({ id: partners.id })
      .from(partners)
      .where(eq(partners.slug, role === "editor" ? "vhs-auental" : "caritas-auental"));
    await db.insert(partnerMembers).values({ partnerId: partner!.id, userId: user.id, role: "editor" });
  }
  return [await sessionCookieFor(user.id), ...(lang ? [await visitorCookie(lang)] : [])].join("; ");
}

async function visitorCookie(lang: string): Promise<string> {
  return (await languageCookie.serialize(lang)).split(";")[0]!;
}

/** The edit form as the page posts it, with these fields changed (`translations.ar.description` …). */
async function serviceForm(slug: string, changes: Record<string, string>): Promise<URLSearchParams> {
  const editable = (await getServiceForEdit(slug))!;
  const fields = new URLSearchParams();
  for (const [key, value] of Object.entries(editable.values)) for (const item of Array.isArray(value) ? value : [String(value)]) fields.append(key, item);
  for (const [lang, texts] of Object.entries(editable.translations)) for (const [field, text] of Object.entries(texts)) fields.append(`translations.${lang}.${field}`, text);
  for (const [key, value] of Object.entries(changes)) fields.set(key, value);
  return fields;
}

function post(path: string, fields: URLSearchParams, cookie?: string): Request {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:3000" });
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`http://localhost:3000${path}`, { method: "POST", headers, body: fields.toString() });
}

const editService = (fields: URLSearchParams, cookie?: string) => run(withParams(editServiceAction, { slug: SLUG }), post(`/verzeichnis/angebote/${SLUG}/bearbeiten`, fields, cookie));

async function translationOf(slug: string, lang: string) {
  const [row] = await db
    .select({ name: serviceTranslations.name, description: serviceTranslations.description, howToAccess: serviceTranslations.howToAccess })
    .from(serviceTranslations)
    .innerJoin(services, eq(services.id, serviceTranslations.serviceId))
    .where(and(eq(services.slug, slug), eq(serviceTranslations.lang, lang)));
  return row ?? null;
}

type PageText = { text: string; lang: string };

/** Takes away the translations of the service the tests edit (the demo's own translations stay). */
async function clearTranslations() {
  const [service] = await db.select({ id: services.id }).from(services).where(eq(services.slug, SLUG));
  await db.delete(serviceTranslations).where(eq(serviceTranslations.serviceId, service!.id));
}

describe("the languages of directory texts", () => {
  test("are the UI languages but German, the same for the forms and for the search index", () => {
    const codes = contentLanguages().map((language) => language.code);
    expect(codes).toEqual(expect.arrayContaining(["en", "uk", "ru", "ar", "fa", "tr", "ro", "bg", "pl"]));
    expect(codes).not.toContain("de");
    expect([...codes].sort()).toEqual(translationLanguages());
    expect(contentLanguages().find((language) => language.code === "ar")).toMatchObject({ name: "العربية", dir: "rtl" });
  });
});

describe("translating a service", () => {
  beforeEach(clearTranslations);

  test.each([
    ["a guest", null, 302],
    ["a member", "member", 403],
    ["the editor of another partner", "other editor", 403],
  ] as const)("%s cannot add a translation, and nothing changes", async (_who, role, status) => {
    const cookie = role ? await cookieFor(role) : undefined;
    const response = await editService(await serviceForm(SLUG, { "translations.ar.description": ARABIC }), cookie);
    expect(response.status).toBe(status);
    expect(await translationOf(SLUG, "ar")).toBeNull();
  });

  test.each([
    ["the partner's editor", "editor"],
    ["a coordinator", "coordinator"],
    ["an admin", "admin"],
  ] as const)("%s adds, changes and removes a translation", async (_who, role) => {
    const cookie = await cookieFor(role);
    const form = await serviceForm(SLUG, { "translations.ar.description": ARABIC, "translations.uk.name": "Орієнтаційний курс" });
    expect((await editService(form, cookie)).status).toBe(303);
    expect(await translationOf(SLUG, "ar")).toEqual({ name: null, description: ARABIC, howToAccess: null });
    expect((await translationOf(SLUG, "uk"))?.name).toBe("Орієнтаційний курс");
    // The form shows what is there; emptying a language's fields removes it.
    const loaded = (await (await run(withParams(editServiceLoader, { slug: SLUG }), getRequest(`/verzeichnis/angebote/${SLUG}/bearbeiten`, { cookie }))).json()) as {
      values: { translations: Record<string, { description: string }> };
      languages: { code: string; dir: string }[];
    };
    expect(loaded.values.translations.ar?.description).toBe(ARABIC);
    expect(loaded.languages.find((language) => language.code === "fa")?.dir).toBe("rtl");
    expect((await editService(await serviceForm(SLUG, { "translations.uk.name": "" }), cookie)).status).toBe(303);
    expect(await translationOf(SLUG, "uk")).toBeNull();
    expect((await translationOf(SLUG, "ar"))?.description).toBe(ARABIC);
  });

  test("a new service comes with its translations", async () => {
    const fields = new URLSearchParams({
      name: "Sprachtreff am Markt",
      description: "Ein offener Treffpunkt zum Deutschsprechen.",
      categories: "sprache",
      targetGroups: "gefluechtete",
      languages: "de, ar",
      accessModes: "walk_in",
      "translations.ar.name": "ملتقى اللغة في السوق",
      "translations.ar.description": "مكان مفتوح للقاء والتحدث باللغة الألمانية.",
    });
    const response = await run(withParams(newServiceAction, { slug: "vhs-auental" }), post("/verzeichnis/partner/vhs-auental/angebote/neu", fields, await cookieFor("editor")));
    expect(response.status).toBe(303);
    const slug = response.headers.get("Location")!.split("/").pop()!;
    expect(await translationOf(slug, "ar")).toEqual({ name: "ملتقى اللغة في السوق", description: "مكان مفتوح للقاء والتحدث باللغة الألمانية.", howToAccess: null });
  });

  test("bad input gets a message at its field, keeps what was typed and changes nothing", async () => {
    const cookie = await cookieFor("editor");
    const form = await serviceForm(SLUG, { name: "Orientierungskurs (neu)", "translations.ar.description": "قصير", "translations.ar.name": "دورة التوجيه" });
    const response = await editService(form, cookie);
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]>; initialValue: { translations: Record<string, Record<string, string>> } } };
    expect(result.error["translations.ar.description"]).toEqual(["directory.validation.descriptionShort"]);
    expect(result.initialValue.translations.ar).toMatchObject({ name: "دورة التوجيه", description: "قصير" });
    expect(await translationOf(SLUG, "ar")).toBeNull();
    const [row] = await db.select({ name: services.name }).from(services).where(eq(services.slug, SLUG));
    expect(row?.name).toBe("Orientierungskurs");

    // A language the directory does not have (a forged form) is refused as a whole.
    const forged = await editService(await serviceForm(SLUG, { "translations.xx.description": "Eine Sprache, die es nicht gibt." }), cookie);
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { result: { error: Record<string, string[]> } }).result.error.translations).toEqual(["directory.validation.unknownChoice"]);
    expect(await translationOf(SLUG, "xx")).toBeNull();
  });

  test("a visitor sees the texts of their language where there are some, German marked as German otherwise", async () => {
    const cookie = await cookieFor("editor");
    const form = await serviceForm(SLUG, {
      howToAccess: "Anmeldung in der VHS-Geschäftsstelle.",
      "translations.ar.name": "دورة التوجيه",
      "translations.ar.description": ARABIC,
      "translations.uk.description": "Орієнтаційний курс про право, історію та повсякденне життя в Німеччині.",
    });
    expect((await editService(form, cookie)).status).toBe(303);
    const page = async (lang?: string) => {
      const request = getRequest(`/verzeichnis/angebote/${SLUG}`, lang ? { cookie: await visitorCookie(lang) } : {});
      const response = await run(withParams(servicePage, { slug: SLUG }), request);
      return ((await response.json()) as { service: { name: PageText; description: PageText; howToAccess: PageText | null; categories: PageText[] } }).service;
    };
    const arabic = await page("ar");
    expect(arabic.name).toEqual({ text: "دورة التوجيه", lang: "ar" });
    expect(arabic.description).toEqual({ text: ARABIC, lang: "ar" });
    // How to access has no Arabic text: the German one, marked as German.
    expect(arabic.howToAccess).toEqual({ text: "Anmeldung in der VHS-Geschäftsstelle.", lang: "de" });
    const german = await page();
    expect(german.name).toEqual({ text: "Orientierungskurs", lang: "de" });
    expect(german.description.lang).toBe("de");
    // Only some texts translated: those in the visitor's language, the others German.
    const ukrainian = await page("uk");
    expect(ukrainian.description.lang).toBe("uk");
    expect(ukrainian.name).toEqual({ text: "Orientierungskurs", lang: "de" });
    expect((await page("pl")).description.lang).toBe("de");
    // Term labels too: the standard taxonomy is labelled in every UI language.
    expect(arabic.categories.length).toBeGreaterThan(0);
    expect(arabic.categories.every((label) => label.lang === "ar")).toBe(true);
    expect((await page("en")).categories.every((label) => label.lang === "en")).toBe(true);

    // The partner page lists the service under its name in the visitor's language.
    const partner = await run(withParams(partnerPage, { slug: "vhs-auental" }), getRequest("/verzeichnis/partner/vhs-auental", { cookie: await visitorCookie("ar") }));
    const listed = ((await partner.json()) as { partner: { services: { slug: string; name: PageText }[] } }).partner.services.find((service) => service.slug === SLUG);
    expect(listed?.name).toEqual({ text: "دورة التوجيه", lang: "ar" });
  });

  test("search finds a service by its Arabic text and shows it to an Arabic visitor; German search and visitors stay as they were", async () => {
    const form = await serviceForm(SLUG, { "translations.ar.name": "دورة التوجيه", "translations.ar.description": ARABIC });
    expect((await editService(form, await cookieFor("editor"))).status).toBe(303);
    const [service] = await db.select({ id: services.id }).from(services).where(eq(services.slug, SLUG));
    await syncDocument(db, "services", service!.id);
    const query = (q: string) => parseDirectoryQuery(new URLSearchParams({ q }));

    const arabic = await searchDirectory(query("دورة توجيهية عن القانون"), null, "ar");
    expect(arabic.status).toBe("ok");
    if (arabic.status !== "ok") return;
    const hit = arabic.hits.find((candidate) => candidate.slug === SLUG);
    expect(hit).toMatchObject({ nameLang: "ar", descriptionLang: "ar" });
    expect(hit!.name.map((part) => part.text).join("")).toBe("دورة التوجيه");
    expect(hit!.description.some((part) => part.marked)).toBe(true);

    // The same Arabic query from a German page finds it too, shown in German.
    const fromGerman = await searchDirectory(query("دورة توجيهية"), null, "de");
    expect(fromGerman.status === "ok" && fromGerman.hits.find((candidate) => candidate.slug === SLUG)).toMatchObject({ nameLang: "de", name: [{ text: "Orientierungskurs", marked: false }] });

    const german = await searchDirectory(query("Orientierungskurs"), null, "de");
    expect(german.status === "ok" && german.hits[0]).toMatchObject({ slug: SLUG, nameLang: "de", descriptionLang: "de" });

    // The engine analyses each language's texts with its own locale.
    const settings = await getAdminClient().index(indexUid(servicesIndex.name)).getSettings();
    expect(settings.localizedAttributes).toContainEqual({ attributePatterns: ["name_ar", "description_ar"], locales: ["ara"] });
    expect(settings.localizedAttributes).toContainEqual({ attributePatterns: ["name_fa", "description_fa"], locales: ["pes"] });
    expect(settings.searchableAttributes).toEqual(expect.arrayContaining(["name_ar", "description_uk"]));
  });
});

describe("translating a partner's description", () => {
  const PARTNER_FIELDS = {
    name: "Volkshochschule Auental",
    shortName: "VHS Auental",
    kind: "bildungstraeger",
    description: "Die Volkshochschule des Landkreises ist zugelassener Träger für Integrations- und Berufssprachkurse.",
    website: "https://vhs-auental.example",
    email: "info@vhs-auental.example",
    phone: "+49 6999 4410-0",
  };
  // The demo has this partner in English, Arabic and Ukrainian; the tests write Russian.
  const RUSSIAN = "Народный университет района проводит интеграционные и профессиональные языковые курсы.";
  const editPartner = (fields: Record<string, string>, cookie?: string) =>
    run(withParams(editPartnerAction, { slug: "vhs-auental" }), post("/verzeichnis/partner/vhs-auental/bearbeiten", new URLSearchParams({ ...PARTNER_FIELDS, ...fields }), cookie));
  const stored = async () =>
    (
      await db
        .select({ lang: partnerTranslations.lang, description: partnerTranslations.description })
        .from(partnerTranslations)
        .innerJoin(partners, eq(partners.id, partnerTranslations.partnerId))
        .where(eq(partners.slug, "vhs-auental"))
    ).filter((row) => row.lang === "ru");

  test.each([
    ["a guest", null, 302],
    ["a member", "member", 403],
    ["the editor of another partner", "other editor", 403],
  ] as const)("%s cannot change it", async (_who, role, status) => {
    const response = await editPartner({ "translations.ru.description": "Перехвачено чужим редактором" }, role ? await cookieFor(role) : undefined);
    expect(response.status).toBe(status);
    expect(await stored()).toEqual([]);
  });

  test.each([
    ["the partner's editor", "editor"],
    ["a coordinator", "coordinator"],
    ["an admin", "admin"],
  ] as const)("%s writes it; a Russian visitor reads it, a German one the German text", async (_who, role) => {
    const cookie = await cookieFor(role);
    const short = await editPartner({ "translations.ru.description": "Коротко" }, cookie);
    expect(short.status).toBe(400);
    expect(((await short.json()) as { result: { error: Record<string, string[]> } }).result.error["translations.ru.description"]).toEqual(["directory.validation.descriptionShort"]);
    expect(await stored()).toEqual([]);

    expect((await editPartner({ "translations.ru.description": RUSSIAN }, cookie)).status).toBe(303);
    const page = async (lang: string) =>
      (
        (await (await run(withParams(partnerPage, { slug: "vhs-auental" }), getRequest("/verzeichnis/partner/vhs-auental", { cookie: await visitorCookie(lang) }))).json()) as {
          partner: { description: PageText };
        }
      ).partner.description;
    expect(await page("ru")).toEqual({ text: RUSSIAN, lang: "ru" });
    expect((await page("de")).lang).toBe("de");
    expect((await page("pl")).lang).toBe("de");

    const [partner] = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, "vhs-auental"));
    await syncDocument(db, "partners", partner!.id);
    const found = await searchEverything("интеграционные языковые курсы", null, { types: ["partner"] });
    expect(found.status === "ok" && found.hits.map((hit) => hit.url)).toContain("/verzeichnis/partner/vhs-auental");
    const settings = await getAdminClient().index(indexUid(partnersIndex.name)).getSettings();
    expect(settings.localizedAttributes).toContainEqual({ attributePatterns: ["description_uk"], locales: ["ukr"] });

    expect((await editPartner({ "translations.ru.description": "" }, cookie)).status).toBe(303);
    expect(await stored()).toEqual([]);
  });
});
