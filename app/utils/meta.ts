import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import type { TFunction } from "./i18n";
import { translatorFor } from "./message-catalog";

/**
 * A page title from parts the page builds with the translate function, joined with " · " and ending
 * in the site's name; "Kurze Wege" alone without the root's data or without parts (e.g. a 404 must
 * not name what it hides).
 */
export function titleWith(args: Pick<MetaArgs, "matches">, parts: (t: TFunction) => string[] | null): MetaDescriptor[] {
  const root = args.matches.find((match) => match.id === "root")?.data as { lang: string } | undefined;
  const t = root ? translatorFor(root.lang) : undefined;
  const built = t ? parts(t) : null;
  if (!t || !built) return [{ title: "Kurze Wege" }];
  return [{ title: [...built, t("site.name")].join(" · ") }];
}

/** The page title "<texts> · <page> · Kurze Wege" from a translation key; texts from loader data come first. */
export function pageTitle(args: Pick<MetaArgs, "matches">, key: string, ...texts: string[]): MetaDescriptor[] {
  return titleWith(args, (t) => [...texts, t(key)]);
}
