import { boolean, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { taxonomyTerms } from "./directory";
import { groupThreads } from "./group-content";
import { taskStatuses } from "./group-enums";
import { workingGroups } from "./groups";
import { topicStatuses } from "./open-mic-enums";
import { users } from "./users";

// An Open Mic topic handed to a group may get a task there, and a task may name the topic it came
// from: the two tables point at each other, so they live in one module (in two, each module would
// import the other).

// ---------------------------------------------------------------------------------------------
// Topics ("Anliegen") and their replies

export const topicStatus = pgEnum("topic_status", topicStatuses);

/**
 * A concern, problem or idea raised in the Open Mic. Members' topics are approved at once; guests'
 * wait for a coordinator (approvedAt null). A member may post as "anonym": authorId still says who,
 * for coordinators only.
 */
export const topics = pgTable(
  "topics",
  {
    // A short number people can quote ("Anliegen 42"): /open-mic/42.
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    categoryId: uuid("category_id").references(() => taxonomyTerms.id, { onDelete: "set null" }),
    town: text("town"),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    anonymous: boolean("anonymous").notNull().default(false),
    // Guests only: an optional address for the answer, and the name they gave (if any).
    guestEmail: text("guest_email"),
    guestName: text("guest_name"),
    // The UI language of the page a guest wrote from: their mails go out in it (decision 074).
    guestLanguage: text("guest_language"),
    // The language the topic is written in (ISO 639-1): chosen by the author or detected; marks up the text.
    language: text("language").notNull().default("de"),
    status: topicStatus("status").notNull().default("new"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvedBy: uuid("approved_by").references(() => users.id, { onDelete: "set null" }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenBy: uuid("hidden_by").references(() => users.id, { onDelete: "set null" }),
    hiddenReason: text("hidden_reason"),
    // Hidden by the flags of several people, until a coordinator restores it or hides it for good.
    hiddenByFlags: boolean("hidden_by_flags").notNull().default(false),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    // A duplicate points to the topic that was kept.
    mergedIntoId: integer("merged_into_id"),
    // Handed to a working group: who owns it now, an optional task there, when to look again.
    routedGroupId: uuid("routed_group_id").references(() => workingGroups.id, { onDelete: "set null" }),
    routedTaskId: uuid("routed_task_id").references(() => groupTasks.id, { onDelete: "set null" }),
    nextReviewAt: date("next_review_at"),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    // The last reply, status change or answer: "most active", "no movement since".
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("topics_status_idx").on(table.status, table.createdAt), index("topics_activity_idx").on(table.lastActivityAt), index("topics_group_idx").on(table.routedGroupId)],
);

// ---------------------------------------------------------------------------------------------
// Tasks ("Arbeitsaufgaben")

export const taskStatus = pgEnum("group_task_status", taskStatuses);

/** A task a group set itself, optionally linked to one of its threads or an Open Mic topic. */
export const groupTasks = pgTable(
  "group_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    status: taskStatus("status").notNull().default("open"),
    dueDate: date("due_date"),
    threadId: uuid("thread_id").references(() => groupThreads.id, { onDelete: "set null" }),
    // The Open Mic topic this task came from.
    topicId: integer("topic_id").references((): AnyPgColumn => topics.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("group_tasks_group_idx").on(table.groupId, table.status)],
);

/** One or more members of the group work on a task. */
export const groupTaskAssignees = pgTable(
  "group_task_assignees",
  {
    taskId: uuid("task_id")
      .notNull()
      .references(() => groupTasks.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.taskId, table.userId] }), index("group_task_assignees_user_idx").on(table.userId)],
);
