import { z } from "zod";
import { flagReasons } from "#db/schema/open-mic-enums";
import { checkbox, honeypotField, isNotSpam, optionalText, SPAM_ERROR } from "#app/utils/form-fields";
import { DETECT_LANGUAGE } from "./post-language";
import { FLAG_NOTE_MAX, GUEST_NAME_MAX, REPLY_BODY_MAX, TOPIC_BODY_MAX, TOPIC_TITLE_MAX, TOPIC_TITLE_MIN, TOWN_MAX, withoutNul } from "./topic-rules";

/**
 * The form's language field: a language code, or nothing for "detect". Whether the code names one of
 * our languages is the server's check (the languages are the folders of app/locales/).
 */
export const postLanguageField = z
  .string()
  .trim()
  .max(16)
  .optional()
  .transform((value) => (value && value !== DETECT_LANGUAGE ? value : null));

export {
  FLAG_NOTE_MAX,
  GUEST_NAME_MAX,
  newTopicTexts,
  REPLY_BODY_MAX,
  SIMILAR_QUERY_MIN,
  STATUS_SLUGS,
  statusFromSlug,
  TOPIC_BODY_MAX,
  TOPIC_SORTS,
  TOPIC_TITLE_MAX,
  TOPIC_TITLE_MIN,
  TOWN_MAX,
  withoutNul,
  type TopicSort,
} from "./topic-rules";

const text = (message = "validation.required") => z.string({ error: message }).overwrite(withoutNul);

const title = text().trim().min(1, "validation.required").min(TOPIC_TITLE_MIN, "openMic.validation.titleShort").max(TOPIC_TITLE_MAX, "openMic.validation.titleLong");
const topicBody = text().trim().min(1, "validation.required").max(TOPIC_BODY_MAX, "openMic.validation.bodyLong");
const replyBody = text().trim().min(1, "validation.required").max(REPLY_BODY_MAX, "openMic.validation.bodyLong");
const uuid = z.string({ error: "validation.required" }).uuid("validation.required");

/**
 * Raising a topic. Members choose to appear by name or as "anonym"; guests may leave a name and
 * an address for the answer. `language` is the text's language (null: detect it). `startedAt` is
 * the signed moment the form was shown (time-to-submit check), `confirmPersonalData` the author's
 * "publish anyway" after the personal-data warning.
 */
export const NewTopicSchema = z
  .object({
    title,
    body: topicBody,
    category: z.string({ error: "openMic.validation.categoryRequired" }).trim().min(1, "openMic.validation.categoryRequired").max(80, "openMic.validation.categoryRequired"),
    town: optionalText(TOWN_MAX),
    language: postLanguageField,
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
 * A reply. `postAs` is "name", "anonym" or the id of a partner the member is an editor of
 * ("Antwort von Jobcenter Auental").
 */
export const ReplySchema = z.object({
  intent: z.literal("reply"),
  body: replyBody,
  language: postLanguageField,
  postAs: z
    .union([z.enum(["name", "anonym"]), z.string().uuid()])
    .optional()
    .default("name"),
  confirmPersonalData: checkbox,
});

export const EditReplySchema = z.object({ intent: z.literal("edit-reply"), replyId: uuid, body: replyBody, language: postLanguageField, confirmPersonalData: checkbox });

export const EditTopicSchema = z.object({ intent: z.literal("edit-topic"), title, body: topicBody, language: postLanguageField, confirmPersonalData: checkbox });

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
