import { db } from "#db/client";
import { logSecurityEvent } from "#app/utils/log.server";
import { consumeRateLimit } from "#app/utils/rate-limit.server";
import { sendPasswordResetMail, sendVerificationMail } from "./auth-mails.server";
import { isCommonPassword } from "./password.server";
import { createSignInSession, invalidateUserSessions } from "./session.server";
import { throttle } from "./throttle.server";
import { consumeUserToken, createUserToken, peekUserToken } from "./tokens.server";
import { createUser, findUserByEmail, findUserById, markEmailVerified, setPassword } from "./users.server";

/** Field errors for a new password beyond its length (checked on the server only: the list is large). */
export function newPasswordErrors(password: string): string[] | undefined {
  return isCommonPassword(password) ? ["validation.passwordCommon"] : undefined;
}

export type RegisterInput = { email: string; displayName: string; password: string };

export type RegisterOutcome = { ok: true; setCookie: string } | { ok: false; reason: "taken" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** Creates a member account, signs it in and mails the confirmation link. */
export async function register(input: RegisterInput, lang: string, clientAddress: string): Promise<RegisterOutcome> {
  const wait = await throttle("register", input.email, clientAddress);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: wait };
  const user = await createUser(db, { ...input, locale: lang });
  if (!user) return { ok: false, reason: "taken" };
  const token = await createUserToken(db, user.id, "verify_email", user.email);
  await sendVerificationMail(lang, user, token);
  return { ok: true, setCookie: await createSignInSession(user.id) };
}

// A few links in a row, then one every ten minutes: nobody fills a mailbox from this button.
const RESEND_LIMIT = { capacity: 3, refillPerSecond: 1 / 600 };

/** Mails a new confirmation link to the user's current address; false when asked too often. */
export async function resendVerification(userId: string, lang: string): Promise<boolean> {
  const user = await findUserById(db, userId);
  if (!user || user.emailVerifiedAt) return true;
  if (!(await consumeRateLimit(db, `verify-mail:${user.id}`, RESEND_LIMIT)).allowed) return false;
  const token = await createUserToken(db, user.id, "verify_email", user.email);
  await sendVerificationMail(lang, user, token);
  return true;
}

/** Confirms the address the token was sent to; false for an invalid, used or outdated token. */
export async function confirmEmail(token: string): Promise<boolean> {
  const row = await consumeUserToken(db, token, "verify_email");
  return row ? markEmailVerified(db, row.userId, row.email) : false;
}

/**
 * Mails a reset link if the address has an account. The answer is the same either way, so the form
 * does not tell which addresses exist; only the throttle's wait is returned.
 */
export async function requestPasswordReset(email: string, clientAddress: string, lang: string): Promise<number> {
  const wait = await throttle("reset", email, clientAddress);
  if (wait > 0) return wait;
  const user = await findUserByEmail(db, email);
  if (user) {
    const token = await createUserToken(db, user.id, "reset_password", user.email);
    await sendPasswordResetMail(user.locale ?? lang, user, token);
  }
  return 0;
}

/** True while a reset link can still be used (to show its form). */
export async function isResetTokenValid(token: string): Promise<boolean> {
  return Boolean(await peekUserToken(db, token, "reset_password"));
}

/** Sets the new password for a valid reset token and ends every session of the account. */
export async function resetPassword(token: string, password: string): Promise<boolean> {
  const ok = await db.transaction(async (tx) => {
    const row = await consumeUserToken(tx, token, "reset_password");
    if (!row) return false;
    await setPassword(tx, row.userId, password);
    // Following the link proved access to the mailbox.
    await markEmailVerified(tx, row.userId, row.email);
    return row.userId;
  });
  if (!ok) {
    logSecurityEvent("auth.password_reset_failed", { reason: "invalidLink" }, "warn");
    return false;
  }
  await invalidateUserSessions(ok);
  logSecurityEvent("auth.password_reset", { userId: ok });
  return true;
}

/**
 * Changes the password, ends every session and opens a new one for this browser: a complete one, as
 * the person was signed in completely (or owes the two-factor setup, if their role now requires it).
 */
export async function changePassword(userId: string, password: string): Promise<string> {
  await setPassword(db, userId, password);
  await invalidateUserSessions(userId);
  logSecurityEvent("auth.password_changed", { userId });
  return createSignInSession(userId, { secondFactorDone: true });
}
