import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { users } from "#db/schema";

/** What the account page shows of a user, and nothing else. */
export async function getAccountOverview(userId: string) {
  const [row] = await db
    .select({ displayName: users.displayName, email: users.email, emailVerifiedAt: users.emailVerifiedAt, role: users.role, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
