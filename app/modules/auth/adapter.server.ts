import { eq, lt, or } from "drizzle-orm";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { Database } from "#db/client";
import { sessions, users } from "#db/schema";
import { sha256 } from "#app/utils/crypto.server";

/** SHA-256 of a session id: only this is stored, so a copy of the table opens no session. */
export function hashSessionId(sessionId: string): string {
  return sha256(sessionId);
}

/** How stale a session's "last used" may get before a request writes it again: one write per session per interval, not per request. */
export const LAST_USED_INTERVAL_MS = 5 * 60 * 1000;

/**
 * A lucia adapter over drizzle that never stores a session id itself, enforces an absolute
 * lifetime on top of lucia's sliding expiry, and opens no session of a blocked account.
 */
export class HashedSessionAdapter implements Adapter {
  constructor(private readonly db: Database) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const [row] = await this.db
      .select({
        session: sessions,
        blockedAt: users.blockedAt,
        user: { id: users.id, email: users.email, displayName: users.displayName, role: users.role, emailVerifiedAt: users.emailVerifiedAt },
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.idHash, hashSessionId(sessionId)));
    if (!row) return [null, null];
    // Blocking deletes the sessions too; this refuses one that a block raced with.
    if (row.session.absoluteExpiresAt.getTime() <= Date.now() || row.blockedAt) {
      await this.deleteSession(sessionId);
      return [null, null];
    }
    if (!row.session.lastUsedAt || Date.now() - row.session.lastUsedAt.getTime() > LAST_USED_INTERVAL_MS) {
      await this.db.update(sessions).set({ lastUsedAt: new Date() }).where(eq(sessions.idHash, row.session.idHash));
    }
    const { id, ...attributes } = row.user;
    return [
      {
        id: sessionId,
        userId: row.session.userId,
        expiresAt: row.session.expiresAt,
        attributes: { absoluteExpiresAt: row.session.absoluteExpiresAt, twoFactor: row.session.twoFactor },
      },
      { id, attributes },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    // Only hashes are stored, so the ids handed back are the hashes: good for counting and deleting via deleteUserSessions.
    const rows = await this.db.select().from(sessions).where(eq(sessions.userId, userId));
    return rows.map((row) => ({ id: row.idHash, userId, expiresAt: row.expiresAt, attributes: { absoluteExpiresAt: row.absoluteExpiresAt, twoFactor: row.twoFactor } }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    // A new session is a sign-in: the people list shows when each account last signed in.
    await this.db.transaction(async (tx) => {
      const now = new Date();
      await tx.insert(sessions).values({
        idHash: hashSessionId(session.id),
        userId: session.userId,
        expiresAt: session.expiresAt,
        absoluteExpiresAt: session.attributes.absoluteExpiresAt,
        twoFactor: session.attributes.twoFactor,
        lastUsedAt: now,
      });
      // A session still owing its TOTP code is no sign-in yet: completing it starts a fresh session.
      if (session.attributes.twoFactor !== "code") await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, session.userId));
    });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db
      .update(sessions)
      .set({ expiresAt })
      .where(eq(sessions.idHash, hashSessionId(sessionId)));
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.idHash, hashSessionId(sessionId)));
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.userId, userId));
  }

  async deleteExpiredSessions(): Promise<void> {
    const now = new Date();
    await this.db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.absoluteExpiresAt, now)));
  }
}
