import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse, buildTopicsFeed } from "#app/modules/open-mic/feeds.server";
import { getLanguage } from "#app/utils/i18n.server";

/** The Atom feed of new topics: approved, not hidden, not merged; the newest 50. */
export async function loader({ request }: LoaderFunctionArgs) {
  return atomResponse(await buildTopicsFeed(await getLanguage(request)));
}
