import { index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { adminLogActions } from "./user-enums";
import { users } from "./users";

export const adminLogAction = pgEnum("admin_log_action", adminLogActions);

/** What a value looked like before and after a change ("role": "member" → "coordinator"). */
export type AdminLogValues = Record<string, string | null>;

/** Every change an admin makes to an account: who, when, what (before and after) and why. Written in the change's transaction. */
export const adminLog = pgTable(
  "admin_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    targetUserId: uuid("target_user_id").references(() => users.id, { onDelete: "set null" }),
    action: adminLogAction("action").notNull(),
    before: jsonb("before").$type<AdminLogValues>().notNull().default({}),
    after: jsonb("after").$type<AdminLogValues>().notNull().default({}),
    reason: text("reason").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("admin_log_created_idx").on(table.createdAt, table.id), index("admin_log_target_idx").on(table.targetUserId, table.createdAt)],
);

/** The one-time link that sets up the first admin of an empty installation: only its hash is stored. */
export const adminSetupTokens = pgTable("admin_setup_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
