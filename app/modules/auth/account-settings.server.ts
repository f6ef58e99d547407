import { and, eq, gt, ne, sql } from "drizzle-orm";
import { db } from "#db/client";
import { sessions, users, userTokens } from "#db/schema";
import { enqueuePersonSync } from "#app/modules/people/people-sync.server";
import type { Refusal } from "#app/utils/http";
import { hashSessionId } from "./adapter.server";
import { sendEmailChangeMail, sendEmailChangeNotice } from "./auth-mails.server";
import { getLucia } from "./lucia.server";
import { endUserSession, listUserSessions } from "./session.server";
import { checkCurrentPassword } from "./sign-in.server";
import { consumeUserToken, createUserToken } from "./tokens.server";
import { findUserByEmail, findUserById, normaliseEmail } from "./users.server";

/** The key (stored hash) of the session this request came with, or null. */
export function currentSessionKey(request: Request): string | null {
  const sessionId = getLucia().readSessionCookie(request.headers.get("Cookie") ?? "");
  return sessionId ? hashSessionId(sessionId) : null;
}

/** The user's own open sessions, newest first, the one of this request marked as current. */
export async function listOwnSessions(userId: string, request: Request) {
  const current = currentSessionKey(request);
  const rows = await listUserSessions(db, userId);
  return rows.map((row) => ({ ...row, current: row.key === current }));
}

/** Ends one of the user's other sessions; false when it is this request's session or no session of this user. */
export async function endOtherSession(userId: string, key: string, request: Request): Promise<boolean> {
  if (key === currentSessionKey(request)) return false;
  return (await endUserSession(db, userId, key)) !== null;
}

/** Ends every session of the user except this request's; returns how many ended. */
export async function endOtherSessions(userId: string, request: Request): Promise<number> {
  const current = currentSessionKey(request);
  const others = current ? and(eq(sessions.userId, userId), ne(sessions.idHash, current)) : eq(sessions.userId, userId);
  return (await db.delete(sessions).where(others).returning({ key: sessions.idHash })).length;
}

/** The address waiting for confirmation, or null. */
export async function pendingEmailChange(userId: string): Promise<string | null> {
  const [row] = await db
    .select({ email: userTokens.email })
    .from(userTokens)
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, "change_email"), gt(userTokens.expiresAt, new Date())));
  return row?.email ?? null;
}

export type EmailChangeOutcome = { ok: true } | Refusal<"wrongPassword" | "throttled" | "taken" | "same">;

/**
 * Asks for a new address: the current password again (under the sign-in throttle), then a link to the
 * new address and a notice to the old one. The address itself changes only when the link is followed.
 */
export async function requestEmailChange(userId: string, newEmail: string, password: string, clientAddress: string, fallbackLang: string): Promise<EmailChangeOutcome> {
  const user = await findUserById(db, userId);
  if (!user) return { ok: false, error: "wrongPassword" };
  const check = await checkCurrentPassword(user.id, user.email, password, clientAddress);
  if (check !== true) return check > 0 ? { ok: false, error: "throttled", retryAfterSeconds: check } : { ok: false, error: "wrongPassword" };
  const email = normaliseEmail(newEmail);
  if (email === normaliseEmail(user.email)) return { ok: false, error: "same" };
  if (await findUserByEmail(db, email)) return { ok: false, error: "taken" };
  const token = await createUserToken(db, user.id, "change_email", email);
  const lang = user.locale ?? fallbackLang;
  await sendEmailChangeMail(lang, { email, displayName: user.displayName }, token);
  await sendEmailChangeNotice(lang, user, email);
  return { ok: true };
}

/**
 * Follows a confirmation link: the account takes the new address, now confirmed. False for an invalid,
 * used or outdated link, or when another account took the address meanwhile (the link is used up then too).
 */
export async function confirmEmailChange(token: string): Promise<boolean> {
  const row = await consumeUserToken(db, token, "change_email");
  if (!row) return false;
  const change = db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(sql`lower(${users.email})`, row.email), ne(users.id, row.userId)));
    if (taken) return false;
    const updated = await tx.update(users).set({ email: row.email, emailVerifiedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, row.userId)).returning({ id: users.id });
    if (updated.length > 0) await enqueuePersonSync(tx, row.userId);
    // Links sent to the old address confirm nothing any more.
    await tx.delete(userTokens).where(and(eq(userTokens.userId, row.userId), eq(userTokens.purpose, "verify_email")));
    return updated.length > 0;
  });
  // Two accounts confirming the same new address at once: the unique index refuses the second.
  return change.catch((error: unknown) => {
    if ((error as { code?: string } | null)?.code === "23505") return false;
    throw error;
  });
}
