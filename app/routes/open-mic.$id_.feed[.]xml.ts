import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse, buildTopicFeed } from "#app/modules/open-mic/feeds.server";
import { parseTopicId } from "#app/modules/open-mic/topic-schemas";
import { resourceRoute } from "#app/utils/database-busy.server";
import { requireFound } from "#app/utils/http";
import { getLanguage } from "#app/utils/i18n.server";
import { requireReadAllowance } from "#app/utils/read-limits.server";

/**
 * The Atom feed of one topic's updates. A topic that is missing, waiting for approval, hidden or
 * merged answers the same 404, so the feed tells no more than the page.
 */
export const loader = resourceRoute(async ({ request, context, params }: LoaderFunctionArgs) => {
  await requireReadAllowance(request, context, "feed");
  const id = parseTopicId(params.id);
  return atomResponse(requireFound(id !== null ? await buildTopicFeed(id, await getLanguage(request)) : null));
});
