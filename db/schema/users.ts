import { sql } from "drizzle-orm";
import { bigint, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { contactVisibilities, sessionTwoFactorStates, userRoles, userTokenPurposes } from "./user-enums";

export const userRole = pgEnum("user_role", userRoles);
export const contactVisibility = pgEnum("contact_visibility", contactVisibilities);
export const sessionTwoFactorState = pgEnum("session_two_factor_state", sessionTwoFactorStates);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    displayName: text("display_name").notNull(),
    // The name for @mentions ("marta.kowalczyk"): unique, made from the display name at sign-up.
    handle: text("handle").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: userRole("role").notNull().default("member"),
    locale: text("locale"),
    // Set when a session starts (sign-in, registration, a new password): the people list filters by it.
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    // A blocked account opens no session and cannot sign in; why is in the admin log.
    blockedAt: timestamp("blocked_at", { withTimezone: true }),
    // A deleted account keeps its row, emptied, so that posts it chose to leave show "ehemaliges Mitglied".
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    // Profile ("Wer ist wer"): a short text, a phone number, the languages spoken (ISO 639-1), and who sees the contact fields.
    about: text("about").notNull().default(""),
    phone: text("phone"),
    phoneVisibility: contactVisibility("phone_visibility").notNull().default("members"),
    emailVisibility: contactVisibility("email_visibility").notNull().default("nobody"),
    languages: text("languages")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Two-factor sign-in (TOTP, RFC 6238): the secret, encrypted with the installation's secret; the
    // time step of the last accepted code, so that no code is accepted twice.
    totpSecret: text("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("users_email_lower_idx").on(sql`lower(${table.email})`),
    uniqueIndex("users_handle_idx").on(table.handle),
    // The people list: substring search in names and addresses ("wendt" finds "Tobias Wendt") with
    // ILIKE, served by trigram indexes; pages in name order from the btree.
    index("users_display_name_trgm_idx").using("gin", table.displayName.op("gin_trgm_ops")),
    index("users_email_trgm_idx").using("gin", table.email.op("gin_trgm_ops")),
    index("users_name_order_idx").on(sql`lower(${table.displayName})`, table.id),
    index("users_last_sign_in_idx").on(table.lastSignInAt),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 of the session id in the cookie: a leaked table does not hand out sessions.
    idHash: text("id_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp("absolute_expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // Written at most every few minutes by the session check, so the admin sees roughly when a session was last used.
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    // null: signed in completely. "code": the password was right, the TOTP code is still owed.
    // "setup": an admin or coordinator must set up two-factor sign-in before anything else.
    twoFactor: sessionTwoFactorState("two_factor"),
  },
  (table) => [index("sessions_user_id_idx").on(table.userId)],
);

export const userTokenPurpose = pgEnum("user_token_purpose", userTokenPurposes);

export const userTokens = pgTable(
  "user_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: userTokenPurpose("purpose").notNull(),
    // The address a confirmation link was sent to: a changed address invalidates it.
    email: text("email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("user_tokens_user_id_idx").on(table.userId, table.purpose)],
);
