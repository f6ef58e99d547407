import { eq } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { users, type UserRole } from "#db/schema";
import { sendPasswordResetMail } from "#app/modules/auth/auth-mails.server";
import { endUserSession, endUserSessions } from "#app/modules/auth/session.server";
import { createUserToken } from "#app/modules/auth/tokens.server";
import { enqueuePersonSync } from "#app/modules/people/people-sync.server";
import { DEFAULT_LANGUAGE } from "#app/utils/i18n";
import type { Refusal } from "#app/utils/http";
import { consumeRateLimit } from "#app/utils/rate-limit.server";
import { anotherActiveAdmin } from "./active-admins.server";
import { writeAdminLog } from "./admin-log.server";
import { mayChangeRole, mayManageAccounts } from "./admin-rules";

/** Who makes the change: the signed-in user as their session saw them. */
export type Actor = { id: string; role: UserRole };

export type AdminRefusalReason = "notFound" | "forbidden" | "lastAdmin" | "self" | "unchanged" | "blocked" | "sessionGone" | "throttled";
export type AdminWriteResult = { ok: true } | Refusal<AdminRefusalReason>;

const refuse = (error: AdminRefusalReason, retryAfterSeconds?: number): Refusal<AdminRefusalReason> => ({ ok: false, error, retryAfterSeconds });

// Several reset mails in a row, then one every ten minutes: an admin's button fills nobody's mailbox.
const RESET_MAIL_LIMIT = { capacity: 3, refillPerSecond: 1 / 600 };

/** The account to change, locked until the transaction ends, so two admins' changes to it come one after the other. */
async function lockTarget(tx: Executor, id: string) {
  const [row] = await tx
    .select({ id: users.id, role: users.role, blockedAt: users.blockedAt, email: users.email, displayName: users.displayName, locale: users.locale })
    .from(users)
    .where(eq(users.id, id))
    .for("update");
  return row ?? null;
}

/** Changes a person's site role. Admins change any; coordinators none that involves admin or coordinator; the last active admin stays admin. */
export async function changeRole(actor: Actor, targetId: string, role: UserRole, reason = "", executor: Executor = db): Promise<AdminWriteResult> {
  return executor.transaction(async (tx) => {
    const target = await lockTarget(tx, targetId);
    if (!target) return refuse("notFound");
    if (!mayChangeRole(actor.role, target.role, role)) return refuse("forbidden");
    if (target.role === role) return refuse("unchanged");
    if (target.role === "admin" && !target.blockedAt && !(await anotherActiveAdmin(tx, target.id))) return refuse("lastAdmin");
    await tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, target.id));
    await writeAdminLog(tx, { actorId: actor.id, targetUserId: target.id, action: "role_changed", before: { role: target.role }, after: { role }, reason });
    return { ok: true } as const;
  });
}

/** Blocks an account and ends all its sessions at once; nobody blocks themselves, and the last active admin stays. */
export async function blockUser(actor: Actor, targetId: string, reason: string, executor: Executor = db): Promise<AdminWriteResult> {
  if (!mayManageAccounts(actor.role)) return refuse("forbidden");
  return executor.transaction(async (tx) => {
    const target = await lockTarget(tx, targetId);
    if (!target) return refuse("notFound");
    if (target.id === actor.id) return refuse("self");
    if (target.blockedAt) return refuse("unchanged");
    if (target.role === "admin" && !(await anotherActiveAdmin(tx, target.id))) return refuse("lastAdmin");
    const blockedAt = new Date();
    await tx.update(users).set({ blockedAt, updatedAt: blockedAt }).where(eq(users.id, target.id));
    await enqueuePersonSync(tx, target.id);
    const ended = await endUserSessions(tx, target.id);
    await writeAdminLog(tx, { actorId: actor.id, targetUserId: target.id, action: "blocked", before: { blocked: "no" }, after: { blocked: "yes", sessionsEnded: String(ended) }, reason });
    return { ok: true } as const;
  });
}

/** Lifts a block: the person can sign in again (their old sessions stay ended). */
export async function unblockUser(actor: Actor, targetId: string, reason = "", executor: Executor = db): Promise<AdminWriteResult> {
  if (!mayManageAccounts(actor.role)) return refuse("forbidden");
  return executor.transaction(async (tx) => {
    const target = await lockTarget(tx, targetId);
    if (!target) return refuse("notFound");
    if (!target.blockedAt) return refuse("unchanged");
    await tx.update(users).set({ blockedAt: null, updatedAt: new Date() }).where(eq(users.id, target.id));
    await enqueuePersonSync(tx, target.id);
    await writeAdminLog(tx, { actorId: actor.id, targetUserId: target.id, action: "unblocked", before: { blocked: "yes" }, after: { blocked: "no" }, reason });
    return { ok: true } as const;
  });
}

/**
 * Mails the person a password-reset link (the same link and mail as "Passwort vergessen", in their
 * language). The token and the log row are written together; the mail goes out after the commit.
 */
export async function sendResetMail(actor: Actor, targetId: string, reason = "", executor: Executor = db): Promise<AdminWriteResult> {
  if (!mayManageAccounts(actor.role)) return refuse("forbidden");
  const outcome = await executor.transaction(async (tx) => {
    const target = await lockTarget(tx, targetId);
    if (!target) return refuse("notFound");
    // A blocked person cannot sign in with a new password either: the link would only confuse.
    if (target.blockedAt) return refuse("blocked");
    const limit = await consumeRateLimit(tx, `admin-reset-mail:${target.id}`, RESET_MAIL_LIMIT);
    if (!limit.allowed) return refuse("throttled", limit.retryAfterSeconds);
    const token = await createUserToken(tx, target.id, "reset_password", target.email);
    await writeAdminLog(tx, { actorId: actor.id, targetUserId: target.id, action: "password_reset_sent", after: { email: target.email }, reason });
    return { ok: true as const, target, token };
  });
  if (!outcome.ok) return outcome;
  await sendPasswordResetMail(outcome.target.locale ?? DEFAULT_LANGUAGE, outcome.target, outcome.token);
  return { ok: true };
}

/** Ends one session of the person (by its key from their page) or all of them ("all"). */
export async function endSessions(actor: Actor, targetId: string, session: string, reason = "", executor: Executor = db): Promise<AdminWriteResult> {
  if (!mayManageAccounts(actor.role)) return refuse("forbidden");
  return executor.transaction(async (tx) => {
    const target = await lockTarget(tx, targetId);
    if (!target) return refuse("notFound");
    if (session === "all") {
      const ended = await endUserSessions(tx, target.id);
      if (ended === 0) return refuse("sessionGone");
      await writeAdminLog(tx, { actorId: actor.id, targetUserId: target.id, action: "sessions_ended", before: { sessions: String(ended) }, after: { sessions: "0" }, reason });
      return { ok: true } as const;
    }
    const startedAt = await endUserSession(tx, target.id, session);
    if (!startedAt) return refuse("sessionGone");
    await writeAdminLog(tx, { actorId: actor.id, targetUserId: target.id, action: "session_ended", before: { sessionStartedAt: startedAt.toISOString() }, reason });
    return { ok: true } as const;
  });
}
