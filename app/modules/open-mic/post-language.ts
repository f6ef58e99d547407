import { z } from "zod";

// The language a topic or reply is written in (decision 076): chosen in the form or detected from
// the text, stored as one of the UI languages' codes, and marked up wherever the text is shown.

/** The form's value for "detect the language from the text". */
export const DETECT_LANGUAGE = "auto";

/**
 * The form's language field: a language code, or nothing for "detect". Whether the code names one of
 * our languages is the server's check (the languages are the folders of app/locales/).
 */
export const postLanguageField = z
  .string()
  .trim()
  .max(16)
  .optional()
  .transform((value) => (value && value !== DETECT_LANGUAGE ? value : null));

/**
 * `lang` (and `dir="auto"`, so the browser finds the direction) for a post's text where its
 * language differs from the page's: screen readers then read it with the right voice.
 */
export function postLanguageProps(language: string | null | undefined, pageLanguage: string): { lang?: string; dir?: "auto" } {
  return language && language !== pageLanguage ? { lang: language, dir: "auto" } : {};
}
