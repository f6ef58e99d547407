import { z } from "zod";
import { userRoles } from "#db/schema/user-enums";
import { DisplayNameSchema, NewPasswordSchema } from "#app/modules/auth/auth-schemas";
import { checkbox, textOrEmpty } from "#app/utils/form-fields";
import { parseAddressText, problemMessage } from "./address-list";
import { FUNCTION_MAX, MAX_INVITATIONS } from "./invitation-rules";

// A pasted list of 500 addresses with names is well under this; more is not a list of people.
export const ADDRESSES_TEXT_MAX = 100_000;
const GROUPS_MAX = 100;

/**
 * The invitation form. The pasted list is read line by line here, so the browser names bad lines
 * before sending; the uploaded file, the limit across both and taken addresses are the action's.
 */
export const InviteSchema = z
  .object({
    addresses: z.string().max(ADDRESSES_TEXT_MAX, "invitations.validation.textTooLong").optional().default(""),
    role: z.enum(userRoles, { error: "invitations.validation.role" }).default("member"),
    partnerId: z.uuid({ error: "invitations.validation.partner" }).optional(),
    partnerFunction: textOrEmpty(FUNCTION_MAX),
    groupIds: z
      .array(z.uuid({ error: "invitations.validation.group" }))
      .max(GROUPS_MAX)
      .default([]),
    locale: z.string({ error: "invitations.validation.locale" }).regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "invitations.validation.locale"),
    // The CSV upload: read by the action (the browser cannot read it before sending).
    file: z.unknown().optional(),
  })
  .superRefine((value, ctx) => {
    const list = parseAddressText(value.addresses);
    for (const problem of list.problems) ctx.addIssue({ code: "custom", path: ["addresses"], message: problemMessage(problem) });
    if (list.entries.length > MAX_INVITATIONS) ctx.addIssue({ code: "custom", path: ["addresses"], message: `invitations.validation.tooMany|${MAX_INVITATIONS}` });
    if (value.partnerFunction && !value.partnerId) ctx.addIssue({ code: "custom", path: ["partnerFunction"], message: "invitations.validation.functionWithoutPartner" });
  });
export type InviteValues = z.infer<typeof InviteSchema>;

/** A row of the list: resend or withdraw one invitation. */
export const InvitationRowSchema = z.object({ intent: z.enum(["resend", "revoke"]), id: z.uuid() });

/** The site setting (admins only). */
export const SettingsSchema = z.object({ invitationOnly: checkbox });

/** Accepting an invitation: the address is the invitation's, the person chooses a name and a password. */
export const AcceptSchema = z.object({ displayName: DisplayNameSchema, password: NewPasswordSchema });
