import { and, desc, eq } from "drizzle-orm";
import { db } from "../../../db/client";
import { changeSuggestions, users } from "../../../db/schema";
import type { SessionUser } from "~/modules/auth/session.server";
import { consumeRateLimit } from "~/utils/rate-limit.server";

// Ten notes in a row, then one every few minutes: enough for real use, too few for a flood.
const SUGGESTION_LIMIT = { capacity: 10, refillPerSecond: 1 / 300 };

/** Records a member's change suggestion for a service; false when they sent too many at once. */
export async function suggestChange(user: SessionUser, serviceId: string, message: string): Promise<boolean> {
  if (!(await consumeRateLimit(db, `suggest:${user.id}`, SUGGESTION_LIMIT)).allowed) return false;
  await db.insert(changeSuggestions).values({ serviceId, authorId: user.id, message });
  return true;
}

/** The open suggestions for a service, newest first, with their authors' names. */
export async function getOpenSuggestions(serviceId: string) {
  return db
    .select({ id: changeSuggestions.id, message: changeSuggestions.message, createdAt: changeSuggestions.createdAt, author: users.displayName })
    .from(changeSuggestions)
    .leftJoin(users, eq(users.id, changeSuggestions.authorId))
    .where(and(eq(changeSuggestions.serviceId, serviceId), eq(changeSuggestions.status, "open")))
    .orderBy(desc(changeSuggestions.createdAt));
}

/** Closes a suggestion of this service (done or declined); other services' suggestions are untouched. */
export async function closeSuggestion(serviceId: string, suggestionId: string, status: "done" | "declined", userId: string): Promise<boolean> {
  const closed = await db
    .update(changeSuggestions)
    .set({ status, handledBy: userId, handledAt: new Date() })
    .where(and(eq(changeSuggestions.id, suggestionId), eq(changeSuggestions.serviceId, serviceId), eq(changeSuggestions.status, "open")))
    .returning({ id: changeSuggestions.id });
  return closed.length > 0;
}
