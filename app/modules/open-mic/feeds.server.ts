import { and, desc, eq, isNull } from "drizzle-orm";
import { Feed, type Author } from "feed";
import { db } from "#db/client";
import { publicTopic } from "#search/indexes/topics";
import { partners, topicReplies, topics, topicStatusChanges, users } from "#db/schema";
import { getEnv } from "#app/utils/env.server";
import { getFixedT } from "#app/utils/i18n.server";

/** How many entries a feed holds: the newest ones. */
export const FEED_LIMIT = 50;
const SUMMARY_LENGTH = 300;

// What a feed may show: approved, not hidden, not merged into another topic.

// XML 1.0 allows neither most control characters nor lone surrogates; people's texts may hold them.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text with only the characters XML can carry. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, "");
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

// NOTE: the feed library writes titles, summaries and contents as type="html" in CDATA, unescaped:
// what people wrote must be escaped as HTML first, so readers show it as text and never as markup.
// Escaping also removes every "]]>", which the library would only split once.
const asHtmlText = (text: string) => escapeHtml(xmlSafe(text));

/** Paragraphs of plain text as HTML, every character of the text escaped. */
function asHtmlParagraphs(text: string): string {
  return xmlSafe(text)
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\r?\n/g, "<br />")}</p>`)
    .join("\n");
}

/** A short plain-text summary of a Markdown text: the marks that only format are dropped. */
export function plainExcerpt(markdown: string, limit = SUMMARY_LENGTH): string {
  const plain = markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, "")
    .replace(/(\*\*|__|`+|~~)/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > limit ? `${plain.slice(0, limit - 1).trimEnd()}…` : plain;
}

const author = (name: string): Author[] => [{ name: xmlSafe(name) }];
const topicLink = (id: number) => `${getEnv().APP_URL}/open-mic/${id}`;

function newFeed(options: { id: string; title: string; description: string; link: string; self: string; updated: Date }) {
  return new Feed({
    id: options.id,
    title: xmlSafe(options.title),
    description: xmlSafe(options.description),
    link: options.link,
    feedLinks: { atom: options.self },
    updated: options.updated,
    generator: false,
  });
}

// A topic as both feeds show it, with what names its author (join users on the author).
const topicColumns = {
  id: topics.id,
  title: topics.title,
  body: topics.body,
  anonymous: topics.anonymous,
  authorId: topics.authorId,
  authorName: users.displayName,
  guestName: topics.guestName,
  createdAt: topics.createdAt,
  editedAt: topics.editedAt,
};

type TopicAuthor = { anonymous: boolean; authorId: string | null; authorName: string | null; guestName: string | null };

function topicAuthorName(t: ReturnType<typeof getFixedT>, row: TopicAuthor): string {
  // The name behind "anonym" never leaves the moderation: not in a feed, not in an attribute.
  if (row.anonymous) return t("notifications.anonymous");
  if (row.authorId) return row.authorName ?? t("notifications.formerMember");
  // Guests (and members whose account is gone): the name a guest gave, as the page shows it.
  return row.guestName?.trim() || t("notifications.feeds.guest");
}

/** The Atom feed of new topics: the newest public ones, most recently published first. */
export async function buildTopicsFeed(lang: string): Promise<string> {
  const t = getFixedT(lang);
  const rows = await db
    .select({ ...topicColumns, approvedAt: topics.approvedAt })
    .from(topics)
    .leftJoin(users, eq(users.id, topics.authorId))
    .where(publicTopic)
    .orderBy(desc(topics.approvedAt), desc(topics.id))
    .limit(FEED_LIMIT);
  const { APP_URL } = getEnv();
  const updatedOf = (row: (typeof rows)[number]) => row.editedAt ?? row.approvedAt ?? row.createdAt;
  const feed = newFeed({
    id: `${APP_URL}/open-mic/feed.xml`,
    title: `${t("notifications.feeds.topicsTitle")} · ${t("site.name")}`,
    description: t("notifications.feeds.topicsDescription"),
    link: `${APP_URL}/open-mic`,
    self: `${APP_URL}/open-mic/feed.xml`,
    updated: rows.length > 0 ? rows.reduce((latest, row) => (updatedOf(row) > latest ? updatedOf(row) : latest), new Date(0)) : new Date(),
  });
  for (const row of rows) {
    feed.addItem({
      id: topicLink(row.id),
      link: topicLink(row.id),
      title: asHtmlText(row.title),
      description: asHtmlText(plainExcerpt(row.body)),
      date: updatedOf(row),
      published: row.createdAt,
      author: author(topicAuthorName(t, row)),
    });
  }
  return feed.atom1();
}

