import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { SIMILAR_QUERY_MIN } from "#app/modules/open-mic/topic-schemas";
import { findSimilarTopics } from "#app/modules/open-mic/topic-search.server";
import { QUERY_MAX } from "#app/modules/search/search-types";
import { resourceRoute } from "#app/utils/database-busy.server";

/**
 * Topics like the title being typed on /open-mic/neu (`?q=`), as JSON for the form's fetcher:
 * visible topics only, re-checked against PostgreSQL.
 */
export const loader = resourceRoute(async ({ request }: LoaderFunctionArgs) => {
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, QUERY_MAX);
  const topics = query.length >= SIMILAR_QUERY_MIN ? await findSimilarTopics(query) : [];
  return json({ query, topics }, { headers: { "Cache-Control": "no-store" } });
});
