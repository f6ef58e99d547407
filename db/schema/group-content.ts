import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workingGroups } from "./groups";
import { users } from "./users";
import { attendanceResponses, invitationStatuses, moderationActions } from "./group-enums";

// ---------------------------------------------------------------------------------------------
// Threads: discussions inside a group. The opening post is the thread's first post.

/** A discussion in a group; coordinators of the group may pin, lock or move it to another group. */
export const groupThreads = pgTable(
  "group_threads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    pinnedAt: timestamp("pinned_at", { withTimezone: true }),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    // The time of the newest visible post: sorts the list and drives "new since your last visit".
    lastPostAt: timestamp("last_post_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("group_threads_group_idx").on(table.groupId, table.lastPostAt)],
);

/** A post in a thread (Markdown subset). Hidden posts stay for the record and for coordinators. */
export const groupPosts = pgTable(
  "group_posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => groupThreads.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenBy: uuid("hidden_by").references(() => users.id, { onDelete: "set null" }),
    hiddenReason: text("hidden_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("group_posts_thread_idx").on(table.threadId, table.createdAt)],
);

export const moderationAction = pgEnum("group_moderation_action", moderationActions);

/** Every moderation action in a group: who, when, why; visible to the group's coordinators. */
export const groupModerationLog = pgTable(
  "group_moderation_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: moderationAction("action").notNull(),
    threadId: uuid("thread_id").references(() => groupThreads.id, { onDelete: "set null" }),
    postId: uuid("post_id").references(() => groupPosts.id, { onDelete: "set null" }),
    reason: text("reason").notNull().default(""),
    // e.g. { fromGroupId, toGroupId } for a move.
    detail: jsonb("detail").$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("group_moderation_log_group_idx").on(table.groupId, table.createdAt)],
);

// ---------------------------------------------------------------------------------------------
// Meetings and network-wide events

/** A meeting of a group, or a network-wide event when it has no group (e.g. the monthly exchange). */
export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id").references(() => workingGroups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    place: text("place").notNull().default(""),
    onlineUrl: text("online_url"),
    agenda: text("agenda").notNull().default(""),
    minutes: text("minutes").notNull().default(""),
    minutesBy: uuid("minutes_by").references(() => users.id, { onDelete: "set null" }),
    minutesAt: timestamp("minutes_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    // iCalendar SEQUENCE: raised on every change so subscribed calendars take the update.
    sequence: integer("sequence").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("meetings_group_idx").on(table.groupId, table.startsAt), index("meetings_starts_idx").on(table.startsAt)],
);

export const attendanceResponse = pgEnum("meeting_attendance_response", attendanceResponses);

/** A member's answer to a meeting: zusagen (yes) or absagen (no). */
export const meetingAttendance = pgTable(
  "meeting_attendance",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    response: attendanceResponse("response").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.meetingId, table.userId] })],
);

/**
 * A person's secret for calendar subscriptions (private groups' feeds need it). Only its SHA-256
 * hash is kept; the address is shown once when it is made and can be replaced at any time.
 */
export const calendarTokens = pgTable("calendar_tokens", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

// ---------------------------------------------------------------------------------------------
// Invitations

export const invitationStatus = pgEnum("group_invitation_status", invitationStatuses);

/** A coordinator invites someone by e-mail address; whoever signs in with that address may accept. */
export const groupInvitations = pgTable(
  "group_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    message: text("message").notNull().default(""),
    status: invitationStatus("status").notNull().default("pending"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("group_invitations_email_idx").on(table.email, table.status), index("group_invitations_group_idx").on(table.groupId, table.status)],
);
