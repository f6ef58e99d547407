import { z } from "zod";
import type { RefusalMessages } from "#app/utils/http";
import { checkbox } from "#app/utils/form-fields";
import { isUuid } from "#app/utils/uuid";
import { topicStatuses, type TopicStatus } from "#db/schema/open-mic-enums";
import { GUEST_NAME_MAX, parseTopicId, TOPIC_BODY_MAX, TOPIC_TITLE_MAX, TOWN_MAX, withoutNul } from "./topic-schemas";

export const ANSWER_MAX = 10_000;
/** A plain-language summary is a few short sentences, not a second answer. */
export const PLAIN_SUMMARY_MAX = 500;
export const REASON_MAX = 500;
export const TASK_TITLE_MAX = 200;
export const TASK_DESCRIPTION_MAX = 10_000;
export const SERVICES_MAX = 12;
/** How far ahead the next review of a routed topic lies unless the coordinator picks another day. */
export const REVIEW_AFTER_DAYS = 28;

/**
 * Which status may follow which. Forward along neu → in Klärung → an Arbeitsgruppe übergeben →
 * umgesetzt / beantwortet → geschlossen (steps may be skipped); "abgelehnt" from every state that is
 * still waiting (neu, in Klärung, übergeben); a routed topic may be routed again (another group, a
 * new review date); an answered topic may still be implemented, handed on or closed; every finished
 * state (beantwortet, umgesetzt, geschlossen, abgelehnt) may be reopened to "in Klärung".
 */
export const TRANSITIONS: Record<TopicStatus, readonly TopicStatus[]> = {
  new: ["clarifying", "routed", "answered", "implemented", "closed", "rejected"],
  clarifying: ["routed", "answered", "implemented", "closed", "rejected"],
  routed: ["routed", "answered", "implemented", "closed", "rejected"],
  answered: ["routed", "implemented", "closed", "clarifying"],
  implemented: ["closed", "clarifying"],
  closed: ["clarifying"],
  rejected: ["clarifying"],
};

export const canMove = (from: TopicStatus, to: TopicStatus) => TRANSITIONS[from].includes(to);

/**
 * The event a status change records: an "answer" (the official answer people are told about) when
 * the topic is answered, implemented or rejected; a "status" change otherwise (in Klärung, handed to
 * a group, closed, reopened). Every change carries a visible text either way.
 */
export const eventKindFor = (to: TopicStatus): "answer" | "status" => (to === "answered" || to === "implemented" || to === "rejected" ? "answer" : "status");

/** A topic number from a URL or form, blanks around it allowed: anything else is a missing topic, not a database error. */
export const topicIdFrom = (value: unknown): number | null => parseTopicId(typeof value === "string" ? value.trim() : value);

/** Whether "YYYY-MM-DD" names a day that exists, in a sensible range of years. */
export function isDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 2000 || year > 2999) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A text field as coordinators type it: without NUL characters, trimmed. */
const text = (error?: string) =>
  z
    .string(error ? { error } : undefined)
    .overwrite(withoutNul)
    .trim();
/** An optional text field that stays a text: at most `max` characters, "" when left out. */
const textOrEmpty = (max: number) =>
  text()
    .max(max, "validation.tooLong")
    .optional()
    .transform((value) => value ?? "");
/**
 * A field of the topic a moderator may empty (the guest's name, the place): at most `max`
 * characters, null when empty. The form marks that it holds these fields (`topicFields`): an
 * empty field arrives missing, so only with the mark does a missing one mean "emptied".
 */
const clearableText = (max: number) =>
  text()
    .max(max, "validation.tooLong")
    .optional()
    .transform((value) => value || null);

const requiredReason = text("openMicCoordination.validation.reasonRequired").min(1, "openMicCoordination.validation.reasonRequired").max(REASON_MAX, "validation.tooLong");
const optionalReason = textOrEmpty(REASON_MAX);

/**
 * A status change with its visible answer and, if the coordinator writes one, a short summary of it
 * in plain language (shown first, and first in the guest's mail). Routing to a group needs the group and a review date; a
 * task there needs a title. Whether the ids exist (services, group) and the move is allowed from the
 * topic's current status is checked on the server, in the transaction that writes.
 */
export const StatusChangeSchema = z
  .object({
    toStatus: z.enum(topicStatuses, { error: "openMicCoordination.validation.statusRequired" }),
    answer: text("openMicCoordination.validation.answerRequired").min(1, "openMicCoordination.validation.answerRequired").max(ANSWER_MAX, "validation.tooLong"),
    plainSummary: text()
      .max(PLAIN_SUMMARY_MAX, "validation.tooLong")
      .optional()
      .transform((value) => value || null),
    services: z
      .array(z.string())
      .default([])
      .refine((ids) => ids.every(isUuid), "openMicCoordination.validation.serviceUnknown")
      .refine((ids) => ids.length <= SERVICES_MAX, `openMicCoordination.validation.tooManyServices|${SERVICES_MAX}`)
      .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
    groupId: z
      .string()
      .trim()
      .optional()
      .transform((value) => value?.toLowerCase() || null),
    nextReviewAt: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || null),
    createTask: checkbox,
    taskTitle: textOrEmpty(TASK_TITLE_MAX),
    taskDescription: textOrEmpty(TASK_DESCRIPTION_MAX),
  })
  .superRefine((value, context) => {
    if (value.toStatus !== "routed") return;
    if (!value.groupId) context.addIssue({ code: "custom", path: ["groupId"], message: "openMicCoordination.validation.groupRequired" });
    else if (!isUuid(value.groupId)) context.addIssue({ code: "custom", path: ["groupId"], message: "openMicCoordination.validation.groupUnknown" });
    if (!value.nextReviewAt || !isDay(value.nextReviewAt)) context.addIssue({ code: "custom", path: ["nextReviewAt"], message: "openMicCoordination.validation.reviewDate" });
    if (value.createTask && !value.taskTitle) context.addIssue({ code: "custom", path: ["taskTitle"], message: "openMicCoordination.validation.taskTitleRequired" });
  });
