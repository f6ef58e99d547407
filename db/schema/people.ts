import { sql } from "drizzle-orm";
import { boolean, check, customType, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { dataExportStatuses } from "./user-enums";
import { userRole, users } from "./users";
import { partners, taxonomyTerms } from "./directory";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** A person's organisations ("Wer ist wer"): each a directory partner, with their function there. */
export const userOrganizations = pgTable(
  "user_organizations",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    // "Integrationskoordination", "Fallmanagement U25".
    function: text("function").notNull().default(""),
    position: smallint("position").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.userId, table.partnerId] }), index("user_organizations_partner_idx").on(table.partnerId)],
);

/** The topics a person works on: the directory's categories. */
export const userTopics = pgTable(
  "user_topics",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    termId: uuid("term_id")
      .notNull()
      .references(() => taxonomyTerms.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.userId, table.termId] }), index("user_topics_term_idx").on(table.termId)],
);

/** An invitation to the network: a single-use link, bound to the address, valid for 14 days. Only the link's hash is stored. */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    // Presets the new account starts with.
    role: userRole("role").notNull().default("member"),
    partnerId: uuid("partner_id").references(() => partners.id, { onDelete: "set null" }),
    partnerFunction: text("partner_function").notNull().default(""),
    groupIds: uuid("group_ids")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    // The language of the mail and of the page the link opens.
    locale: text("locale").notNull().default("de"),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    sendCount: integer("send_count").notNull().default(1),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedUserId: uuid("accepted_user_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("invitations_email_idx").on(sql`lower(${table.email})`),
    index("invitations_created_idx").on(table.createdAt, table.id),
    // One open invitation per address: inviting again resends it.
    uniqueIndex("invitations_open_email_idx")
      .on(sql`lower(${table.email})`)
      .where(sql`${table.acceptedAt} is null and ${table.revokedAt} is null`),
  ],
);
export type Invitation = typeof invitations.$inferSelect;

/** Settings of the installation that admins change in the browser: exactly one row. */
export const siteSettings = pgTable(
  "site_settings",
  {
    id: smallint("id").primaryKey().default(1),
    // Registration only through an invitation ("geschlossenes Netzwerk").
    invitationOnly: boolean("invitation_only").notNull().default(false),
    // Open Mic: flags from this many different people hide a post until a coordinator looks at it (0: never).
    flagsToHide: smallint("flags_to_hide").notNull().default(3),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (table) => [check("site_settings_one_row", sql`${table.id} = 1`), check("site_settings_flags_to_hide_range", sql`${table.flagsToHide} between 0 and 50`)],
);

export const dataExportStatus = pgEnum("data_export_status", dataExportStatuses);

/** A person's data export (GDPR Art. 15 and 20), made in the job queue, downloadable by its owner for 24 hours. */
export const dataExports = pgTable(
  "data_exports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: dataExportStatus("status").notNull().default("pending"),
    fileName: text("file_name"),
    content: bytea("content"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readyAt: timestamp("ready_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("data_exports_user_idx").on(table.userId, table.createdAt)],
);

/** Recovery codes for two-factor sign-in: each works once; only hashes are stored. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.codeHash] })],
);
