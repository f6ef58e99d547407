import { z } from "zod";
import { CurrentPasswordSchema, DisplayNameSchema, EmailSchema } from "./auth-schemas";

/** The profile page's name form. */
export const DisplayNameFormSchema = z.object({ intent: z.literal("name"), displayName: DisplayNameSchema });

/** The profile page's address form: the new address and, again, the current password. */
export const EmailChangeSchema = z.object({ intent: z.literal("email"), email: EmailSchema, currentPassword: CurrentPasswordSchema });

/** A session key from the sessions page (the stored hash, 64 hex digits). */
export const SessionKeySchema = z.object({ session: z.string().regex(/^[0-9a-f]{64}$/, "accountSettings.sessions.unknown") });
