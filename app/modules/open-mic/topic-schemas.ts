import { z } from "zod";
import { flagReasons, topicStatuses, type TopicStatus } from "#db/schema/open-mic-enums";
import { checkbox, honeypotField, isNotSpam, SPAM_ERROR } from "#app/utils/form-fields";

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

/** NUL characters cannot be stored in PostgreSQL text: they are dropped before anything else is checked. */
export const withoutNul = (value: string) => value.split(String.fromCharCode(0)).join("");
const text = (message = "validation.required") => z.string({ error: message }).overwrite(withoutNul);
const optionalText = (max: number) =>
  z
    .string()
    .overwrite(withoutNul)
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((value) => value || null);

const title = text().trim().min(1, "validation.required").min(TOPIC_TITLE_MIN, "openMic.validation.titleShort").max(TOPIC_TITLE_MAX, "openMic.validation.titleLong");
const topicBody = text().trim().min(1, "validation.required").max(TOPIC_BODY_MAX, "openMic.validation.bodyLong");
const replyBody = text().trim().min(1, "validation.required").max(REPLY_BODY_MAX, "openMic.validation.bodyLong");
const uuid = z.string({ error: "validation.required" }).uuid("validation.required");

/**
 * Raising a topic. Members choose to appear by name or as "anonym"; guests may leave a name and
 * an address for the answer. `startedAt` is the signed moment the form was shown (time-to-submit
 * check), `confirmPersonalData` the author's "publish anyway" after the personal-data warning.
 */
export const NewTopicSchema = z
  .object({
    title,
    body: topicBody,
    category: z.string({ error: "openMic.validation.categoryRequired" }).trim().min(1, "openMic.validation.categoryRequired").max(80, "openMic.validation.categoryRequired"),
    town: optionalText(TOWN_MAX),
    postAs: z.enum(["name", "anonym"]).optional().default("name"),
    guestName: optionalText(GUEST_NAME_MAX),
    guestEmail: z
      .string()
      .trim()
      .max(254, "validation.tooLong")
      .pipe(z.union([z.literal(""), z.email({ error: "validation.email" })]))
      .optional()
      .transform((value) => (value ? value.toLowerCase() : null)),
    ...honeypotField,
    startedAt: z.string().optional(),
    confirmPersonalData: checkbox,
  })
  .refine(isNotSpam, SPAM_ERROR);

/**
 * The texts of a new topic that are published and so checked for personal data: title, text, place
 * and, for guests, the name they give (shown with the topic, so "Maria Muster, 0171 2345678" warns too).
 */
export function newTopicTexts(values: { title: string; body: string; town: string | null; guestName: string | null }, guest: boolean): (string | null)[] {
  return [values.title, values.body, values.town, guest ? values.guestName : null];
}

/**
 * A reply. `postAs` is "name", "anonym" or the id of a partner the member is an editor of
 * ("Antwort von Jobcenter Auental").
 */
export const ReplySchema = z.object({
  intent: z.literal("reply"),
  body: replyBody,
  postAs: z
    .union([z.enum(["name", "anonym"]), z.string().uuid()])
    .optional()
    .default("name"),
  confirmPersonalData: checkbox,
});

export const EditReplySchema = z.object({ intent: z.literal("edit-reply"), replyId: uuid, body: replyBody, confirmPersonalData: checkbox });

export const EditTopicSchema = z.object({ intent: z.literal("edit-topic"), title, body: topicBody, confirmPersonalData: checkbox });

export const FlagSchema = z.object({
  intent: z.literal("flag"),
  replyId: z
    .string()
    .uuid()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  reason: z.enum(flagReasons, { error: "openMic.validation.flagReason" }),
  note: text()
    .trim()
    .max(FLAG_NOTE_MAX, "validation.tooLong")
    .optional()
    .transform((value) => value ?? ""),
});

/** A topic number from the URL: anything else is a missing topic, not a database error. */
export function parseTopicId(value: unknown): number | null {
  if (typeof value !== "string" || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= 2_147_483_647 ? id : null;
}
