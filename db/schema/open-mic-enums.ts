// Status, role and kind values as plain lists, without drizzle: the database enums, the zod
// schemas and the forms in the browser all derive from them.
export const topicStatuses = ["new", "clarifying", "routed", "implemented", "answered", "closed", "rejected"] as const;
export type TopicStatus = (typeof topicStatuses)[number];
export const flagReasons = ["spam", "offensive", "personal_data", "other"] as const;
export type FlagReason = (typeof flagReasons)[number];
export const topicModerationActions = ["approve", "hide", "unhide", "edit", "lock", "unlock", "merge", "ban", "remove_personal_data", "resolve_flag"] as const;
export type TopicModerationAction = (typeof topicModerationActions)[number];
export const topicEventKinds = ["reply", "status", "answer", "submitted", "flagged"] as const;
export type TopicEventKind = (typeof topicEventKinds)[number];
export const notificationKinds = ["topic_reply", "topic_status", "topic_answer", "moderation_queue"] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const notificationChannels = ["in_app", "email", "off"] as const;
export type NotificationChannel = (typeof notificationChannels)[number];
