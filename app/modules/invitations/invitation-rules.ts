import { mayChangeRole } from "#app/modules/admin/admin-rules";
import type { UserRole } from "#db/schema/user-enums";

/** How long an invitation link works. */
export const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/** The most addresses one form may invite at once (pasted and uploaded together). */
export const MAX_INVITATIONS = 500;

/** The invitations list pages by this many. */
export const INVITATIONS_PER_PAGE = 50;

/** Longest function text ("Fallmanagement U25") an invitation presets. */
export const FUNCTION_MAX = 120;

/**
 * Where an invitation stands, derived from its dates: accepted and revoked are final; an open one
 * is pending until it expires. (Derived, not a database enum: the list filters by it.)
 */
export const invitationStates = ["pending", "accepted", "expired", "revoked"] as const;
export type InvitationState = (typeof invitationStates)[number];

export function invitationState(invitation: { acceptedAt: Date | string | null; revokedAt: Date | string | null; expiresAt: Date | string }, now = new Date()): InvitationState {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  return new Date(invitation.expiresAt) <= now ? "expired" : "pending";
}

/**
 * Whether someone with this site role may invite people into a role: inviting is granting the role
 * to a new member, so the people administration's rule decides (coordinators invite members only).
 * The same rule decides who may resend or withdraw an invitation.
 */
export function mayPresetRole(actorRole: UserRole, role: UserRole): boolean {
  return mayChangeRole(actorRole, "member", role);
}

/** Whether someone with this site role may change the site's settings (registration by invitation only). */
export function mayChangeSiteSettings(actorRole: UserRole): boolean {
  return actorRole === "admin";
}
