import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse, buildTopicsFeed } from "#app/modules/open-mic/feeds.server";
import { resourceRoute } from "#app/utils/database-busy.server";
import { getLanguage } from "#app/utils/i18n.server";
import { requireReadAllowance } from "#app/utils/read-limits.server";

/** The Atom feed of new topics: approved, not hidden, not merged; the newest 50. */
export const loader = resourceRoute(async ({ request, context }: LoaderFunctionArgs) => {
  await requireReadAllowance(request, context, "feed");
  return atomResponse(await buildTopicsFeed(await getLanguage(request)));
});
