import { z } from "zod";
import { userRoles } from "#db/schema/user-enums";
import { EmailSchema, NAME_MAX, NewPasswordSchema } from "#app/modules/auth/auth-schemas";

export const REASON_MAX = 500;

const OptionalReason = z.string().trim().max(REASON_MAX, "admin.validation.reasonTooLong").optional();

/** A session's key as the person page names it (the stored SHA-256), or "all". */
const SessionKey = z.union([z.literal("all"), z.string().regex(/^[0-9a-f]{64}$/)], { error: "admin.validation.sessionGone" });

export const RoleSchema = z.object({ role: z.enum(userRoles, { error: "admin.validation.role" }), reason: OptionalReason });

// Blocking someone needs a reason: the person, and the next admin, will ask why.
export const BlockSchema = z.object({
  reason: z.string({ error: "admin.validation.reasonRequired" }).trim().min(1, "admin.validation.reasonRequired").max(REASON_MAX, "admin.validation.reasonTooLong"),
});

export const UnblockSchema = z.object({ reason: OptionalReason });

export const ResetMailSchema = z.object({ reason: OptionalReason });

export const TwoFactorResetSchema = z.object({ reason: OptionalReason });

export const SessionsSchema = z.object({ session: SessionKey, reason: OptionalReason });

export const SetupSchema = z.object({
  displayName: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(NAME_MAX, "validation.nameTooLong"),
  email: EmailSchema,
  password: NewPasswordSchema,
});

/** The forms of a person's page, by the intent their button sends. */
export const personForms = { role: RoleSchema, block: BlockSchema, unblock: UnblockSchema, reset: ResetMailSchema, twoFactor: TwoFactorResetSchema, sessions: SessionsSchema } as const;
export type PersonForm = keyof typeof personForms;
export const isPersonForm = (value: unknown): value is PersonForm => typeof value === "string" && Object.hasOwn(personForms, value);
