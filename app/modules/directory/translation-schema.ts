import { z } from "zod";
import { optionalText } from "#app/utils/form-fields";

// Translations of a service's and a partner's texts, as parts of their forms: one group of fields
// per language (`translations.ar.description`). Every field may stay empty; a language whose fields
// are all empty has no translation (saving removes it). Which languages exist is the server's to
// check (translations.server.ts): the folders of app/locales/.

export const TRANSLATION_LIMITS = { name: 160, description: 4000, eligibility: 1000, howToAccess: 2000 } as const;

const LanguageKey = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/);

/** An optional text that, when given, has at least `min` characters. */
const optionalAtLeast = (min: number, max: number, message: string) => optionalText(max).refine((value) => value === null || value.length >= min, message);

export const ServiceTranslationSchema = z.object({
  name: optionalAtLeast(3, TRANSLATION_LIMITS.name, "directory.validation.nameShort"),
  description: optionalAtLeast(10, TRANSLATION_LIMITS.description, "directory.validation.descriptionShort"),
  eligibility: optionalText(TRANSLATION_LIMITS.eligibility),
  howToAccess: optionalText(TRANSLATION_LIMITS.howToAccess),
});
export type ServiceTranslation = z.infer<typeof ServiceTranslationSchema>;

export const PartnerTranslationSchema = z.object({
  description: optionalAtLeast(10, TRANSLATION_LIMITS.description, "directory.validation.descriptionShort"),
});
export type PartnerTranslation = z.infer<typeof PartnerTranslationSchema>;

// Conform leaves out a group whose fields are all empty: no key is no translation.
export const ServiceTranslationsSchema = z.record(LanguageKey, ServiceTranslationSchema.optional()).default({});
export const PartnerTranslationsSchema = z.record(LanguageKey, PartnerTranslationSchema.optional()).default({});
