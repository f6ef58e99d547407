import { count, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Executor } from "#db/client";
import { adminLog, users, type AdminLogAction, type AdminLogValues } from "#db/schema";
import { logSecurityEvent } from "#app/utils/log.server";

export const ADMIN_LOG_PER_PAGE = 50;

export type AdminLogEntry = { actorId: string | null; targetUserId: string | null; action: AdminLogAction; before?: AdminLogValues; after?: AdminLogValues; reason?: string };

/**
 * Writes a row of the admin log; called inside the transaction of the change it records. The app log
 * gets the action too, with actor, target and the names of the changed fields (their values and the
 * reason stay in the admin log, which only admins read).
 */
export async function writeAdminLog(executor: Executor, entry: AdminLogEntry): Promise<void> {
  await executor.insert(adminLog).values({ ...entry, before: entry.before ?? {}, after: entry.after ?? {}, reason: entry.reason ?? "" });
  const fields = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])];
  logSecurityEvent("admin.action", { action: entry.action, userId: entry.actorId ?? undefined, targetUserId: entry.targetUserId ?? undefined, fields });
}

const actors = alias(users, "actors");
const targets = alias(users, "targets");

const entryColumns = {
  id: adminLog.id,
  action: adminLog.action,
  before: adminLog.before,
  after: adminLog.after,
  reason: adminLog.reason,
  createdAt: adminLog.createdAt,
  actorName: actors.displayName,
  targetId: adminLog.targetUserId,
  targetName: targets.displayName,
};

/** One page of the admin log, newest first. */
export async function getAdminLog(page: number) {
  const [total] = await db.select({ value: count() }).from(adminLog);
  const pages = Math.max(1, Math.ceil((total?.value ?? 0) / ADMIN_LOG_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const entries = await db
    .select(entryColumns)
    .from(adminLog)
    .leftJoin(actors, eq(actors.id, adminLog.actorId))
    .leftJoin(targets, eq(targets.id, adminLog.targetUserId))
    .orderBy(desc(adminLog.createdAt), desc(adminLog.id))
    .limit(ADMIN_LOG_PER_PAGE)
    .offset((current - 1) * ADMIN_LOG_PER_PAGE);
  return { entries, page: current, pages, total: total?.value ?? 0 };
}

/** The newest entries about one person, for their page. */
export async function getAdminLogFor(userId: string, limit = 10) {
  return db
    .select(entryColumns)
    .from(adminLog)
    .leftJoin(actors, eq(actors.id, adminLog.actorId))
    .leftJoin(targets, eq(targets.id, adminLog.targetUserId))
    .where(eq(adminLog.targetUserId, userId))
    .orderBy(desc(adminLog.createdAt), desc(adminLog.id))
    .limit(limit);
}
