// The language a topic or reply is written in (decision 076): chosen in the form or detected from
// the text, stored as one of the UI languages' codes, and marked up wherever the text is shown.

// NOTE: components import this file: no zod here (the form's field is in topic-schemas.ts).

/** The form's value for "detect the language from the text". */
export const DETECT_LANGUAGE = "auto";

/**
 * `lang` (and `dir="auto"`, so the browser finds the direction) for a post's text where its
 * language differs from the page's: screen readers then read it with the right voice.
 */
export function postLanguageProps(language: string | null | undefined, pageLanguage: string): { lang?: string; dir?: "auto" } {
  return language && language !== pageLanguage ? { lang: language, dir: "auto" } : {};
}
