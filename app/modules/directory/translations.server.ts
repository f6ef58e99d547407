import { and, eq, notInArray, sql } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { partnerTranslations, serviceTranslations } from "#db/schema";
import { DEFAULT_LANGUAGE } from "#app/utils/i18n";
import { getLanguages, getMessages } from "#app/utils/i18n.server";
import type { ShownText } from "./localized-text";
import type { PartnerTranslation, ServiceTranslation } from "./translation-schema";

/** A language a directory text may be written in besides German: its code, own name and writing direction. */
export type ContentLanguage = { code: string; name: string; dir: "ltr" | "rtl" };

/** Every UI language but German (the texts' own language, required and the fallback): the folders of app/locales/. */
export function contentLanguages(): ContentLanguage[] {
  return getLanguages()
    .filter((language) => language.code !== DEFAULT_LANGUAGE)
    .map((language) => ({ ...language, dir: getMessages(language.code)._meta.dir }));
}

/** Of the languages of a form's translations, those the directory does not have (a forged or outdated form). */
export function unknownLanguages(translations: Record<string, unknown>): string[] {
  const known = new Set(contentLanguages().map((language) => language.code));
  return Object.keys(translations).filter((lang) => !known.has(lang));
}

/** The translation when there is one, else the German text. */
export function shownText(german: string, translated: string | null | undefined, lang: string): ShownText {
  return translated ? { text: translated, lang } : { text: german, lang: DEFAULT_LANGUAGE };
}

/** The same for a text that may be missing in German too (eligibility, how to access). */
export function shownOptionalText(german: string | null, translated: string | null | undefined, lang: string): ShownText | null {
  if (translated) return { text: translated, lang };
  return german ? { text: german, lang: DEFAULT_LANGUAGE } : null;
}

const hasText = (translation: Record<string, string | null> | undefined): translation is Record<string, string | null> => Boolean(translation && Object.values(translation).some(Boolean));

/** Texts as a form's fields take them: an empty field for a missing text. */
const asFields = <T extends Record<string, string | null>>(texts: T) => Object.fromEntries(Object.entries(texts).map(([field, text]) => [field, text ?? ""])) as { [field in keyof T]: string };

/** The translations of a service as its form shows them, by language. */
export async function getServiceTranslations(serviceId: string) {
  const rows = await db
    .select({
      lang: serviceTranslations.lang,
      name: serviceTranslations.name,
      description: serviceTranslations.description,
      eligibility: serviceTranslations.eligibility,
      howToAccess: serviceTranslations.howToAccess,
    })
    .from(serviceTranslations)
    .where(eq(serviceTranslations.serviceId, serviceId));
  return Object.fromEntries(rows.map(({ lang, ...texts }) => [lang, asFields(texts)]));
}

/** The translations of a partner's description as its form shows them, by language. */
export async function getPartnerTranslations(partnerId: string) {
  const rows = await db.select({ lang: partnerTranslations.lang, description: partnerTranslations.description }).from(partnerTranslations).where(eq(partnerTranslations.partnerId, partnerId));
  return Object.fromEntries(rows.map(({ lang, description }) => [lang, { description }]));
}

/**
 * Makes a service's translations what the form says, inside the caller's transaction: a language
 * with text is written, one without (or left out) is removed. The caller queues the search sync.
 */
export async function replaceServiceTranslations(executor: Executor, serviceId: string, translations: Record<string, ServiceTranslation | undefined>): Promise<void> {
  const kept = Object.entries(translations).filter((entry): entry is [string, ServiceTranslation] => hasText(entry[1]));
  const langs = kept.map(([lang]) => lang);
  await executor.delete(serviceTranslations).where(and(eq(serviceTranslations.serviceId, serviceId), langs.length ? notInArray(serviceTranslations.lang, langs) : undefined));
  if (kept.length === 0) return;
  await executor
    .insert(serviceTranslations)
    .values(kept.map(([lang, texts]) => ({ serviceId, lang, ...texts })))
    .onConflictDoUpdate({
      target: [serviceTranslations.serviceId, serviceTranslations.lang],
      set: {
        name: sql`excluded.name`,
        description: sql`excluded.description`,
        eligibility: sql`excluded.eligibility`,
        howToAccess: sql`excluded.how_to_access`,
        updatedAt: new Date(),
      },
    });
}

/** The same for a partner's description. */
export async function replacePartnerTranslations(executor: Executor, partnerId: string, translations: Record<string, PartnerTranslation | undefined>): Promise<void> {
  const kept = Object.entries(translations).flatMap(([lang, texts]) => (texts?.description ? [{ lang, description: texts.description }] : []));
  const langs = kept.map((translation) => translation.lang);
  await executor.delete(partnerTranslations).where(and(eq(partnerTranslations.partnerId, partnerId), langs.length ? notInArray(partnerTranslations.lang, langs) : undefined));
  if (kept.length === 0) return;
  await executor
    .insert(partnerTranslations)
    .values(kept.map((translation) => ({ partnerId, ...translation })))
    .onConflictDoUpdate({ target: [partnerTranslations.partnerId, partnerTranslations.lang], set: { description: sql`excluded.description`, updatedAt: new Date() } });
}
