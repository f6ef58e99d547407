import { z } from "zod";

export const THREAD_TITLE_MAX = 200;
export const POST_BODY_MAX = 20_000;
export const MODERATION_REASON_MAX = 500;

const title = z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(THREAD_TITLE_MAX, "threads.validation.titleTooLong");
const body = z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(POST_BODY_MAX, "threads.validation.bodyTooLong");
const requiredReason = z.string({ error: "threads.validation.reasonRequired" }).trim().min(1, "threads.validation.reasonRequired").max(MODERATION_REASON_MAX, "threads.validation.reasonTooLong");
const optionalReason = z
  .string()
  .trim()
  .max(MODERATION_REASON_MAX, "threads.validation.reasonTooLong")
  .optional()
  .transform((value) => value ?? "");
const id = z.string({ error: "validation.required" }).uuid("validation.required");

export const NewThreadSchema = z.object({ title, body });

export const ReplySchema = z.object({ intent: z.literal("reply"), body });

export const EditPostSchema = z.object({ intent: z.literal("edit"), postId: id, body });

/** Pin, unpin, lock and unlock: a reason is welcome, not required. */
export const ThreadFlagSchema = z.object({ intent: z.enum(["pin", "unpin", "lock", "unlock"]), reason: optionalReason });

export const MoveThreadSchema = z.object({
  intent: z.literal("move"),
  toGroupId: z.string({ error: "threads.validation.targetRequired" }).uuid("threads.validation.targetRequired"),
  reason: requiredReason,
});

export const HidePostSchema = z.object({ intent: z.literal("hide"), postId: id, reason: requiredReason });

export const UnhidePostSchema = z.object({ intent: z.literal("unhide"), postId: id, reason: optionalReason });
