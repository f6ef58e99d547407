import { z } from "zod";
import { honeypotField, isNotSpam, optionalText, SPAM_ERROR, withoutNul } from "#app/utils/form-fields";
import { FEEDBACK_EMAIL_MAX, FEEDBACK_MESSAGE_MAX, FEEDBACK_NAME_MAX, FEEDBACK_PAGE_MAX } from "./accessibility-rules";

/**
 * The feedback form of the accessibility statement: only the message is required; the page, a name
 * and an address for the answer are optional (the address must be one when given).
 */
export const FeedbackSchema = z
  .object({
    message: z.string({ error: "validation.required" }).overwrite(withoutNul).trim().min(1, "validation.required").max(FEEDBACK_MESSAGE_MAX, "accessibility.feedback.messageLong"),
    pageUrl: optionalText(FEEDBACK_PAGE_MAX),
    name: optionalText(FEEDBACK_NAME_MAX),
    email: z
      .string()
      .overwrite(withoutNul)
      .trim()
      .max(FEEDBACK_EMAIL_MAX, "validation.tooLong")
      .pipe(z.union([z.literal(""), z.email({ error: "validation.email" })]))
      .optional()
      .transform((value) => (value ? value.toLowerCase() : null)),
    ...honeypotField,
  })
  .refine(isNotSpam, SPAM_ERROR);

export type FeedbackInput = Pick<z.output<typeof FeedbackSchema>, "message" | "pageUrl" | "name" | "email">;

/** A coordinator marks an item as handled, or opens it again. */
export const HandleSchema = z.object({
  intent: z.enum(["handle", "reopen"]),
  id: z.string().uuid(),
});
