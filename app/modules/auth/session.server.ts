import { redirect } from "@remix-run/node";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Session, User } from "lucia";
import { db, type Executor } from "#db/client";
import { sessions, users, type SessionTwoFactorState, type UserRole } from "#db/schema";
import { forbidden } from "#app/utils/http";
import { log, logSecurityEvent, setRequestActor } from "#app/utils/log.server";
import { safeRedirectTarget } from "#app/utils/safe-redirect.server";
import { hashSessionId } from "./adapter.server";
import { getLucia, SESSION_ABSOLUTE_LIFETIME_MS } from "./lucia.server";
import { isTwoFactorRequired } from "./roles";

export type SessionUser = User;
type SessionState = { user: User; session: Session } | { user: null; session: null };

/** The page where two-factor sign-in is set up; a session that owes the setup opens nothing else. */
export const TWO_FACTOR_SETUP_PATH = "/konto/zwei-faktor";
/** The second step of signing in, for a session that owes its TOTP code. */
export const TWO_FACTOR_CODE_PATH = "/anmelden/code";
/** What a session owing the setup may still open besides the setup page: signing out. */
const OPEN_DURING_SETUP = [TWO_FACTOR_SETUP_PATH, "/abmelden"];

/** A session owing its code lives this long: the code step must be finished soon after the password. */
export const CODE_STEP_LIFETIME_MS = 10 * 60 * 1000;
/** A session owing the setup lives this long: enough to install an authenticator app. */
export const SETUP_STEP_LIFETIME_MS = 60 * 60 * 1000;

function readSessionId(request: Request): string | null {
  return getLucia().readSessionCookie(request.headers.get("Cookie") ?? "");
}

async function validate(request: Request): Promise<SessionState> {
  const sessionId = readSessionId(request);
  if (!sessionId) return { user: null, session: null };
  const state = await getLucia().validateSession(sessionId);
  // The request line names the actor: whoever holds the session, even one still owing its second factor.
  if (state.user) setRequestActor(state.user.id);
  return state;
}

function setupRedirect(): Response {
  return redirect(TWO_FACTOR_SETUP_PATH);
}

/**
 * The signed-in user, or null. A session still owing its TOTP code counts as nobody; one owing the
 * two-factor setup is sent to the setup page (thrown redirect) from wherever it asks.
 */
export async function getOptionalUser(request: Request): Promise<User | null> {
  const { user, session } = await validate(request);
  if (!session || session.twoFactor === "code") return null;
  if (session.twoFactor === "setup") throw setupRedirect();
  return user;
}

/** The user and the second-factor state of this request's session, whatever that state is (the two-factor pages), or null. */
export async function getSessionState(request: Request): Promise<{ user: User; twoFactor: SessionTwoFactorState | null } | null> {
  const { user, session } = await validate(request);
  return session ? { user, twoFactor: session.twoFactor } : null;
}

/**
 * The session for the root loader, with the Set-Cookie header it must send: the refreshed cookie
 * (sliding expiry) or a blank one when the browser holds a cookie that no longer opens a session.
 * A session owing the two-factor setup is sent to the setup page from every other page.
 */
export async function getSessionForRoot(request: Request): Promise<{ user: User | null; setCookie: string | null; twoFactor: SessionTwoFactorState | null }> {
  // Without the database the shell still renders (anonymously), so even the error page keeps header and footer.
  const state = await validate(request).catch((error: Error) => {
    log.warn({ err: error }, "session not checked");
    return { user: null, session: null } as const;
  });
  if (state.session?.twoFactor === "code") return { user: null, setCookie: null, twoFactor: "code" };
  if (state.session?.twoFactor === "setup" && !OPEN_DURING_SETUP.includes(new URL(request.url).pathname)) throw setupRedirect();
  if (state.session) return { user: state.user, setCookie: getLucia().createSessionCookie(state.session.id).serialize(), twoFactor: state.session.twoFactor };
  return { user: null, setCookie: readSessionId(request) ? getLucia().createBlankSessionCookie().serialize() : null, twoFactor: null };
}

/** The signed-in user; anyone else is sent to the sign-in page and brought back afterwards. */
export async function requireUser(request: Request): Promise<User> {
  const user = await getOptionalUser(request);
  if (!user) throw redirect(`/anmelden?redirectTo=${encodeURIComponent(safeRedirectTarget(request))}`);
  return user;
}

/** Only for people who are not signed in (sign-in and registration pages). */
export async function requireAnonymous(request: Request): Promise<void> {
  if (await getOptionalUser(request)) throw redirect("/konto");
}

/** Throws 403 unless the user has one of the roles. */
export function requireRole(user: User, roles: readonly UserRole[]): void {
  if (!roles.includes(user.role)) throw forbidden();
}

