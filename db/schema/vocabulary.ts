import { sql } from "drizzle-orm";
import { date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { termMappingDecisions } from "./directory-enums";
import { partners, services, taxonomyTerms } from "./directory";
import { users } from "./users";

export const termMappingDecision = pgEnum("term_mapping_decision", termMappingDecisions);

/**
 * A term of another system's taxonomy met on import ("Familien mit Kindern"), with what a coordinator
 * decided about it. Kept per source, so the next import of the same source reuses the decision.
 */
export const termMappings = pgTable(
  "term_mappings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Which system the file came from (e.g. its HSDS metadata or the file's organisation), as the importer names it.
    source: text("source").notNull(),
    // The source taxonomy's name or URI, and the term's code there (if any) and its name.
    taxonomy: text("taxonomy").notNull(),
    // What identifies the term within its taxonomy: its code, else its name in lower case.
    key: text("key").notNull(),
    code: text("code"),
    name: text("name").notNull(),
    decision: termMappingDecision("decision"),
    // The local term it maps to (decision "map"), or the term it became (decision "adopt").
    termId: uuid("term_id").references(() => taxonomyTerms.id, { onDelete: "set null" }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("term_mappings_key_idx").on(table.source, table.taxonomy, table.key)],
);
export type TermMapping = typeof termMappings.$inferSelect;

/** The foreign terms a service carries until they are settled (and for the record afterwards). */
export const serviceForeignTerms = pgTable(
  "service_foreign_terms",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    mappingId: uuid("mapping_id")
      .notNull()
      .references(() => termMappings.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.serviceId, table.mappingId] }), index("service_foreign_terms_mapping_idx").on(table.mappingId)],
);

/** Synonym groups coordinators keep in the browser: every word of a group finds the others. */
export const searchSynonyms = pgTable("search_synonyms", {
  id: uuid("id").primaryKey().defaultRandom(),
  words: text("words")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Searches that found nothing: the normalised query and a count per day, nothing about who searched. Kept 90 days. */
export const zeroResultSearches = pgTable(
  "zero_result_searches",
  {
    query: text("query").notNull(),
    day: date("day").notNull(),
    count: integer("count").notNull().default(1),
  },
  (table) => [primaryKey({ columns: [table.query, table.day] }), index("zero_result_searches_day_idx").on(table.day)],
);

/** Reminder mails to a partner's editors about entries not checked for 12 months: who was reminded, when. */
export const verificationReminders = pgTable(
  "verification_reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    email: text("email").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("verification_reminders_partner_idx").on(table.partnerId, table.sentAt)],
);

/**
 * Which version of its documents each search index was last rebuilt with (search/reindex.ts): a
 * start after an upgrade that changed how documents are made rebuilds the index once.
 */
export const searchIndexBuilds = pgTable("search_index_builds", {
  // The index's uid, with the installation's prefix.
  index: text("index").primaryKey(),
  version: integer("version").notNull(),
  builtAt: timestamp("built_at", { withTimezone: true }).notNull().defaultNow(),
});
