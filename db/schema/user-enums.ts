// Status, role and kind values as plain lists, without drizzle: the database enums, the zod
// schemas and the forms in the browser all derive from them.
export const userRoles = ["admin", "coordinator", "member"] as const;
export type UserRole = (typeof userRoles)[number];
export const userTokenPurposes = ["verify_email", "reset_password"] as const;
export type UserTokenPurpose = (typeof userTokenPurposes)[number];
