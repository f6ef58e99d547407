import { boolean, doublePrecision, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Token buckets for throttling; shared by every app process because they live here. */
export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  key: text("key").primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  lastAllowed: boolean("last_allowed").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
