import { z } from "zod";
import { accessModes, type AccessMode } from "#db/schema/directory-enums";
import { slugify } from "#app/utils/slug";
import { quoted, shown } from "./import-messages";
import { IdSchema, issueMessage, optional } from "./import-schema.server";

// What the directory keeps and HSDS 3.0 has no field for travels in one object of our own on the
// service, organization and location records (HSDS allows additional properties). The import reads
// it, the export writes it; see docs/decisions/001-demo-directory-as-hsds.md.

/** The name of our extension object on HSDS records. */
export const HSDS_EXTENSION = "kurze_wege";

export const MAX_KEYWORDS = 50;
// As many as the service form takes.
export const MAX_NEXT_STEPS = 30;

/** A slug is a value slugify leaves as it is: lower-case a–z, digits and single hyphens, at most 60 characters. */
export const isSlug = (value: string) => slugify(value) === value;

const SlugSchema = optional(
  z.string().superRefine((value, ctx) => {
    if (!isSlug(value)) ctx.addIssue({ code: "custom", message: issueMessage("notSlug", { value: shown(value), example: quoted(slugify(value)) }), input: value });
  }),
);

const unique = <T>(values: T[]) => [...new Set(values)];

/** A translation's text as HSDS fields carry it: trimmed, null when empty. */
const translatedText = (max: number) => optional(z.string().trim().max(max));

// Translations (docs/decisions/075-directory-translations.md): by language code, each with the HSDS
// names of the fields it translates. A record that has the key states every translation.
const ServiceTranslationsSchema = z.record(
  z.string(),
  z.object({
    name: translatedText(160),
    description: translatedText(4000),
    eligibility_description: translatedText(1000),
    application_process: translatedText(2000),
  }),
);
const OrganizationTranslationsSchema = z.record(z.string(), z.object({ description: translatedText(4000) }));

export const ServiceExtensionSchema = z
  .object({
    slug: SlugSchema,
    // Words people search with that the texts lack; they weigh in search relevance.
    keywords: z
      .array(z.string().trim().max(100))
      .max(MAX_KEYWORDS)
      .transform((words) => unique(words.filter(Boolean)))
      .nullish(),
    access_modes: z
      .array(z.enum(accessModes))
      .transform((modes) => unique(modes))
      .nullish(),
    // The support chain: ids (as in this file) of the services that usually follow this one.
    next_steps: z
      .array(IdSchema)
      .max(MAX_NEXT_STEPS)
      .transform((ids) => unique(ids))
      .nullish(),
    // The steps to the service as we keep them; `application_process` carries the access modes when
    // there are none, so our own export says here which it is.
    how_to_access: translatedText(2000),
    translations: ServiceTranslationsSchema.nullish(),
  })
  .nullish();

export const OrganizationExtensionSchema = z.object({ slug: SlugSchema, translations: OrganizationTranslationsSchema.nullish() }).nullish();

// HSDS describes access in words only; the flag is what the directory filters by.
export const LocationExtensionSchema = z.object({ wheelchair_accessible: z.boolean().nullish() }).nullish();

/** A service's translations as the export writes them: by language, HSDS field names, untranslated fields left out. */
export type ServiceTranslationsExtension = Record<string, { name?: string; description?: string; eligibility_description?: string; application_process?: string }>;

/** The extension objects as the export writes them. */
export type ServiceExtension = {
  slug: string;
  keywords: string[];
  access_modes: AccessMode[];
  next_steps?: string[];
  how_to_access: string | null;
  translations: ServiceTranslationsExtension;
};
export type OrganizationExtension = { slug: string; translations: Record<string, { description: string }> };
export type LocationExtension = { wheelchair_accessible: boolean };
