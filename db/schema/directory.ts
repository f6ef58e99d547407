import { sql } from "drizzle-orm";
import { boolean, check, date, doublePrecision, index, jsonb, pgEnum, pgTable, primaryKey, smallint, text, time, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { accessModes, costKinds, entryStatuses, partnerKinds, partnerRoles, suggestionStatuses, taxonomyKinds } from "./directory-enums";

// The directory follows Open Referral HSDS 3.0 where it fits: partner = organization,
// service = service, location = location, service_locations = service_at_location.

export const partnerKind = pgEnum("partner_kind", partnerKinds);

export const entryStatus = pgEnum("entry_status", entryStatuses);

export const costKind = pgEnum("cost_kind", costKinds);

export const accessMode = pgEnum("access_mode", accessModes);

export const taxonomyKind = pgEnum("taxonomy_kind", taxonomyKinds);

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

const verification = {
  lastVerifiedAt: timestamp("last_verified_at", { withTimezone: true }),
  lastVerifiedBy: uuid("last_verified_by").references(() => users.id, { onDelete: "set null" }),
};

// externalId: the record's id in the source it was imported from (HSDS id or CSV key), so that a
// re-import updates instead of duplicating.
export const partners = pgTable("partners", {
  id: uuid("id").primaryKey().defaultRandom(),
  externalId: text("external_id").unique(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  shortName: text("short_name"),
  kind: partnerKind("kind").notNull(),
  description: text("description").notNull().default(""),
  website: text("website"),
  email: text("email"),
  phone: text("phone"),
  status: entryStatus("status").notNull().default("active"),
  ...verification,
  ...timestamps,
});
export type Partner = typeof partners.$inferSelect;

export const locations = pgTable(
  "locations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    externalId: text("external_id").unique(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    name: text("name"),
    street: text("street").notNull(),
    postalCode: text("postal_code").notNull(),
    town: text("town").notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    accessibilityNote: text("accessibility_note"),
    wheelchairAccessible: boolean("wheelchair_accessible").notNull().default(false),
    ...timestamps,
  },
  // Distance sorting starts from a town or postal code found among the locations.
  (table) => [index("locations_partner_idx").on(table.partnerId), index("locations_town_idx").on(sql`lower(${table.town})`), index("locations_postal_code_idx").on(table.postalCode)],
);
export type Location = typeof locations.$inferSelect;

/** Regular weekly opening hours; several rows a day for split hours. */
export const openingHours = pgTable(
  "opening_hours",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    locationId: uuid("location_id")
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    // ISO weekday: 1 = Monday … 7 = Sunday.
    weekday: smallint("weekday").notNull(),
    opens: time("opens").notNull(),
    closes: time("closes").notNull(),
  },
  // "jetzt geöffnet" looks up today's weekday and the time of day across all locations.
  (table) => [index("opening_hours_location_idx").on(table.locationId), index("opening_hours_weekday_idx").on(table.weekday, table.opens, table.closes)],
);

/** A day that differs from the week: closed (no times) or other hours. */
export const openingExceptions = pgTable(
  "opening_exceptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    locationId: uuid("location_id")
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    opens: time("opens"),
    closes: time("closes"),
    note: text("note"),
  },
  (table) => [index("opening_exceptions_location_idx").on(table.locationId, table.day)],
);

/** The managed taxonomy: Themenfelder (categories) and Zielgruppen (target groups), labelled per language. */
export const taxonomyTerms = pgTable(
  "taxonomy_terms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: taxonomyKind("kind").notNull(),
    slug: text("slug").notNull(),
    labels: jsonb("labels").$type<Record<string, string>>().notNull(),
    position: smallint("position").notNull().default(0),
    // Extra words people search with for every service of this term ("Kita" for "Kinderbetreuung").
    keywords: text("keywords")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // A retired term is kept for history but offered nowhere; a merged one is deleted.
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (table) => [uniqueIndex("taxonomy_terms_kind_slug_idx").on(table.kind, table.slug)],
);
export type TaxonomyTerm = typeof taxonomyTerms.$inferSelect;

