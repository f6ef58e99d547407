import fs from "node:fs";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { createI18n, DEFAULT_LANGUAGE, type LanguageOption, type Messages, type TFunction } from "./i18n";

// Read from disk at start: a new language is a new JSON file in app/locales/, nothing else.
const LOCALES_DIR = path.join(process.cwd(), "app", "locales");

let catalog: Map<string, Messages> | undefined;

function loadCatalog(): Map<string, Messages> {
  catalog ??= new Map(
    fs
      .readdirSync(LOCALES_DIR)
      .filter((file) => /^[a-z]{2,3}(-[A-Z]{2})?\.json$/.test(file))
      .sort()
      .map((file) => [file.replace(/\.json$/, ""), JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, file), "utf8")) as Messages]),
  );
  return catalog;
}

export function getLanguages(): LanguageOption[] {
  return [...loadCatalog()].map(([code, messages]) => ({ code, name: messages._meta.name }));
}

export function isSupportedLanguage(lang: unknown): lang is string {
  return typeof lang === "string" && loadCatalog().has(lang);
}

export function getMessages(lang: string): Messages {
  return loadCatalog().get(lang) ?? loadCatalog().get(DEFAULT_LANGUAGE)!;
}

export const languageCookie = createCookie("kw_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/** The language of this request: the visitor's choice from the cookie, else German. */
export async function getLanguage(request: Request): Promise<string> {
  const chosen: unknown = await languageCookie.parse(request.headers.get("Cookie"));
  return isSupportedLanguage(chosen) ? chosen : DEFAULT_LANGUAGE;
}

/** A translate function for server-side text (mails, titles) in the given language. */
export function getFixedT(lang: string): TFunction {
  return createI18n(lang, getMessages(lang)).t;
}

/** Language, direction and translate function for a request. */
export async function getI18n(request: Request) {
  const lang = await getLanguage(request);
  const messages = getMessages(lang);
  return { lang, dir: messages._meta.dir, messages, t: getFixedT(lang) };
}
