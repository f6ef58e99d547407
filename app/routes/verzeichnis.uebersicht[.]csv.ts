import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/modules/auth/session.server";
import { getLandscape, getLikelyDuplicates, landscapeRows } from "#app/modules/directory/landscape.server";
import { requireCoordinator } from "#app/modules/directory/permissions.server";
import { csvResponse, toCsv } from "#app/utils/csv.server";
import { resourceRoute } from "#app/utils/database-busy.server";
import { getFixedT, getLanguage } from "#app/utils/i18n.server";

export const loader = resourceRoute(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  requireCoordinator(user);
  const lang = await getLanguage(request);
  const t = getFixedT(lang);
  const [landscape, duplicates] = await Promise.all([getLandscape(lang), getLikelyDuplicates()]);
  const labels = {
    category: t("directory.facets.kategorie"),
    duplicates: t("landscape.duplicates"),
    town: t("directory.csv.town"),
    service: t("directory.csv.service"),
    partner: t("directory.csv.partner"),
    link: t("directory.csv.link"),
  };
  return csvResponse(toCsv(landscapeRows(landscape, duplicates, labels, new URL(request.url).origin)), "angebotslandschaft.csv");
});
