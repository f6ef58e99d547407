import fs from "node:fs";
import path from "node:path";
import { action as languageAction } from "#app/routes/sprache";
import { loader as stringsLoader } from "#app/routes/i18n.$lang.$version";
import { getI18n, getLanguages, getMessages, loadLanguageFile, serverMessageCatalog } from "./i18n.server";
import { formRequest, run } from "#test/factories";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

const dir = path.join(process.cwd(), "app", "locales");

describe("languages", () => {
  // Languages differ in their plural forms (_one, _few, _many …): compare the keys without them.
  const withoutPlurals = (keys: string[]) => [...new Set(keys.map((key) => key.replace(/_(zero|one|two|few|many|other)$/, "")))].sort();

  test("every language file has the keys of the German one", () => {
    const reference = withoutPlurals(keysOf(loadLanguageFile("de")));
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith(".json"))) {
      expect(withoutPlurals(keysOf(loadLanguageFile(file.replace(/\.json$/, "")))), file).toEqual(reference);
    }
  });

  test("German is the default, and the languages are found from their files", async () => {
    expect(getLanguages().map((language) => language.code)).toEqual(["de", "en"]);
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
