import { z } from "zod";

export const SYNONYM_WORDS_MIN = 2;
export const SYNONYM_WORDS_MAX = 10;
export const TERM_KEYWORDS_MAX = 20;
export const WORD_MAX = 60;
/** A zero-result query as it is recorded: lower case, trimmed, at most this long. */
export const ZERO_QUERY_MAX = 100;

/**
 * The words of a list as typed: one per line or separated by commas; lower case, trimmed, inner
 * spaces folded, each once.
 */
export function splitWords(text: string): string[] {
  const words = text
    .split(/[\n,;]/)
    .map((word) => word.trim().replace(/\s+/g, " ").toLowerCase())
    .filter(Boolean);
  return [...new Set(words)];
}

function wordList(min: number, max: number) {
  return z
    .string()
    .max(5000, `searchVocabulary.validation.tooMany|${max}`)
    .optional()
    .default("")
    .superRefine((text, ctx) => {
      const words = splitWords(text);
      const tooLong = words.find((word) => word.length > WORD_MAX);
      if (tooLong) ctx.addIssue({ code: "custom", message: `searchVocabulary.validation.wordTooLong|${WORD_MAX}` });
      if (words.length < min) ctx.addIssue({ code: "custom", message: `searchVocabulary.validation.tooFew|${min}` });
      if (words.length > max) ctx.addIssue({ code: "custom", message: `searchVocabulary.validation.tooMany|${max}` });
    })
    .transform(splitWords);
}

/** A synonym group: 2–10 words or phrases, each up to 60 characters. */
export const SynonymGroupSchema = z.object({ words: wordList(SYNONYM_WORDS_MIN, SYNONYM_WORDS_MAX) });
export const SynonymRowSchema = z.object({ id: z.uuid() });

/** Extra search words of a category or target group: up to 20 (none clears them). */
export const TermKeywordsSchema = z.object({ termId: z.uuid(), keywords: wordList(0, TERM_KEYWORDS_MAX) });

/** A query as the zero-result report keeps it. */
export function normaliseQuery(query: string): string {
  return query.trim().replace(/\s+/g, " ").toLowerCase().slice(0, ZERO_QUERY_MAX).trim();
}