export const services = pgTable(
  "services",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    externalId: text("external_id").unique(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    // ISO 639-1 codes of the languages the service is offered in.
    languages: text("languages")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    cost: costKind("cost").notNull().default("unknown"),
    costNote: text("cost_note"),
    eligibility: text("eligibility"),
    // How one gets the service, in words: "Termin per Telefon, dann mit Pass vorbeikommen" (HSDS application_process).
    howToAccess: text("how_to_access"),
    accessModes: accessMode("access_modes")
      .array()
      .notNull()
      .default(sql`'{}'::access_mode[]`),
    contactName: text("contact_name"),
    // A network member who is the service's contact: their profile shows, to members, what they made visible.
    contactUserId: uuid("contact_user_id").references(() => users.id, { onDelete: "set null" }),
    // Words people search with that the texts lack: parts of compounds, other names, English.
    keywords: text("keywords")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: entryStatus("status").notNull().default("active"),
    ...verification,
    ...timestamps,
  },
  (table) => [index("services_partner_idx").on(table.partnerId)],
);
export type Service = typeof services.$inferSelect;

/**
 * A service's texts in another UI language (decision 074). The German ones on `services` stay the
 * original and the fallback; a translation may leave any text empty, and that text falls back alone.
 */
export const serviceTranslations = pgTable(
  "service_translations",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    // A UI language's code (app/locales/<code>/), never "de".
    lang: text("lang").notNull(),
    name: text("name"),
    description: text("description"),
    eligibility: text("eligibility"),
    howToAccess: text("how_to_access"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.serviceId, table.lang] })],
);
export type ServiceTranslation = typeof serviceTranslations.$inferSelect;

/** A partner's description in another UI language; German on `partners` is the fallback. */
export const partnerTranslations = pgTable(
  "partner_translations",
  {
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    lang: text("lang").notNull(),
    description: text("description").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.partnerId, table.lang] })],
);

export const serviceTerms = pgTable(
  "service_terms",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    termId: uuid("term_id")
      .notNull()
      .references(() => taxonomyTerms.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.serviceId, table.termId] }), index("service_terms_term_idx").on(table.termId)],
);

/** HSDS service_at_location: where a service is offered. */
export const serviceLocations = pgTable(
  "service_locations",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    locationId: uuid("location_id")
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.serviceId, table.locationId] }), index("service_locations_location_idx").on(table.locationId)],
);

/** The support chain: a service that usually follows another (Anschlussangebot). */
export const serviceNextSteps = pgTable(
  "service_next_steps",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    nextServiceId: uuid("next_service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.serviceId, table.nextServiceId] }), index("service_next_steps_next_idx").on(table.nextServiceId)],
);

export const partnerRole = pgEnum("partner_role", partnerRoles);

/** People who represent a partner: its editors keep its profile, locations and services. */
export const partnerMembers = pgTable(
  "partner_members",
  {
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: partnerRole("role").notNull().default("editor"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.partnerId, table.userId] }), index("partner_members_user_idx").on(table.userId)],
);

export const suggestionStatus = pgEnum("suggestion_status", suggestionStatuses);

/**
 * "Änderung vorschlagen": a member's note that an entry is wrong, reviewed by the partner's editors or
 * a coordinator. It is about exactly one entry: a service or a partner.
 */
export const changeSuggestions = pgTable(
  "change_suggestions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serviceId: uuid("service_id").references(() => services.id, { onDelete: "cascade" }),
    partnerId: uuid("partner_id").references(() => partners.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    message: text("message").notNull(),
    status: suggestionStatus("status").notNull().default("open"),
    handledBy: uuid("handled_by").references(() => users.id, { onDelete: "set null" }),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("change_suggestions_service_idx").on(table.serviceId, table.status),
    index("change_suggestions_partner_idx").on(table.partnerId, table.status),
    check("change_suggestions_one_target", sql`num_nonnulls(${table.serviceId}, ${table.partnerId}) = 1`),
  ],
);
