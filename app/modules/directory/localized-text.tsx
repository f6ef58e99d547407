import { Fragment } from "react";
import { DEFAULT_LANGUAGE } from "#app/utils/i18n";
import { useRootData } from "#app/utils/misc";

/** A directory text as a page shows it: in the page's language where a translation exists, else German, and which one it is. */
export type ShownText = { text: string; lang: string };

/** A text the directory keeps in German only (a note on costs, on access, on a closed day). */
export const inGerman = (text: string): ShownText => ({ text, lang: DEFAULT_LANGUAGE });

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

/** Several texts in a row ("Sprache, Bildung"), each marked with its own language where it is not the page's. */
export function LocalizedList({ texts }: { texts: ShownText[] }) {
  return (
    <>
      {texts.map((text, position) => (
        <Fragment key={`${position}-${text.text}`}>
          {position > 0 ? ", " : ""}
          <LocalizedText text={text} />
        </Fragment>
      ))}
    </>
  );
}
