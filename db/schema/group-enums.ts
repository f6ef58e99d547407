// Status, role and kind values as plain lists, without drizzle: the database enums, the zod
// schemas and the forms in the browser all derive from them.
export const moderationActions = ["lock", "unlock", "pin", "unpin", "move", "hide", "unhide"] as const;
export type ModerationAction = (typeof moderationActions)[number];
export const taskStatuses = ["open", "in_progress", "done"] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const attendanceResponses = ["yes", "no"] as const;
export type AttendanceResponse = (typeof attendanceResponses)[number];
export const invitationStatuses = ["pending", "accepted", "declined", "revoked"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];
export const groupVisibilities = ["public", "private"] as const;
export type GroupVisibility = (typeof groupVisibilities)[number];
export const groupRoles = ["coordinator", "member"] as const;
export type GroupRole = (typeof groupRoles)[number];
export const joinRequestStatuses = ["pending", "approved", "declined"] as const;
