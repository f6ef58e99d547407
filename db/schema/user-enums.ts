// Status, role and kind values as plain lists, without drizzle: the database enums, the zod
// schemas and the forms in the browser all derive from them.
export const userRoles = ["admin", "coordinator", "member"] as const;
export type UserRole = (typeof userRoles)[number];
export const userTokenPurposes = ["verify_email", "reset_password", "change_email"] as const;
export type UserTokenPurpose = (typeof userTokenPurposes)[number];
/** What the people list filters by: "blocked" wins over "unconfirmed"; "active" is confirmed and not blocked. */
export const userStatuses = ["active", "blocked", "unconfirmed"] as const;
export type UserStatus = (typeof userStatuses)[number];
/** The changes an admin makes to an account, as the admin log names them. */
export const adminLogActions = [
  "role_changed",
  "blocked",
  "unblocked",
  "password_reset_sent",
  "session_ended",
  "sessions_ended",
  "setup_completed",
  "invited",
  "invitation_resent",
  "invitation_revoked",
  "settings_changed",
  "two_factor_reset",
  "account_deleted",
  "partner_merged",
] as const;
export type AdminLogAction = (typeof adminLogActions)[number];
/** Who may see one contact field of a profile: the network's members, or nobody. Guests never do. */
export const contactVisibilities = ["members", "nobody"] as const;
export type ContactVisibility = (typeof contactVisibilities)[number];
/**
 * A session's second-factor state: null when complete; "code" while the TOTP code is still owed at
 * sign-in; "setup" when an admin or coordinator must set up two-factor sign-in before anything else.
 */
export const sessionTwoFactorStates = ["code", "setup"] as const;
export type SessionTwoFactorState = (typeof sessionTwoFactorStates)[number];
/** A data export's way through the job queue. */
export const dataExportStatuses = ["pending", "ready", "failed"] as const;
export type DataExportStatus = (typeof dataExportStatuses)[number];
