import { and, eq, isNull } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { users } from "#db/schema";

const activeAdmin = and(eq(users.role, "admin"), isNull(users.blockedAt), isNull(users.deletedAt));

/**
 * Whether an active admin other than this one remains. Locks every active admin's row, so that two
 * admins demoting, blocking or deleting each other at once cannot leave the installation without one.
 */
export async function anotherActiveAdmin(tx: Executor, exceptId: string): Promise<boolean> {
  const admins = await tx.select({ id: users.id }).from(users).where(activeAdmin).for("update");
  return admins.some((admin) => admin.id !== exceptId);
}

/** Whether this person is the only active admin (pages say so before anyone tries; the writes check again under lock). */
export async function isLastActiveAdmin(userId: string, executor: Executor = db): Promise<boolean> {
  const admins = await executor.select({ id: users.id }).from(users).where(activeAdmin);
  return admins.length > 0 && admins.every((admin) => admin.id === userId);
}