type FeedEntry = { id: string; link: string; title: string; content: string; author: string; date: Date };

/**
 * The Atom feed of one topic's updates: the topic, its visible replies and its status changes with
 * their answers, newest first. Null for a topic that is missing, waiting, hidden or merged, which
 * answers 404 like its page.
 */
export async function buildTopicFeed(topicId: number, lang: string): Promise<string | null> {
  const t = getFixedT(lang);
  const [topic] = await db
    .select(topicColumns)
    .from(topics)
    .leftJoin(users, eq(users.id, topics.authorId))
    .where(and(eq(topics.id, topicId), publicTopic));
  if (!topic) return null;

  const [replies, changes] = await Promise.all([
    db
      .select({
        id: topicReplies.id,
        body: topicReplies.body,
        anonymous: topicReplies.anonymous,
        authorId: topicReplies.authorId,
        authorName: users.displayName,
        partnerName: partners.name,
        createdAt: topicReplies.createdAt,
        editedAt: topicReplies.editedAt,
      })
      .from(topicReplies)
      .leftJoin(users, eq(users.id, topicReplies.authorId))
      .leftJoin(partners, eq(partners.id, topicReplies.partnerId))
      .where(and(eq(topicReplies.topicId, topicId), isNull(topicReplies.hiddenAt)))
      .orderBy(desc(topicReplies.createdAt))
      .limit(FEED_LIMIT),
    db
      .select({ id: topicStatusChanges.id, toStatus: topicStatusChanges.toStatus, answer: topicStatusChanges.answer, createdAt: topicStatusChanges.createdAt })
      .from(topicStatusChanges)
      .where(eq(topicStatusChanges.topicId, topicId))
      .orderBy(desc(topicStatusChanges.createdAt))
      .limit(FEED_LIMIT),
  ]);

  const link = topicLink(topic.id);
  const entries: FeedEntry[] = [
    { id: link, link, title: topic.title, content: topic.body, author: topicAuthorName(t, topic), date: topic.editedAt ?? topic.createdAt },
    ...replies.map((reply) => {
      const name = reply.anonymous ? t("notifications.anonymous") : (reply.partnerName ?? reply.authorName ?? t("notifications.formerMember"));
      return {
        id: `urn:uuid:${reply.id}`,
        link: `${link}#antwort-${reply.id}`,
        title: t("notifications.feeds.replyTitle", { name }),
        content: reply.body,
        author: name,
        date: reply.editedAt ?? reply.createdAt,
      };
    }),
    ...changes.map((change) => {
      const status = t(`notifications.status.${change.toStatus}`);
      return {
        id: `urn:uuid:${change.id}`,
        link,
        title: t("notifications.feeds.statusTitle", { status }),
        content: change.answer,
        author: t("notifications.feeds.coordination"),
        date: change.createdAt,
      };
    }),
  ]
    .sort((a, b) => b.date.getTime() - a.date.getTime())
    .slice(0, FEED_LIMIT);

  const { APP_URL } = getEnv();
  const self = `${APP_URL}/open-mic/${topic.id}/feed.xml`;
  const feed = newFeed({
    id: self,
    title: `${topic.title} · ${t("notifications.feeds.topicTitleSuffix")} · ${t("site.name")}`,
    description: t("notifications.feeds.topicDescription", { id: topic.id }),
    link,
    self,
    updated: entries[0]!.date,
  });
  for (const entry of entries) {
    feed.addItem({
      id: entry.id,
      link: entry.link,
      title: asHtmlText(entry.title),
      description: asHtmlText(plainExcerpt(entry.content)),
      content: asHtmlParagraphs(entry.content),
      date: entry.date,
      author: author(entry.author),
    });
  }
  return feed.atom1();
}

/** An Atom document as an HTTP answer; never kept by caches, so hidden content leaves at once. */
export function atomResponse(xml: string): Response {
  return new Response(xml, { headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff" } });
}
