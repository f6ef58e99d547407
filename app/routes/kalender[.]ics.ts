import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildCalendar, icsResponse } from "#app/modules/calendar/ics.server";
import { listFeedMeetings } from "#app/modules/groups/meetings/meetings.server";
import { resourceRoute } from "#app/utils/database-busy.server";
import { getFixedT, getLanguage } from "#app/utils/i18n.server";
import { requireReadAllowance } from "#app/utils/read-limits.server";

/** The public feed: network-wide events and the meetings of public groups, never a private group's. */
export const loader = resourceRoute(async ({ request, context }: LoaderFunctionArgs) => {
  await requireReadAllowance(request, context, "feed");
  const t = getFixedT(await getLanguage(request));
  return icsResponse(buildCalendar(t("calendar.ics.publicName"), await listFeedMeetings(null), t), { personal: false });
});
