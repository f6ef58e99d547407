import fs from "node:fs/promises";
import path from "node:path";
import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { dataExports, groupPosts, groupThreads, invitations, notifications, topicReplies, topics, users } from "#db/schema";
import { enqueueSearchSyncForQuery } from "#search/sync";
import { PEOPLE_INDEX } from "#search/indexes/people";
import { pruneAccessibilityFeedback } from "#app/modules/accessibility/feedback.server";
import { pruneExpired } from "#app/modules/auth/maintenance.server";
import { SESSION_ABSOLUTE_LIFETIME_MS, SESSION_IDLE_LIFETIME } from "#app/modules/auth/lucia.server";
import { getMailDir } from "#app/modules/mail/mailer.server";
import { pruneZeroResultSearches } from "#app/modules/search-vocabulary/vocabulary.server";
import { eraseAccount } from "./account-deletion.server";
import { daysBefore, RETENTION } from "./retention-periods";

/** The daily clean-up job (its name predates the privacy rules it now also runs). */
export const RETENTION_TASK = "prune_expired";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every period the privacy notice names, in days (exports in hours): the retention constants plus the sessions' lifetimes. */
export function retentionPeriods() {
  return {
    ...RETENTION,
    sessionIdleDays: Math.round(SESSION_IDLE_LIFETIME.milliseconds() / DAY_MS),
    sessionMaxDays: Math.round(SESSION_ABSOLUTE_LIFETIME_MS / DAY_MS),
  };
}
export type RetentionPeriods = ReturnType<typeof retentionPeriods>;

/**
 * Accounts whose address was never confirmed and that nobody used within the period (registration
 * signs in once, so "never signed in" alone would spare almost all of them). An account without
 * content is deleted outright; one that wrote something is emptied like a deletion, keeping its posts.
 */
async function pruneUnconfirmedAccounts(db: Database, now: Date): Promise<number> {
  const cutoff = daysBefore(now, RETENTION.unconfirmedAccountDays);
  const stale = and(isNull(users.emailVerifiedAt), isNull(users.deletedAt), eq(users.role, "member"), lt(users.createdAt, cutoff), or(isNull(users.lastSignInAt), lt(users.lastSignInAt, cutoff)));
  const wrote = sql`(exists (select 1 from ${topics} where ${topics.authorId} = ${users.id})
    or exists (select 1 from ${topicReplies} where ${topicReplies.authorId} = ${users.id})
    or exists (select 1 from ${groupThreads} where ${groupThreads.authorId} = ${users.id})
    or exists (select 1 from ${groupPosts} where ${groupPosts.authorId} = ${users.id}))`;
  const removed = await db.transaction(async (tx) => {
    await enqueueSearchSyncForQuery(tx, PEOPLE_INDEX, sql`select ${users.id}::text as id from ${users} where ${stale} and not ${wrote}`);
    return tx
      .delete(users)
      .where(and(stale, sql`not ${wrote}`))
      .returning({ id: users.id });
  });
  const authors = await db.select({ id: users.id }).from(users).where(and(stale, wrote));
  for (const author of authors) {
    await db.transaction((tx) => eraseAccount(tx, { targetId: author.id, actorId: null, deletePosts: false, reason: "retention" }));
  }
  return removed.length + authors.length;
}

/** Network invitations that ended (accepted, revoked or expired) longer ago than the period. */
async function pruneInvitations(db: Database, now: Date): Promise<number> {
  const cutoff = daysBefore(now, RETENTION.invitationDays).toISOString();
  // An open invitation's end is its expiry, so "ended before the cutoff" never takes an open one.
  const rows = await db
    .delete(invitations)
    .where(sql`coalesce(${invitations.acceptedAt}, ${invitations.revokedAt}, ${invitations.expiresAt}) < ${cutoff}::timestamptz`)
    .returning({ id: invitations.id });
  return rows.length;
}

/** Read notifications after one period, unread ones after a longer one. */
async function pruneNotifications(db: Database, now: Date): Promise<number> {
  const rows = await db
    .delete(notifications)
    .where(
      or(
        and(isNotNull(notifications.readAt), lt(notifications.createdAt, daysBefore(now, RETENTION.readNotificationDays))),
        and(isNull(notifications.readAt), lt(notifications.createdAt, daysBefore(now, RETENTION.unreadNotificationDays))),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

/** Data exports whose download time is over (and lost requests a day old). */
async function pruneDataExports(db: Database, now: Date): Promise<number> {
  const rows = await db.delete(dataExports).where(lt(dataExports.expiresAt, now)).returning({ id: dataExports.id });
  return rows.length;
}

/** Mails in the local outbox folder (used without SMTP_URL) older than the period. */
export async function pruneOutboxMails(now: Date, dir = getMailDir()): Promise<number> {
  const cutoff = daysBefore(now, RETENTION.outboxMailDays).getTime();
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter((entry) => entry.endsWith(".eml"))) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat?.isFile() && stat.mtimeMs < cutoff) {
      await fs.rm(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}

export type RetentionReport = {
  accounts: number;
  invitations: number;
  notifications: number;
  exports: number;
  mails: number;
  zeroResultSearches: number;
  accessibilityFeedback: number;
  sessions: number;
  tokens: number;
  buckets: number;
};

/** Enforces every retention period of the privacy notice; the job queue runs it daily. */
export async function enforceRetention(db: Database, now = new Date()): Promise<RetentionReport> {
  const expired = await pruneExpired(db);
  return {
    accounts: await pruneUnconfirmedAccounts(db, now),
    invitations: await pruneInvitations(db, now),
    notifications: await pruneNotifications(db, now),
    exports: await pruneDataExports(db, now),
    mails: await pruneOutboxMails(now),
    zeroResultSearches: await pruneZeroResultSearches(db, now),
    accessibilityFeedback: await pruneAccessibilityFeedback(db, now),
    ...expired,
  };
}
