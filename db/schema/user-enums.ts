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
export const adminLogActions = ["role_changed", "blocked", "unblocked", "password_reset_sent", "session_ended", "sessions_ended", "setup_completed"] as const;
export type AdminLogAction = (typeof adminLogActions)[number];
