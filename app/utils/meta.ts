import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import { createI18n, type Messages } from "./i18n";

type RootMeta = { lang: string; messages: Messages };

/** The page title "<page> · Kurze Wege" from a translation key, for a route's meta export. */
export function pageTitle(args: Pick<MetaArgs, "matches">, key: string): MetaDescriptor[] {
  const root = args.matches.find((match) => match.id === "root")?.data as RootMeta | undefined;
  if (!root) return [{ title: "Kurze Wege" }];
  const { t } = createI18n(root.lang, root.messages);
  return [{ title: `${t(key)} · ${t("site.name")}` }];
}
