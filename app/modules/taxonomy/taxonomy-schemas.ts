import { z } from "zod";
import { taxonomyKinds } from "#db/schema/directory-enums";

export const TERM_LABEL_MAX = 80;

/**
 * A label for every UI language the app has: German is required, the others optional but always
 * asked for, so that a new language shows its empty field instead of silently falling back.
 */
export function termLabelsSchema(languages: readonly string[]) {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const code of languages) {
    const text = z.string().trim().max(TERM_LABEL_MAX, { error: "taxonomy.validation.labelTooLong" });
    shape[code] = code === "de" ? z.string({ error: "taxonomy.validation.labelRequired" }).trim().min(1, { error: "taxonomy.validation.labelRequired" }).pipe(text) : text.optional();
  }
  return z.object(shape, { error: "taxonomy.validation.labelRequired" });
}

/** Adding a term: its kind and its labels. */
export function addTermSchema(languages: readonly string[]) {
  return z.object({ kind: z.enum(taxonomyKinds, { error: "taxonomy.validation.kind" }), labels: termLabelsSchema(languages) });
}

/** Renaming a term: its labels (the slug stays, so links and filters keep working). */
export function renameTermSchema(languages: readonly string[]) {
  return z.object({ labels: termLabelsSchema(languages) });
}

/** Merging a term into another one of the same kind. */
export const MergeTermsSchema = z.object({
  sourceId: z.uuid({ error: "taxonomy.validation.chooseTerm" }),
  targetId: z.uuid({ error: "taxonomy.validation.chooseTerm" }),
});

/** A row's small actions: move up or down, retire, bring back. */
export const TermRowSchema = z.object({ termId: z.uuid() });

/** Only the labels that are filled in, keyed by language. */
export function filledLabels(labels: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].length > 0));
}