export type StatusChangeValues = z.infer<typeof StatusChangeSchema>;

// ---------------------------------------------------------------------------------------------
// Moderation

const topicNumber = z
  .string({ error: "openMicCoordination.validation.topicNumber" })
  .trim()
  .transform((value, context) => {
    const id = topicIdFrom(value.replace(/^#/, ""));
    if (id === null) {
      context.addIssue({ code: "custom", message: "openMicCoordination.validation.topicNumber" });
      return z.NEVER;
    }
    return id;
  });
const targetTopic = z
  .string()
  .optional()
  .transform((value) => topicIdFrom(value));
// "" or missing: the topic itself; otherwise one of its replies.
const replyTarget = z
  .string()
  .trim()
  .optional()
  .refine((value) => !value || isUuid(value), "openMicCoordination.validation.replyUnknown")
  .transform((value) => value?.toLowerCase() || null);

/** Approving a guest's topic; the queue names the topic, the topic's own page takes it from the URL. */
export const ApproveSchema = z.object({ intent: z.literal("approve"), topicId: targetTopic });

/** Hiding needs a reason: it is shown in place of the post ("ausgeblendet: …"). */
export const HideSchema = z.object({ intent: z.literal("hide"), topicId: targetTopic, replyId: replyTarget, reason: requiredReason });
export const UnhideSchema = z.object({ intent: z.literal("unhide"), replyId: replyTarget, reason: optionalReason });

export const LockSchema = z.object({ intent: z.enum(["lock", "unlock"]), reason: optionalReason });

/**
 * A moderator's edit of the topic (title and text) or of a reply (text). The previous text is kept
 * for the author to see — unless `personalData` is ticked: then the old text is removed for good.
 * The limits are the authors' (a topic's and a reply's text have the same).
 */
export const ModeratorEditSchema = z
  .object({
    intent: z.literal("edit"),
    replyId: replyTarget,
    title: text().max(TOPIC_TITLE_MAX, "validation.tooLong").optional(),
    body: text("validation.required").min(1, "validation.required").max(TOPIC_BODY_MAX, "validation.tooLong"),
    // The topic's guest name and place (ignored for a reply): they may hold personal data too.
    topicFields: checkbox,
    guestName: clearableText(GUEST_NAME_MAX),
    town: clearableText(TOWN_MAX),
    personalData: checkbox,
    reason: optionalReason,
  })
  .superRefine((value, context) => {
    if (!value.replyId && !value.title) context.addIssue({ code: "custom", path: ["title"], message: "validation.required" });
    // The author is told why their text changed; removing personal data explains itself.
    if (!value.personalData && !value.reason) context.addIssue({ code: "custom", path: ["reason"], message: "openMicCoordination.validation.reasonRequired" });
  });
export type ModeratorEditValues = z.infer<typeof ModeratorEditSchema>;

export const MergeSchema = z.object({ intent: z.literal("merge"), keptId: topicNumber, reason: requiredReason });

export const BanSchema = z.object({ intent: z.literal("ban"), reason: requiredReason, hidePending: checkbox });

export const ResolveFlagSchema = z.object({ intent: z.literal("resolve"), flagId: z.string().refine(isUuid, "openMicCoordination.validation.flagUnknown") });

export const HideFlaggedSchema = z.object({ intent: z.literal("hide-flagged"), flagId: z.string().refine(isUuid, "openMicCoordination.validation.flagUnknown"), reason: requiredReason });

/**
 * Where the moderation's refusals show (the checks that need the database): at the field that named
 * something unknown, else at the form. The queue names its topic in a field, so a missing one is
 * an error there ("topicUnknown"), not a 404.
 */
export type ModerationRefusal = "notFound" | "topicUnknown" | "replyUnknown" | "flagUnknown" | "unchanged" | "alreadyMerged" | "mergeSelf" | "mergeTarget" | "noGuestAddress";
export const MODERATION_REFUSALS: RefusalMessages<ModerationRefusal> = {
  topicUnknown: { field: "topicId", message: "openMicCoordination.validation.topicUnknown" },
  replyUnknown: { field: "replyId", message: "openMicCoordination.validation.replyUnknown" },
  flagUnknown: { field: "flagId", message: "openMicCoordination.validation.flagUnknown" },
  unchanged: { message: "openMicCoordination.validation.unchanged" },
  alreadyMerged: { message: "openMicCoordination.validation.alreadyMerged" },
  mergeSelf: { field: "keptId", message: "openMicCoordination.validation.mergeSelf" },
  mergeTarget: { field: "keptId", message: "openMicCoordination.validation.mergeTarget" },
  noGuestAddress: { message: "openMicCoordination.validation.noGuestAddress" },
};
