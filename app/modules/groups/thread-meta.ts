import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import { titleWith } from "~/utils/meta";

/**
 * "<page> · <names…> · Kurze Wege" for the thread pages. Names come from loader data, which a
 * private group gives its members only; without data (404, 403) the title names nothing.
 */
export function threadPageTitle(args: Pick<MetaArgs, "matches">, key: string | null, names: string[] | null): MetaDescriptor[] {
  return titleWith(args, (t) => (names ? [...(key ? [t(key)] : []), ...names] : null));
}
