import { createContext, useContext, type ReactNode } from "react";
import type { Translator } from "./i18n";

const TranslatorContext = createContext<Translator | null>(null);

/** Gives the page's components the translator of its language (root.tsx). */
export function TranslationProvider({ translator, children }: { translator: Translator; children: ReactNode }) {
  return <TranslatorContext.Provider value={translator}>{children}</TranslatorContext.Provider>;
}

/** The translator of the page's language: `const { t } = useTranslation()`. */
export function useTranslation(): Translator {
  const translator = useContext(TranslatorContext);
  if (!translator) throw new Error("useTranslation needs a TranslationProvider (root.tsx gives one to every page).");
  return translator;
}
