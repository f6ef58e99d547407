import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import { translatorFor } from "./message-catalog";

/**
 * The page title "<texts> · <page> · Kurze Wege" from a translation key, for a route's meta export;
 * texts from loader data (a thread's title, say) come first.
 */
export function pageTitle(args: Pick<MetaArgs, "matches">, key: string, ...texts: string[]): MetaDescriptor[] {
  const root = args.matches.find((match) => match.id === "root")?.data as { lang: string } | undefined;
  const t = root ? translatorFor(root.lang) : undefined;
  if (!t) return [{ title: "Kurze Wege" }];
  return [{ title: [...texts, t(key), t("site.name")].join(" · ") }];
}
