import { redirect } from "@remix-run/node";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Session, User } from "lucia";
import type { Executor } from "#db/client";
import { sessions, type UserRole } from "#db/schema";
import { forbidden } from "#app/utils/http";
import { safeRedirectTarget } from "#app/utils/safe-redirect.server";
import { getLucia, SESSION_ABSOLUTE_LIFETIME_MS } from "./lucia.server";

export type SessionUser = User;
type SessionState = { user: User; session: Session } | { user: null; session: null };

function readSessionId(request: Request): string | null {
  return getLucia().readSessionCookie(request.headers.get("Cookie") ?? "");
}

async function validate(request: Request): Promise<SessionState> {
  const sessionId = readSessionId(request);
  if (!sessionId) return { user: null, session: null };
  return getLucia().validateSession(sessionId);
}

/** The signed-in user, or null. */
export async function getOptionalUser(request: Request): Promise<User | null> {
  return (await validate(request)).user;
}

/**
 * The session for the root loader, with the Set-Cookie header it must send: the refreshed cookie
 * (sliding expiry) or a blank one when the browser holds a cookie that no longer opens a session.
 */
export async function getSessionForRoot(request: Request): Promise<{ user: User | null; setCookie: string | null }> {
  // Without the database the shell still renders (anonymously), so even the error page keeps header and footer.
  const state = await validate(request).catch((error: Error) => {
    console.warn(`[session] not checked: ${error.message}`);
    return { user: null, session: null } as const;
  });
  if (state.session) return { user: state.user, setCookie: getLucia().createSessionCookie(state.session.id).serialize() };
  return { user: null, setCookie: readSessionId(request) ? getLucia().createBlankSessionCookie().serialize() : null };
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

/** Starts a session and returns its Set-Cookie header. */
export async function createUserSession(userId: string): Promise<string> {
  const session = await getLucia().createSession(userId, { absoluteExpiresAt: new Date(Date.now() + SESSION_ABSOLUTE_LIFETIME_MS) });
  return getLucia().createSessionCookie(session.id).serialize();
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

/** Ends the current session and returns the blank cookie. */
export async function logout(request: Request): Promise<string> {
  const sessionId = readSessionId(request);
  if (sessionId) await getLucia().invalidateSession(sessionId);
  return getLucia().createBlankSessionCookie().serialize();
}
