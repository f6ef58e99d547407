import type { eld } from "eld/medium";
import { DEFAULT_LANGUAGE } from "#app/utils/i18n";
import { getLanguages, isSupportedLanguage } from "#app/utils/i18n.server";

// Detection with eld (decision 076): n-grams of 60 languages, narrowed to ours, ISO 639-1 codes.

type Detector = typeof eld;

/** Fewer letters than this say too little: a "Danke!" is taken to be in the page's language. */
export const MIN_LETTERS = 12;
/** When the page's language scores this close to the best one, the page's language wins. */
const CLOSE_SCORE = 0.03;

let detector: Promise<Detector> | undefined;

/** Our language codes by their base language, as Intl canonicalises them ("ukr" and "uk" both give "uk"). */
function ourCodes(): Map<string, string> {
  return new Map(getLanguages().map(({ code }) => [baseLanguage(code), code]));
}

function baseLanguage(code: string): string {
  try {
    return new Intl.Locale(Intl.getCanonicalLocales(code)[0]!).language;
  } catch {
    return code;
  }
}

/** The detector, loaded on first use (its n-grams take a moment and some memory), narrowed to our languages. */
function loadDetector(): Promise<Detector> {
  detector ??= import("eld/medium").then((module) => {
    const instance = module.eld.newInstance();
    instance.setLanguageSubset([...ourCodes().keys()]);
    // Addresses, links and numbers say nothing about the language.
    instance.enableTextCleanup(true);
    return instance;
  });
  return detector;
}

/**
 * The language of a text among ours, or null when the detector is unsure: too few letters, an
 * unreliable result or one that is not ours. A page language that scores nearly as well wins.
 */
export async function detectLanguage(text: string, pageLanguage: string): Promise<string | null> {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return null;
  const result = (await loadDetector()).detect(text);
  if (!result.language || !result.isReliable()) return null;
  const found = ourCodes().get(baseLanguage(result.language));
  if (!found) return null;
  const scores = result.getScores();
  const pageScore = scores[baseLanguage(pageLanguage)];
  const best = scores[result.language] ?? 0;
  if (found !== pageLanguage && pageScore !== undefined && best - pageScore < CLOSE_SCORE && isSupportedLanguage(pageLanguage)) return pageLanguage;
  return found;
}

/**
 * The language a post is stored with: the author's choice when it is one of ours, else the
 * detected one, else the language of the page they wrote from (German when that is none of ours).
 */
export async function postLanguage(chosen: string | null | undefined, text: string, pageLanguage: string): Promise<string> {
  if (chosen && isSupportedLanguage(chosen)) return chosen;
  const page = isSupportedLanguage(pageLanguage) ? pageLanguage : DEFAULT_LANGUAGE;
  return (await detectLanguage(text, page)) ?? page;
}

/** Whether a language chosen in a form may be stored: nothing (detect), or one of ours. */
export const isValidChoice = (chosen: string | null) => chosen === null || isSupportedLanguage(chosen);
