// The Open Mic's limits, status words and list orders, without the validation library: the pages
// read them in the browser too, and topic-schemas.ts checks them on the server.
import { topicStatuses, type TopicStatus } from "#db/schema/open-mic-enums";

export const TOPIC_TITLE_MIN = 5;
export const TOPIC_TITLE_MAX = 160;
export const TOPIC_BODY_MAX = 10_000;
export const REPLY_BODY_MAX = 10_000;
export const TOWN_MAX = 80;
export const GUEST_NAME_MAX = 80;
export const FLAG_NOTE_MAX = 1000;
export const SIMILAR_QUERY_MIN = 3;

/** The statuses of a topic (as stored) and their German URL slugs (`/open-mic?status=`). */
export const STATUS_SLUGS: Record<TopicStatus, string> = {
  new: "neu",
  clarifying: "in-klaerung",
  routed: "an-arbeitsgruppe",
  implemented: "umgesetzt",
  answered: "beantwortet",
  closed: "geschlossen",
  rejected: "abgelehnt",
};
export const statusFromSlug = (slug: string | null | undefined): TopicStatus | null => (topicStatuses.find((status) => STATUS_SLUGS[status] === slug) as TopicStatus | undefined) ?? null;

/** The orders of the list (`/open-mic?sortierung=`); "unbeantwortet" also keeps only the topics still waiting. */
export const TOPIC_SORTS = ["neu", "unterstuetzt", "aktiv", "unbeantwortet"] as const;
export type TopicSort = (typeof TOPIC_SORTS)[number];

export { withoutNul } from "#app/utils/form-fields";

/**
 * The texts of a new topic that are published and so checked for personal data: title, text, place
 * and, for guests, the name they give (shown with the topic, so "Maria Muster, 0171 2345678" warns too).
 */
export function newTopicTexts(values: { title: string; body: string; town: string | null; guestName: string | null }, guest: boolean): (string | null)[] {
  return [values.title, values.body, values.town, guest ? values.guestName : null];
}
