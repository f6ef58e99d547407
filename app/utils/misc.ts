import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "#app/root.server";

/** The root loader's data from any route component. */
export function useRootData() {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  if (!data) throw new Error("root loader data missing");
  return data;
}

/** The signed-in user as the root loader saw it, or null. */
export function useOptionalUser() {
  return useRootData().user;
}

/** Formats a date for the language, in the network's time zone. */
export function formatDate(lang: string, value: Date | string, options: Intl.DateTimeFormatOptions = { dateStyle: "long" }) {
  return new Intl.DateTimeFormat(lang, { timeZone: "Europe/Berlin", ...options }).format(new Date(value));
}
