import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { parseDirectoryQuery } from "#app/modules/directory/directory-filters";
import { searchDirectory } from "#app/modules/directory/directory-search.server";
import { csvResponse, toCsv } from "#app/utils/csv.server";
import { resourceRoute } from "#app/utils/database-busy.server";
import { getFixedT, getLanguage } from "#app/utils/i18n.server";
import { requireReadAllowance } from "#app/utils/read-limits.server";

const EXPORT_LIMIT = 1000;

/** The directory search of the same URL parameters as a spreadsheet, up to 1 000 services. */
export const loader = resourceRoute(async ({ request, context }: LoaderFunctionArgs) => {
  const query = parseDirectoryQuery(new URL(request.url).searchParams);
  const [user, lang] = await Promise.all([getOptionalUser(request), getLanguage(request)]);
  await requireReadAllowance(request, context, "csv", user);
  const result = await searchDirectory({ ...query, seite: 1 }, user, lang, { pageSize: EXPORT_LIMIT });
  if (result.status !== "ok") return new Response("Search is temporarily unavailable.", { status: 503 });
  const origin = new URL(request.url).origin;
  const text = (parts: { text: string }[]) => parts.map((part) => part.text).join("");
  const t = getFixedT(lang);
  const rows = [
    [t("directory.csv.service"), t("directory.csv.partner"), t("directory.csv.town"), t("directory.csv.cost"), t("directory.csv.description"), t("directory.csv.link")],
    ...result.hits.map((hit) => [text(hit.name), hit.partnerName, hit.town, t(`dataCare.cost.${hit.cost}`), text(hit.description), `${origin}/verzeichnis/angebote/${hit.slug}`]),
  ];
  return csvResponse(toCsv(rows), "verzeichnis.csv");
});
