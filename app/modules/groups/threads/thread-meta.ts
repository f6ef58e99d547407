import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import { titleWith } from "#app/utils/meta";
import { errorTitleKey } from "../group-meta";

/**
 * "<page> · <names…> · Kurze Wege" for the thread pages. Names come from loader data, which a
 * private group gives its members only; without data (404, 403) the title is the error page's, the
 * same as for any missing page.
 */
export function threadPageTitle(args: Pick<MetaArgs, "matches" | "error">, key: string | null, names: string[] | null): MetaDescriptor[] {
  return titleWith(args, (t) => (names ? [...(key ? [t(key)] : []), ...names] : [t(errorTitleKey(args.error))]));
}
