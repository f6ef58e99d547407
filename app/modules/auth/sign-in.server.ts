import { db } from "#db/client";
import type { SessionTwoFactorState } from "#db/schema";
import { isDemoAddress } from "#app/modules/demo/demo-users.server";
import { getEnv } from "#app/utils/env.server";
import { logSecurityEvent, maskEmail, setRequestActor } from "#app/utils/log.server";
import { getDummyHash, verifyPassword } from "./password.server";
import { createUserSession, signInState } from "./session.server";
import { clearAccountThrottle, throttle } from "./throttle.server";
import { findUserByEmail, findUserById } from "./users.server";

/** A session that owes the TOTP code ("code") or the two-factor setup ("setup") leads there next. */
export type SignInOutcome = { ok: true; setCookie: string; twoFactor: SessionTwoFactorState | null } | { ok: false; retryAfterSeconds: number };

/**
 * Demo accounts have a password printed in the README: they sign in only where APP_URL is localhost, wherever their
 * rows came from (SEED_DEMO=true on a server, a copied database). Checked after the password, like a wrong one.
 */
function isRefusedDemoAccount(email: string): boolean {
  return isDemoAddress(email) && !getEnv().onLocalhost;
}

/** Checks the credentials under the throttle and starts a session, which may still owe a second factor. */
export async function signIn(email: string, password: string, clientAddress: string): Promise<SignInOutcome> {
  const wait = await throttle("sign-in", email, clientAddress);
  if (wait > 0) {
    logSecurityEvent("auth.sign_in_failed", { ...maskEmail(email), addr: clientAddress, reason: "throttled" }, "warn");
    return { ok: false, retryAfterSeconds: wait };
  }
  const user = await findUserByEmail(db, email);
  // Verify against a dummy hash when there is no account, so timing does not tell which addresses exist.
  const valid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  // A blocked account gets the same answer as a wrong password: the form tells nobody that the account exists or why it is closed.
  if (!user || !valid || user.blockedAt || isRefusedDemoAccount(user.email)) {
    // The typed address only masked; the password never. The log may say why: only operators read it.
    const reason = !user ? "unknownAccount" : !valid ? "wrongPassword" : user.blockedAt ? "blocked" : "demoAccount";
    logSecurityEvent("auth.sign_in_failed", { ...maskEmail(email), addr: clientAddress, targetUserId: user?.id, reason }, "warn");
    return { ok: false, retryAfterSeconds: 0 };
  }
  await clearAccountThrottle("sign-in", email, clientAddress);
  const twoFactor = await signInState(user.id);
  setRequestActor(user.id);
  logSecurityEvent("auth.sign_in", { userId: user.id, addr: clientAddress, secondFactorOwed: twoFactor ?? undefined });
  return { ok: true, setCookie: await createUserSession(user.id, { twoFactor }), twoFactor };
}

/** Checks a signed-in user's current password under the sign-in throttle: true, or the seconds to wait (0 = wrong). */
export async function checkCurrentPassword(userId: string, email: string, password: string, clientAddress: string): Promise<true | number> {
  const wait = await throttle("sign-in", email, clientAddress);
  if (wait > 0) return wait;
  const user = await findUserById(db, userId);
  if (user && (await verifyPassword(user.passwordHash, password))) return true;
  logSecurityEvent("auth.password_check_failed", { userId, addr: clientAddress }, "warn");
  return 0;
}
