import { z } from "zod";
import { CurrentPasswordSchema } from "#app/modules/auth/auth-schemas";

export const DELETION_REASON_MAX = 500;

const checked = z
  .string()
  .optional()
  .transform((value) => value === "on");

/** The own account's deletion on /konto/daten: the password again and a ticked confirmation. */
export const DeleteOwnAccountSchema = z.object({
  intent: z.literal("delete"),
  currentPassword: CurrentPasswordSchema,
  deletePosts: checked,
  confirm: z.literal("on", { error: "privacy.validation.confirmRequired" }),
});

/** An admin's deletion of someone else's account: a reason for the admin log and the same confirmation. */
export const DeleteAccountAsAdminSchema = z.object({
  intent: z.literal("delete"),
  reason: z.string({ error: "privacy.validation.reasonRequired" }).trim().min(1, "privacy.validation.reasonRequired").max(DELETION_REASON_MAX, "privacy.validation.reasonTooLong"),
  deletePosts: checked,
  confirm: z.literal("on", { error: "privacy.validation.confirmRequired" }),
});
