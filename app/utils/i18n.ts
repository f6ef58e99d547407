import i18next, { type i18n, type TFunction } from "i18next";

export const DEFAULT_LANGUAGE = "de";

/** One language file of app/locales/: its strings plus its name and writing direction. */
export type Messages = { _meta: { name: string; dir: "ltr" | "rtl" } } & Record<string, unknown>;
export type LanguageOption = { code: string; name: string };

/** An i18next instance for one language, ready at once (the strings are already loaded). */
export function createI18n(lang: string, messages: Messages): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: false,
    resources: { [lang]: { translation: messages } },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

export type { TFunction };
