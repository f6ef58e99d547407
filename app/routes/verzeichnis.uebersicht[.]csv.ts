import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/session.server";
import { getLandscape, getLikelyDuplicates, landscapeRows } from "~/modules/directory/landscape.server";
import { requireCoordinator } from "~/modules/directory/permissions.server";
import { csvResponse, toCsv } from "~/utils/csv.server";
import { getFixedT, getLanguage } from "~/utils/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireCoordinator(user);
  const lang = await getLanguage(request);
  const t = getFixedT(lang);
  const [landscape, duplicates] = await Promise.all([getLandscape(lang), getLikelyDuplicates()]);
  const labels = { category: t("directory.facets.kategorie"), duplicates: t("landscape.duplicates"), town: t("directory.csv.town"), service: t("directory.csv.service"), partner: t("directory.csv.partner"), link: t("directory.csv.link") };
  return csvResponse(toCsv(landscapeRows(landscape, duplicates, labels, new URL(request.url).origin)), "angebotslandschaft.csv");
}
