import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/session.server";
import { getLandscape, landscapeRows } from "~/modules/directory/landscape.server";
import { requireCoordinator } from "~/modules/directory/permissions.server";
import { csvResponse, toCsv } from "~/utils/csv.server";
import { getLanguage } from "~/utils/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireCoordinator(user);
  return csvResponse(toCsv(landscapeRows(await getLandscape(await getLanguage(request)))), "angebotslandschaft.csv");
}
