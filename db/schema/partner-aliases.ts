import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { partners } from "./directory";
import { users } from "./users";

/**
 * What a partner merged into another leaves behind (docs/decisions/061-merging-duplicate-partners.md):
 * its id in the import source, so that a re-import updates the surviving partner instead of creating
 * the absorbed one again, and its old slug, so that old links lead to the survivor. When the survivor
 * is merged on, its aliases move with it.
 */
export const partnerAliases = pgTable(
  "partner_aliases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    // The absorbed partner's values; each unique, as they were on partners.
    externalId: text("external_id").unique(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    mergedBy: uuid("merged_by").references(() => users.id, { onDelete: "set null" }),
    mergedAt: timestamp("merged_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("partner_aliases_partner_idx").on(table.partnerId)],
);
export type PartnerAlias = typeof partnerAliases.$inferSelect;
