import fs from "node:fs";
import path from "node:path";

/** The language of the directory's own texts: the German fields, analysed by search/german.ts. */
export const SOURCE_LANGUAGE = "de";

// A language is a folder of app/locales/ (decision 074). The index reads the folder names, not the
// app's code (search/ imports nothing from app/); a test holds them equal to getLanguages().
const LOCALES_DIR = path.join(process.cwd(), "app", "locales");
const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

let kept: string[] | undefined;

/** The languages a directory text may be translated into: every UI language but German, by code. */
export function translationLanguages(): string[] {
  kept ??= fs
    .readdirSync(LOCALES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && LANGUAGE_CODE.test(entry.name) && entry.name !== SOURCE_LANGUAGE)
    .map((entry) => entry.name)
    .sort();
  return kept;
}

// The ISO 639-1 codes Meilisearch 1.21 takes as a locale (it answers an unknown one with this list
// and maps each to its ISO 639-3 code: ar → ara, fa → pes, uk → ukr). A settings update with any
// other code fails as a whole, so a language outside the list gets no locale: the engine then
// detects the language of its texts itself.
const ENGINE_LOCALES = new Set(
  "af ak am ar az be bn bg ca cs da de el en eo et fi fr gu he hi hr hu hy id it jv ja kn ka km ko la lv lt ml mr mk my ne nl nb or pa fa pl pt ro ru si sk sl sn es sr sv ta te tl th tk tr uk ur uz vi yi zh zu".split(
    " ",
  ),
);

/** The locale Meilisearch analyses a language's texts with, or null when it knows none for it. */
export function engineLocale(lang: string): string | null {
  const code = lang.split("-")[0]!;
  return ENGINE_LOCALES.has(code) ? code : null;
}

/** The attribute of a field's translation in a search document: `description_ar`. */
export const translatedAttribute = (field: string, lang: string) => `${field}_${lang}`;

/**
 * Settings for translated attributes: each language's fields analysed with its own locale
 * (`localizedAttributes`). The German fields get no rule: the engine's German analysis stays off
 * (decision 024), search/german.ts does it.
 */
export function translatedLocales(fields: readonly string[]) {
  return translationLanguages().flatMap((lang) => {
    const locale = engineLocale(lang);
    return locale ? [{ attributePatterns: fields.map((field) => translatedAttribute(field, lang)), locales: [locale] }] : [];
  });
}

/** A field's translated attributes in every language, in language order: for `searchableAttributes`. */
export const translatedAttributes = (field: string) => translationLanguages().map((lang) => translatedAttribute(field, lang));
