import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Feedback from the accessibility statement (/barrierefreiheit): a barrier someone met, or a request
 * for content in an accessible form. Coordinators see and settle it; an address is optional.
 */
export const accessibilityFeedback = pgTable("accessibility_feedback", {
  id: uuid("id").primaryKey().defaultRandom(),
  message: text("message").notNull(),
  // The page the barrier is on, as the sender gave it.
  pageUrl: text("page_url"),
  name: text("name"),
  email: text("email"),
  // The UI language of the page it was sent from: the answer goes out in it.
  language: text("language").notNull(),
  senderId: uuid("sender_id").references(() => users.id, { onDelete: "set null" }),
  handledAt: timestamp("handled_at", { withTimezone: true }),
  handledBy: uuid("handled_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
