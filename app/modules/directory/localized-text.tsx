import { useRootData } from "#app/utils/misc";

/** A directory text as a page shows it: in the page's language where a translation exists, else German, and which one it is. */
export type ShownText = { text: string; lang: string };

type Tag = "p" | "span" | "dd" | "h1" | "h3";

/**
 * A directory text, marked with its language when that is not the page's: German on an Arabic page
 * is read by a German voice and runs left to right (a text is in the page's language or German).
 */
export function LocalizedText({ as: Element = "span", text, className }: { as?: Tag; text: ShownText; className?: string }) {
  const { lang, dir } = useRootData();
  const foreign = text.lang !== lang;
  return (
    <Element className={className} lang={foreign ? text.lang : undefined} dir={foreign && dir === "rtl" ? "ltr" : undefined}>
      {text.text}
    </Element>
  );
}
