import { useTranslation } from "react-i18next";

/** The Atom feed of new topics. */
export const TOPICS_FEED_PATH = "/open-mic/feed.xml";
/** The Atom feed of one topic's updates. */
export const topicFeedPath = (topicId: number) => `/open-mic/${topicId}/feed.xml`;

/**
 * A `<link rel="alternate">` for a route's `meta` (feed readers and browsers find the feed by it).
 * Only for what the feed shows: public topics, never a waiting, hidden or merged one.
 */
export const feedAlternate = (href: string) => ({ tagName: "link", rel: "alternate", type: "application/atom+xml", href }) as const;

/** A visible link to a feed; a plain anchor, as the feed is a document of its own, not a page. */
export function FeedLink({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <a href={href} type="application/atom+xml">
      {t("notifications.feeds.subscribe")}
    </a>
  );
}
