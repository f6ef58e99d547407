import { action as languageAction } from "#app/routes/sprache";
import { loader as stringsLoader } from "#app/routes/i18n.$lang.$version";
import { getI18n, getLanguages, getMessages, languageCodes, loadLanguageFile, serverMessageCatalog } from "./i18n.server";
import { formRequest, run } from "#test/factories";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function valueAt(source: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], source);
}

describe("languages", () => {
  // Languages differ in their plural forms (_one, _few, _many …): compare the keys without them.
  const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
  const withoutPlurals = (keys: string[]) => [...new Set(keys.map((key) => key.replace(PLURAL_SUFFIX, "")))].sort();
  const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{(.+?)\}\}/g)].map((match) => match[1]!.trim());

  test("every language folder has every key of the German one, and no other", () => {
    const reference = withoutPlurals(keysOf(loadLanguageFile("de")));
    expect(languageCodes().length).toBeGreaterThan(1);
    for (const lang of languageCodes()) {
      expect(withoutPlurals(keysOf(loadLanguageFile(lang))), lang).toEqual(reference);
    }
  });

  test("every plural has each form of its language's CLDR rules, and no text uses a placeholder German does not have", () => {
    const german = loadLanguageFile("de");
    const germanKeys = keysOf(german);
    const pluralKeys = new Set(germanKeys.filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, "")));
    const germanValues = new Map<string, string[]>();
    for (const key of germanKeys) {
      const base = key.replace(PLURAL_SUFFIX, "");
      germanValues.set(base, [...(germanValues.get(base) ?? []), ...placeholders(valueAt(german, key))]);
    }
    for (const lang of languageCodes()) {
      const messages = loadLanguageFile(lang);
      const keys = new Set(keysOf(messages));
      for (const base of pluralKeys) {
        for (const form of new Intl.PluralRules(lang).resolvedOptions().pluralCategories) {
          expect(keys.has(`${base}_${form}`), `${lang}: ${base}_${form}`).toBe(true);
        }
      }
      for (const key of keys) {
        const allowed = germanValues.get(key.replace(PLURAL_SUFFIX, "")) ?? [];
        for (const name of placeholders(valueAt(messages, key))) expect(allowed, `${lang}: {{${name}}} in ${key}`).toContain(name);
      }
    }
  });

  test("every language names itself and its writing direction", () => {
    const names = Object.fromEntries(languageCodes().map((lang) => [lang, loadLanguageFile(lang)._meta]));
    for (const [lang, meta] of Object.entries(names)) {
      expect(meta.dir, lang).toBe(["ar", "fa", "he", "ur"].includes(lang) ? "rtl" : "ltr");
      expect(meta.name.length, lang).toBeGreaterThan(1);
    }
  });

  test("German is the default, and the languages are found from their files", async () => {
    expect(getLanguages()[0]!.code).toBe("de");
    expect(getLanguages().map((language) => language.code)).toEqual(expect.arrayContaining(["de", "en"]));
    const { lang, dir: direction, t } = await getI18n(new Request("http://localhost:3000/", { headers: { "Accept-Language": "en-US" } }));
    expect(lang).toBe("de");
    expect(direction).toBe("ltr");
    expect(t("nav.directory")).toBe("Verzeichnis");
  });

  test("the language switch remembers the choice in a cookie and returns to the page", async () => {
    const response = await run(languageAction, formRequest("/sprache", { lang: "en", redirectTo: "/suche?q=Kita" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/suche?q=Kita");
    const cookie = response.headers.get("Set-Cookie")!;
    const { lang, t } = await getI18n(new Request("http://localhost:3000/", { headers: { Cookie: cookie.split(";")[0]! } }));
    expect(lang).toBe("en");
    expect(t("nav.directory")).toBe("Directory");
  });

  test("an unknown language or a foreign return address changes nothing", async () => {
    const unknown = await run(languageAction, formRequest("/sprache", { lang: "xx", redirectTo: "/" }));
    expect(unknown.headers.get("Set-Cookie")).toBeNull();
    const foreign = await run(languageAction, formRequest("/sprache", { lang: "en", redirectTo: "//evil.example/" }));
    expect(foreign.headers.get("Location")).toBe("/");
  });

  test("the page loads its strings from a versioned script, cached for good only under the current version", async () => {
    const url = serverMessageCatalog.scriptUrl("en")!;
    const [, , lang, version] = url.split("/");
    const current = await run((args) => stringsLoader({ ...args, params: { lang, version } }), new Request(`http://localhost:3000${url}`));
    expect(current.headers.get("Cache-Control")).toContain("immutable");
    expect(current.headers.get("Content-Type")).toContain("javascript");
    const window: { __kwMessages?: Record<string, unknown> } = {};
    new Function("window", await current.text())(window);
    expect(window.__kwMessages?.en).toEqual(getMessages("en"));
    const old = await run((args) => stringsLoader({ ...args, params: { lang: "en", version: "0ld" } }), new Request("http://localhost:3000/i18n/en/0ld"));
    expect(old.headers.get("Cache-Control")).not.toContain("immutable");
    const unknown = await run((args) => stringsLoader({ ...args, params: { lang: "xx", version: "1" } }), new Request("http://localhost:3000/i18n/xx/1"));
    expect(unknown.status).toBe(404);
  });
});
