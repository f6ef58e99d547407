import { z } from "zod";
import { groupRoles, groupVisibilities } from "#db/schema/group-enums";

export const JoinRequestSchema = z.object({
  message: z
    .string()
    .trim()
    .max(1000, "validation.tooLong")
    .optional()
    .transform((value) => value ?? ""),
});

export const DecideSchema = z.object({ intent: z.enum(["approve", "decline"]), requestId: z.string().uuid() });

export const GROUP_NAME_MAX = 120;
export const GROUP_FOCUS_MAX = 200;
export const GROUP_DESCRIPTION_MAX = 4000;
export const INVITATION_MESSAGE_MAX = 1000;

/** Name, focus, description and visibility: the same fields when a group is made and when it is edited. */
export const GroupFormSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(3, "groupAdmin.validation.nameShort").max(GROUP_NAME_MAX, "validation.tooLong"),
  focus: z.string({ error: "validation.required" }).trim().min(3, "groupAdmin.validation.focusShort").max(GROUP_FOCUS_MAX, "validation.tooLong"),
  description: z
    .string()
    .trim()
    .max(GROUP_DESCRIPTION_MAX, "validation.tooLong")
    .optional()
    .transform((value) => value ?? ""),
  visibility: z.enum(groupVisibilities, { error: "groupAdmin.validation.visibility" }),
});
export type GroupFormValues = z.infer<typeof GroupFormSchema>;

/** Archiving asks for a ticked confirmation, so it works (and is deliberate) without JavaScript. */
export const ArchiveSchema = z.object({
  intent: z.literal("archive"),
  confirm: z.literal("on", { error: "groupAdmin.validation.confirmArchive" }),
});

export const MemberRoleSchema = z.object({ intent: z.literal("role"), userId: z.string().uuid(), role: z.enum(groupRoles) });
export const RemoveMemberSchema = z.object({ intent: z.literal("remove"), userId: z.string().uuid() });
export const RevokeInvitationSchema = z.object({ intent: z.literal("revoke"), invitationId: z.string().uuid() });

export const InviteSchema = z.object({
  intent: z.literal("invite"),
  email: z
    .string({ error: "validation.required" })
    .trim()
    .max(254, "validation.tooLong")
    .pipe(z.email({ error: "validation.email" }))
    .transform((value) => value.toLowerCase()),
  message: z
    .string()
    .trim()
    .max(INVITATION_MESSAGE_MAX, "validation.tooLong")
    .optional()
    .transform((value) => value ?? ""),
});

export const InvitationAnswerSchema = z.object({ intent: z.enum(["accept", "decline"]) });