function lifetimeOf(twoFactor: SessionTwoFactorState | null): number {
  if (twoFactor === "code") return CODE_STEP_LIFETIME_MS;
  if (twoFactor === "setup") return SETUP_STEP_LIFETIME_MS;
  return SESSION_ABSOLUTE_LIFETIME_MS;
}

/**
 * Starts a session and returns its Set-Cookie header. Without options the session is complete (test
 * fixtures); people signing in get theirs from createSignInSession, which owes what their account needs.
 */
export async function createUserSession(userId: string, options: { twoFactor?: SessionTwoFactorState | null } = {}): Promise<string> {
  const twoFactor = options.twoFactor ?? null;
  const session = await getLucia().createSession(userId, { absoluteExpiresAt: new Date(Date.now() + lifetimeOf(twoFactor)), twoFactor });
  return getLucia().createSessionCookie(session.id).serialize();
}

/**
 * What a new session of this person owes: "code" when they have two-factor sign-in (unless the code
 * was just given), "setup" when their role requires it and they have none yet, else null.
 */
export async function signInState(userId: string, options: { secondFactorDone?: boolean } = {}): Promise<SessionTwoFactorState | null> {
  const [user] = await db.select({ role: users.role, totpEnabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (!user) return null;
  if (user.totpEnabledAt) return options.secondFactorDone ? null : "code";
  return isTwoFactorRequired(user.role) ? "setup" : null;
}

/**
 * Starts the session of a person signing in (password, registration, first admin, accepted invitation)
 * and returns its Set-Cookie header: it owes the TOTP code or the two-factor setup as their account needs.
 */
export async function createSignInSession(userId: string, options: { secondFactorDone?: boolean } = {}): Promise<string> {
  return createUserSession(userId, { twoFactor: await signInState(userId, options) });
}

/** Replaces this request's session with a new one of the user (a finished second step): returns its Set-Cookie header. */
export async function replaceSession(request: Request, userId: string, options: { secondFactorDone?: boolean } = {}): Promise<string> {
  const sessionId = readSessionId(request);
  if (sessionId) await getLucia().invalidateSession(sessionId);
  return createSignInSession(userId, options);
}

/**
 * Completes this request's session once the owed two-factor setup is done, in place: the page that shows
 * the recovery codes is the answer to that POST, and without JavaScript its loaders run with the same
 * cookie. (The id was made at the password step and went only to this browser; the code step, which
 * redirects, gets a fresh one.)
 */
export async function completeSetupSession(request: Request): Promise<void> {
  const sessionId = readSessionId(request);
  if (!sessionId) return;
  await db
    .update(sessions)
    .set({ twoFactor: null, absoluteExpiresAt: new Date(Date.now() + SESSION_ABSOLUTE_LIFETIME_MS) })
    .where(and(eq(sessions.idHash, hashSessionId(sessionId)), eq(sessions.twoFactor, "setup")));
}

/** Ends every session of a user (password change, reset). */
export async function invalidateUserSessions(userId: string): Promise<void> {
  await getLucia().invalidateUserSessions(userId);
}

/** A user's open sessions, newest first; `key` names one for endUserSession (the stored hash: it opens nothing). */
export async function listUserSessions(executor: Executor, userId: string) {
  return executor
    .select({
      key: sessions.idHash,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastUsedAt,
      // A session ends at the earlier of its sliding expiry and its absolute lifetime.
      endsAt: sql<Date>`least(${sessions.expiresAt}, ${sessions.absoluteExpiresAt})`.mapWith(sessions.expiresAt),
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date()), gt(sessions.absoluteExpiresAt, new Date())))
    .orderBy(desc(sessions.createdAt));
}

/** Ends every session of a user inside the caller's transaction (blocking); returns how many there were. */
export async function endUserSessions(executor: Executor, userId: string): Promise<number> {
  return (await executor.delete(sessions).where(eq(sessions.userId, userId)).returning({ key: sessions.idHash })).length;
}

/** Ends one session of a user, named by its key from listUserSessions; the session's start, or null when there is no such session of this user. */
export async function endUserSession(executor: Executor, userId: string, key: string): Promise<Date | null> {
  const [row] = await executor
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.idHash, key)))
    .returning({ createdAt: sessions.createdAt });
  return row?.createdAt ?? null;
}

/** Ends the current session and returns the blank cookie; a sign-out of a real session is logged with its person. */
export async function logout(request: Request): Promise<string> {
  const sessionId = readSessionId(request);
  if (sessionId) {
    const [ended] = await db
      .delete(sessions)
      .where(eq(sessions.idHash, hashSessionId(sessionId)))
      .returning({ userId: sessions.userId });
    if (ended) logSecurityEvent("auth.sign_out", { userId: ended.userId });
  }
  return getLucia().createBlankSessionCookie().serialize();
}
