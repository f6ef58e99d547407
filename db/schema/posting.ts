import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * What was posted lately, as keyed hashes of author and normalised text, never the text: the same
 * post again within a few minutes is refused. Rows older than that window are deleted as new ones come.
 */
export const postFingerprints = pgTable(
  "post_fingerprints",
  {
    fingerprint: text("fingerprint").primaryKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("post_fingerprints_created_idx").on(table.createdAt)],
);
