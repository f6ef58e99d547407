import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildCalendar, icsResponse } from "#app/modules/calendar/ics.server";
import { getFeedMeeting } from "#app/modules/groups/meetings/meetings.server";
import { resourceRoute } from "#app/utils/database-busy.server";
import { requireFound } from "#app/utils/http";
import { getFixedT, getLanguage } from "#app/utils/i18n.server";
import { requireReadAllowance } from "#app/utils/read-limits.server";

/** A network-wide event as an .ics download. */
export const loader = resourceRoute(async ({ request, context, params }: LoaderFunctionArgs) => {
  await requireReadAllowance(request, context, "feed");
  const event = requireFound(await getFeedMeeting(null, params.id));
  const t = getFixedT(await getLanguage(request));
  return icsResponse(buildCalendar(t("calendar.ics.publicName"), [event], t, { method: "publish" }), { personal: false, download: "termin.ics" });
});
