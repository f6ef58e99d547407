import { index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { groupVisibilities, groupRoles, joinRequestStatuses } from "./group-enums";

export const groupVisibility = pgEnum("group_visibility", groupVisibilities);

export const groupRole = pgEnum("group_role", groupRoles);

export const joinRequestStatus = pgEnum("join_request_status", joinRequestStatuses);

/** An Arbeitsgruppe: a space of its own, public (anyone reads) or private (members only). */
export const workingGroups = pgTable("working_groups", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  focus: text("focus").notNull(),
  description: text("description").notNull().default(""),
  visibility: groupVisibility("visibility").notNull().default("public"),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Group roles live on the membership: a person coordinates some groups and is a member of others. */
export const groupMemberships = pgTable(
  "group_memberships",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: groupRole("role").notNull().default("member"),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
    lastVisitAt: timestamp("last_visit_at", { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.groupId, table.userId] }), index("group_memberships_user_idx").on(table.userId)],
);

/** A request to join a private group, with a message, decided by its coordinators. */
export const groupJoinRequests = pgTable(
  "group_join_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => workingGroups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    message: text("message").notNull().default(""),
    status: joinRequestStatus("status").notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("group_join_requests_group_idx").on(table.groupId, table.status)],
);
