import type { ElementType, ReactNode } from "react";
import { DEFAULT_LANGUAGE } from "./i18n";
import { useTranslation } from "./use-translation";

// Scripts written right to left, by ISO 639-1/-3 code: the languages a post may be written in are
// more than the UI's, so this does not come from app/locales/.
const RIGHT_TO_LEFT = new Set(["ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "sd", "ug"]);

/** The writing direction of a language. */
export const directionOf = (lang: string): "ltr" | "rtl" => (RIGHT_TO_LEFT.has(lang.split("-")[0]!) ? "rtl" : "ltr");

/**
 * `lang` and `dir` for content written in `contentLang` on a page in `pageLang`: nothing when they are
 * the same, so a screen reader switches its voice only where the language changes (WCAG 3.1.2).
 * Content whose language nobody recorded (group threads, meetings, names of entries) is the
 * network's own language, German.
 */
export function contentLangProps(pageLang: string, contentLang: string | null | undefined = DEFAULT_LANGUAGE): { lang?: string; dir?: "ltr" | "rtl" } {
  const lang = contentLang || DEFAULT_LANGUAGE;
  if (lang === pageLang) return {};
  return directionOf(lang) === directionOf(pageLang) ? { lang } : { lang, dir: directionOf(lang) };
}

/** The same for a component: `const langOf = useContentLang(); <h2 {...langOf(thread.language)}>`. */
export function useContentLang(): (contentLang?: string | null) => { lang?: string; dir?: "ltr" | "rtl" } {
  const { language } = useTranslation();
  return (contentLang) => contentLangProps(language, contentLang);
}

/** Content in its language inside page text: `<InLang>{group.name}</InLang>` (a span unless `as` says otherwise). */
export function InLang({ lang, as: Tag = "span", children, className }: { lang?: string | null; as?: ElementType; children: ReactNode; className?: string }) {
  const langOf = useContentLang();
  return (
    <Tag className={className} {...langOf(lang)}>
      {children}
    </Tag>
  );
}
