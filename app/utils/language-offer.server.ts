import { preferredLanguage } from "./accept-language";
import { DEFAULT_LANGUAGE } from "./i18n";
import { getFixedT, getLanguages, getMessages, languageCookie } from "./i18n.server";

/** A language as the switch shows it: its code, its own name and its writing direction. */
export type LanguageChoice = { code: string; name: string; dir: "ltr" | "rtl" };

/** Every language of app/locales/, German first, each named in itself with its direction. */
export function languageChoices(): LanguageChoice[] {
  return getLanguages().map(({ code, name }) => ({ code, name, dir: getMessages(code)._meta.dir }));
}

/** The notice a first visit gets, written in the language it offers. */
export type LanguageOffer = LanguageChoice & { text: string; accept: string; decline: string };

/**
 * What a first visit is offered: when the visitor has not chosen a language (no cookie) and the
 * browser prefers one of ours other than German, that language, its texts in itself. German stays
 * the page's language until the visitor accepts; nothing switches by itself. `varies` says that the
 * page depends on Accept-Language (everyone without the cookie), for the page's `Vary` header.
 */
export async function getLanguageOffer(request: Request): Promise<{ offer: LanguageOffer | null; varies: boolean }> {
  const chosen: unknown = await languageCookie.parse(request.headers.get("Cookie"));
  if (typeof chosen === "string") return { offer: null, varies: false };
  const choices = languageChoices();
  const wanted = preferredLanguage(
    request.headers.get("Accept-Language"),
    choices.map((choice) => choice.code),
  );
  const choice = choices.find((each) => each.code === wanted);
  if (!choice || choice.code === DEFAULT_LANGUAGE) return { offer: null, varies: true };
  const t = getFixedT(choice.code);
  return { offer: { ...choice, text: t("layout.offer.text"), accept: t("layout.offer.accept"), decline: t("layout.offer.decline") }, varies: true };
}
