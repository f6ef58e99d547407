import type { LoaderFunctionArgs } from "@remix-run/node";
import { userIdForGroupFeed } from "#app/modules/calendar/calendar-tokens.server";
import { buildCalendar, icsResponse } from "#app/modules/calendar/ics.server";
import { findActiveGroup } from "#app/modules/groups/groups.server";
import { listGroupFeedMeetings } from "#app/modules/groups/meetings/meetings.server";
import { getGroupRole } from "#app/modules/groups/membership/membership.server";
import { resourceRoute } from "#app/utils/database-busy.server";
import { notFound } from "#app/utils/http";
import { getFixedT, getLanguage } from "#app/utils/i18n.server";
import { requireReadAllowance } from "#app/utils/read-limits.server";

/**
 * A group's calendar feed. Calendar apps send no cookies: a public group's feed is open to anyone,
 * a private group's only with a group link (`?person=…&sig=…`) signed for this group and the
 * person's current calendar token, while that person is a member; any other request gets the 404 of
 * a group that does not exist. The personal token itself opens no group feed.
 */
export const loader = resourceRoute(async ({ request, context, params }: LoaderFunctionArgs) => {
  await requireReadAllowance(request, context, "feed");
  const group = await findActiveGroup(params.slug);
  if (!group) throw notFound();
  const isPrivate = group.visibility === "private";
  if (isPrivate) {
    const userId = await userIdForGroupFeed(group.id, new URL(request.url).searchParams);
    if (!userId || !(await getGroupRole(group.id, userId))) throw notFound();
  }
  const t = getFixedT(await getLanguage(request));
  const body = buildCalendar(t("calendar.ics.groupName", { group: group.name }), await listGroupFeedMeetings(group.id), t);
  return icsResponse(body, { personal: isPrivate });
});
