import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { buildCalendar, icsResponse } from "#app/modules/calendar/ics.server";
import { requireGroupAccess } from "#app/modules/groups/group-access.server";
import { getFeedMeeting } from "#app/modules/groups/meetings/meetings.server";
import { resourceRoute } from "#app/utils/database-busy.server";
import { requireFound } from "#app/utils/http";
import { getFixedT, getLanguage } from "#app/utils/i18n.server";
import { requireReadAllowance } from "#app/utils/read-limits.server";

/** One meeting as an .ics download: whoever may read the meeting's page may download it. */
export const loader = resourceRoute(async ({ request, context, params }: LoaderFunctionArgs) => {
  const user = await getOptionalUser(request);
  await requireReadAllowance(request, context, "feed", user);
  const { group } = await requireGroupAccess(params.slug, user);
  const meeting = requireFound(await getFeedMeeting(group.id, params.id));
  const t = getFixedT(await getLanguage(request));
  const body = buildCalendar(t("calendar.ics.groupName", { group: group.name }), [meeting], t, { method: "publish" });
  return icsResponse(body, { personal: group.visibility === "private", download: "treffen.ics" });
});
