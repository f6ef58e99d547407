import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { groupTasks, topics, topicStatus } from "./topics-and-tasks";
import { workingGroups } from "./groups";
import { partners, services } from "./directory";
import { users } from "./users";
import { flagReasons, topicModerationActions, topicEventKinds, notificationKinds, notificationChannels } from "./open-mic-enums";

// ---------------------------------------------------------------------------------------------
// Replies to topics (the topics table itself: topics-and-tasks.ts)

/** A reply to a topic, by a member, possibly in the name of a partner they belong to. */
export const topicReplies = pgTable(
  "topic_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    anonymous: boolean("anonymous").notNull().default(false),
    // "Antwort von Jobcenter Auental": only editors of that partner may answer in its name.
    partnerId: uuid("partner_id").references(() => partners.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    // The language the reply is written in (ISO 639-1), chosen or detected.
    language: text("language").notNull().default("de"),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenBy: uuid("hidden_by").references(() => users.id, { onDelete: "set null" }),
    hiddenReason: text("hidden_reason"),
    // Hidden by the flags of several people, until a coordinator restores it or hides it for good.
    hiddenByFlags: boolean("hidden_by_flags").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("topic_replies_topic_idx").on(table.topicId, table.createdAt)],
);

/**
 * Every status change, with the visible answer text that must come with it. The newest one with an
 * answer is the topic's official answer, shown on top.
 */
export const topicStatusChanges = pgTable(
  "topic_status_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    fromStatus: topicStatus("from_status").notNull(),
    toStatus: topicStatus("to_status").notNull(),
    answer: text("answer").notNull(),
    // A short summary of the answer in plain language, shown before it.
    plainSummary: text("plain_summary"),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    groupId: uuid("group_id").references(() => workingGroups.id, { onDelete: "set null" }),
    taskId: uuid("task_id").references(() => groupTasks.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("topic_status_changes_topic_idx").on(table.topicId, table.createdAt)],
);

/** Directory entries an answer points to ("wer hier helfen kann"), shown as service cards. */
export const topicAnswerServices = pgTable(
  "topic_answer_services",
  {
    statusChangeId: uuid("status_change_id")
      .notNull()
      .references(() => topicStatusChanges.id, { onDelete: "cascade" }),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.statusChangeId, table.serviceId] })],
);

/** One support per member and topic: the primary key makes parallel clicks count once. */
export const topicSupports = pgTable(
  "topic_supports",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.topicId, table.userId] })],
);

/** Members who follow a topic get its replies, status changes and answers. */
export const topicFollows = pgTable(
  "topic_follows",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.topicId, table.userId] }), index("topic_follows_user_idx").on(table.userId)],
);

// ---------------------------------------------------------------------------------------------
// Moderation

export const flagReason = pgEnum("flag_reason", flagReasons);

/** A member flags a topic or a reply; coordinators resolve it in the queue. */
export const topicFlags = pgTable(
  "topic_flags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    replyId: uuid("reply_id").references(() => topicReplies.id, { onDelete: "cascade" }),
    reporterId: uuid("reporter_id").references(() => users.id, { onDelete: "set null" }),
    reason: flagReason("reason").notNull(),
    note: text("note").notNull().default(""),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("topic_flags_open_idx").on(table.resolvedAt, table.createdAt), uniqueIndex("topic_flags_once_idx").on(table.topicId, table.replyId, table.reporterId)],
);

export const topicModerationAction = pgEnum("topic_moderation_action", topicModerationActions);

/** Every moderation action in the Open Mic: who, when, why. */
export const topicModerationLog = pgTable(
  "topic_moderation_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    topicId: integer("topic_id").references(() => topics.id, { onDelete: "set null" }),
    replyId: uuid("reply_id").references(() => topicReplies.id, { onDelete: "set null" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: topicModerationAction("action").notNull(),
    reason: text("reason").notNull().default(""),
    detail: jsonb("detail").$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("topic_moderation_log_created_idx").on(table.createdAt)],
);

/** What a moderator's edit replaced, so the author sees what changed. Removed personal data is not kept. */
export const topicEdits = pgTable(
  "topic_edits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    replyId: uuid("reply_id").references(() => topicReplies.id, { onDelete: "cascade" }),
    editorId: uuid("editor_id").references(() => users.id, { onDelete: "set null" }),
    previousTitle: text("previous_title"),
    previousBody: text("previous_body"),
    reason: text("reason").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("topic_edits_topic_idx").on(table.topicId, table.createdAt)],
);

/** Guest addresses that may no longer post (lower case). */
export const bannedAddresses = pgTable("banned_addresses", {
  email: text("email").primaryKey(),
  reason: text("reason").notNull().default(""),
  bannedBy: uuid("banned_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

// ---------------------------------------------------------------------------------------------
// Updates and notifications

export const topicEventKind = pgEnum("topic_event_kind", topicEventKinds);

/**
 * What happened to a topic, in order: the topic's feed, and what notifications are made from
 * (a job fans each event out to the author, the followers and, for "submitted", coordinators).
 */
export const topicEvents = pgTable(
  "topic_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    kind: topicEventKind("kind").notNull(),
    replyId: uuid("reply_id").references(() => topicReplies.id, { onDelete: "cascade" }),
    statusChangeId: uuid("status_change_id").references(() => topicStatusChanges.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("topic_events_topic_idx").on(table.topicId, table.createdAt)],
);

export const notificationKind = pgEnum("notification_kind", notificationKinds);

export const notificationChannel = pgEnum("notification_channel", notificationChannels);

/** An in-app notification: the header's badge counts the unread ones. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    topicId: integer("topic_id").references(() => topics.id, { onDelete: "cascade" }),
    eventId: uuid("event_id").references(() => topicEvents.id, { onDelete: "cascade" }),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("notifications_user_idx").on(table.userId, table.readAt, table.createdAt), uniqueIndex("notifications_once_idx").on(table.userId, table.eventId)],
);

/** Per person and kind: in-app, e-mail or off (no row: the default of the kind). */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    channel: notificationChannel("channel").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
);
