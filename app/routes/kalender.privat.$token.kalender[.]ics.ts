import type { LoaderFunctionArgs } from "@remix-run/node";
import { userIdForCalendarToken } from "#app/modules/calendar/calendar-tokens.server";
import { buildCalendar, icsResponse } from "#app/modules/calendar/ics.server";
import { listFeedMeetings } from "#app/modules/groups/meetings/meetings.server";
import { resourceRoute } from "#app/utils/database-busy.server";
import { requireFound } from "#app/utils/http";
import { getFixedT, getLanguage } from "#app/utils/i18n.server";
import { requireReadAllowance } from "#app/utils/read-limits.server";

/**
 * The personal feed: the public feed plus the meetings of the private groups the token's owner
 * belongs to at the moment of the request. An unknown or replaced token is a 404.
 */
export const loader = resourceRoute(async ({ request, context, params }: LoaderFunctionArgs) => {
  await requireReadAllowance(request, context, "feed");
  const userId = requireFound(await userIdForCalendarToken(params.token));
  const t = getFixedT(await getLanguage(request));
  return icsResponse(buildCalendar(t("calendar.ics.personalName"), await listFeedMeetings(userId), t), { personal: true });
});
