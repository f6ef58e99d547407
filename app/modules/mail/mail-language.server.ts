import { DEFAULT_LANGUAGE } from "#app/utils/i18n";
import { isSupportedLanguage } from "#app/utils/i18n.server";

/**
 * The language a mail goes out in (decision 076): the first of the candidates that is one of ours,
 * in the order the caller gives them, which is always the recipient's own language first (a
 * member's chosen UI language, a guest's the page they wrote from), then the language of the page
 * that sends the mail; German when none is.
 */
export function mailLanguage(...candidates: (string | null | undefined)[]): string {
  return candidates.find((candidate): candidate is string => isSupportedLanguage(candidate)) ?? DEFAULT_LANGUAGE;
}
