import type { LoaderFunctionArgs } from "@remix-run/node";
import { userIdForCalendarToken } from "~/modules/calendar/calendar-tokens.server";
import { buildCalendar, icsResponse } from "~/modules/calendar/ics.server";
import { getGroupRole, getVisibleGroup } from "~/modules/groups/groups.server";
import { listGroupFeedMeetings } from "~/modules/groups/meetings.server";
import { getFixedT, getLanguage } from "~/utils/i18n.server";

const notFound = () => new Response("Not Found", { status: 404 });

/**
 * A group's calendar feed. Calendar apps send no cookies: a public group's feed is open to anyone,
 * a private group's only with the personal token of someone who is a member at this moment; any
 * other request gets the 404 of a group that does not exist.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const visible = await getVisibleGroup(params.slug ?? "", null);
  if (!visible) throw notFound();
  const { group } = visible;
  const isPrivate = group.visibility === "private";
  if (isPrivate) {
    const userId = await userIdForCalendarToken(new URL(request.url).searchParams.get("token"));
    if (!userId || !(await getGroupRole(group.id, userId))) throw notFound();
  }
  const t = getFixedT(await getLanguage(request));
  const body = buildCalendar(t("calendar.ics.groupName", { group: group.name }), await listGroupFeedMeetings(group.id), t);
  return icsResponse(body, { personal: isPrivate });
}
