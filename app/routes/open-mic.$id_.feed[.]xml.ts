import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse, buildTopicFeed } from "#app/modules/open-mic/feeds.server";
import { getLanguage } from "#app/utils/i18n.server";

/**
 * The Atom feed of one topic's updates. A topic that is missing, waiting for approval, hidden or
 * merged answers the same 404, so the feed tells no more than the page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = /^[1-9]\d{0,9}$/.test(params.id ?? "") ? Number(params.id) : null;
  const xml = id !== null && id <= 2_147_483_647 ? await buildTopicFeed(id, await getLanguage(request)) : null;
  if (xml === null) throw new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return atomResponse(xml);
}
