import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import type { MessageCatalog } from "./message-catalog";
import { createTranslator, DEFAULT_LANGUAGE, type LanguageOption, type Messages, type TFunction } from "./i18n";

// Read from disk at start: a language is a folder app/locales/<code>/ of JSON files split by
// feature, nothing else. Their top-level keys join (a key defined twice is an error, not a silent
// override); one of them holds `_meta` (the language's own name and writing direction).
const LOCALES_DIR = path.join(process.cwd(), "app", "locales");
const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

let catalog: Map<string, Messages> | undefined;

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
}

/** One language's strings: every file of its folder. */
export function loadLanguageFile(lang: string): Messages {
  const folder = path.join(LOCALES_DIR, lang);
  const messages: Record<string, unknown> = {};
  for (const file of fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .sort()) {
    for (const [key, value] of Object.entries(readJson(path.join(folder, file)))) {
      if (key in messages) throw new Error(`app/locales/${lang}/${file}: "${key}" is already defined`);
      messages[key] = value;
    }
  }
  const meta = messages._meta as Messages["_meta"] | undefined;
  if (!meta?.name || (meta.dir !== "ltr" && meta.dir !== "rtl")) throw new Error(`app/locales/${lang}/: no _meta with the language's name and dir`);
  return messages as Messages;
}

/** The language folders, German first, then by code. */
export function languageCodes(): string[] {
  return fs
    .readdirSync(LOCALES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && LANGUAGE_CODE.test(entry.name))
    .map((entry) => entry.name)
    .sort((a, b) => Number(b === DEFAULT_LANGUAGE) - Number(a === DEFAULT_LANGUAGE) || a.localeCompare(b));
}

function loadCatalog(): Map<string, Messages> {
  catalog ??= new Map(languageCodes().map((lang) => [lang, loadLanguageFile(lang)]));
  return catalog;
}

export function getLanguages(): LanguageOption[] {
  return [...loadCatalog()].map(([code, messages]) => ({ code, name: messages._meta.name }));
}

export function isSupportedLanguage(lang: unknown): lang is string {
  return typeof lang === "string" && loadCatalog().has(lang);
}

const versions = new Map<string, string>();

/** A short hash of the language's strings: changes whenever they do, so browsers may keep a version for good. */
export function messagesVersion(lang: string): string {
  let version = versions.get(lang);
  if (!version) {
    version = createHash("sha256")
      .update(JSON.stringify(getMessages(lang)))
      .digest("hex")
      .slice(0, 12);
    versions.set(lang, version);
  }
  return version;
}

/** The server's side of the message catalog: strings from disk, and the script address for the page. */
export const serverMessageCatalog: MessageCatalog = {
  messages: (lang) => (isSupportedLanguage(lang) ? getMessages(lang) : undefined),
  scriptUrl: (lang) => (isSupportedLanguage(lang) ? `/i18n/${lang}/${messagesVersion(lang)}` : undefined),
};

export function getMessages(lang: string): Messages {
  return loadCatalog().get(lang) ?? loadCatalog().get(DEFAULT_LANGUAGE)!;
}

export const languageCookie = createCookie("kw_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/** The language of this request: the visitor's choice from the cookie, else German. */
export async function getLanguage(request: Request): Promise<string> {
  const chosen: unknown = await languageCookie.parse(request.headers.get("Cookie"));
  return isSupportedLanguage(chosen) ? chosen : DEFAULT_LANGUAGE;
}

const fixedTs = new Map<string, TFunction>();

/** A translate function for server-side text (mails, titles) in the given language; made once per language. */
export function getFixedT(lang: string): TFunction {
  let t = fixedTs.get(lang);
  if (!t) {
    t = createTranslator(lang, getMessages(lang)).t;
    fixedTs.set(lang, t);
  }
  return t;
}

/** Language, direction and translate function for a request. */
export async function getI18n(request: Request) {
  const lang = await getLanguage(request);
  const messages = getMessages(lang);
  return { lang, dir: messages._meta.dir, messages, t: getFixedT(lang) };
}
