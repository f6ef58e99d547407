import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { db } from "#db/client";
import { dataExports, invitations, notifications, topics, users } from "#db/schema";
import { createTestUser, uniqueEmail } from "#test/factories";
import { DELETED_MEMBER_NAME } from "./deletion-texts";
import { daysBefore, RETENTION } from "./retention-periods";
import { enforceRetention, pruneOutboxMails, retentionPeriods } from "./retention.server";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date();
// "Just inside" and "just outside" a period: an hour on either side of its end.
const inside = (days: number) => new Date(daysBefore(now, days).getTime() + 60 * 60 * 1000);
const outside = (days: number) => new Date(daysBefore(now, days).getTime() - 60 * 60 * 1000);

async function unconfirmed(createdAt: Date, lastSignInAt: Date | null) {
  const user = await createTestUser({ verified: false });
  await db.update(users).set({ createdAt, lastSignInAt }).where(eq(users.id, user.id));
  return user.id;
}

async function invitation(values: Partial<typeof invitations.$inferInsert>) {
  const [row] = await db
    .insert(invitations)
    .values({ email: uniqueEmail("eingeladen"), tokenHash: randomBytes(16).toString("hex"), expiresAt: now, ...values })
    .returning({ id: invitations.id });
  return row!.id;
}

const remaining = async <T extends { id: unknown }>(table: typeof users | typeof invitations | typeof notifications | typeof dataExports, ids: string[]) =>
  (await db.select({ id: table.id }).from(table).where(inArray(table.id, ids))).map((row) => (row as T).id);

describe("retention (the daily job)", () => {
  test("unconfirmed accounts: deleted after the period without use, kept inside it; one that wrote something is emptied, its topic stays", async () => {
    const old = await unconfirmed(outside(RETENTION.unconfirmedAccountDays), null);
    const oldUnused = await unconfirmed(outside(40), outside(RETENTION.unconfirmedAccountDays));
    const young = await unconfirmed(inside(RETENTION.unconfirmedAccountDays), null);
    const recentlyUsed = await unconfirmed(outside(40), inside(RETENTION.unconfirmedAccountDays));
    const confirmed = (await createTestUser()).id;
    await db
      .update(users)
      .set({ createdAt: outside(100) })
      .where(eq(users.id, confirmed));
    const author = await unconfirmed(outside(RETENTION.unconfirmedAccountDays), null);
    const [topic] = await db.insert(topics).values({ title: "Bleibt", body: "Text", authorId: author }).returning({ id: topics.id });

    const report = await enforceRetention(db, now);
    expect(report.accounts).toBe(3);
    expect((await remaining(users, [old, oldUnused, young, recentlyUsed, confirmed, author])).sort()).toEqual([young, recentlyUsed, confirmed, author].sort());
    const [emptied] = await db.select({ displayName: users.displayName, deletedAt: users.deletedAt }).from(users).where(eq(users.id, author));
    expect(emptied!.displayName).toBe(DELETED_MEMBER_NAME);
    expect(emptied!.deletedAt).not.toBeNull();
    expect((await db.select({ authorId: topics.authorId }).from(topics).where(eq(topics.id, topic!.id)))[0]!.authorId).toBe(author);
    // A deleted (emptied) account is not "unconfirmed" for the next run.
    expect((await enforceRetention(db, now)).accounts).toBe(0);
  });

  test("invitations: deleted the period after they ended (expired, revoked or accepted), kept inside it and while open", async () => {
    const expiredLongAgo = await invitation({ expiresAt: outside(RETENTION.invitationDays) });
    const expiredRecently = await invitation({ expiresAt: inside(RETENTION.invitationDays) });
    const revokedLongAgo = await invitation({ expiresAt: outside(RETENTION.invitationDays - 5), revokedAt: outside(RETENTION.invitationDays) });
    const revokedRecently = await invitation({ expiresAt: outside(RETENTION.invitationDays + 5), revokedAt: inside(RETENTION.invitationDays) });
    const open = await invitation({ expiresAt: new Date(now.getTime() + 14 * DAY) });
    const acceptedLongAgo = await invitation({ expiresAt: outside(RETENTION.invitationDays - 10), acceptedAt: outside(RETENTION.invitationDays) });
    await enforceRetention(db, now);
    expect((await remaining(invitations, [expiredLongAgo, expiredRecently, revokedLongAgo, revokedRecently, open, acceptedLongAgo])).sort()).toEqual([expiredRecently, revokedRecently, open].sort());
  });

  test("notifications: read ones after their period, unread ones after the longer one", async () => {
    const user = await createTestUser();
    const insert = async (createdAt: Date, read: boolean) =>
      (
        await db
          .insert(notifications)
          .values({ userId: user.id, kind: "topic_reply", createdAt, readAt: read ? createdAt : null })
          .returning({ id: notifications.id })
      )[0]!.id;
    const readOld = await insert(outside(RETENTION.readNotificationDays), true);
    const readYoung = await insert(inside(RETENTION.readNotificationDays), true);
    const unreadMiddle = await insert(outside(RETENTION.readNotificationDays), false);
    const unreadOld = await insert(outside(RETENTION.unreadNotificationDays), false);
    const unreadYoung = await insert(inside(RETENTION.unreadNotificationDays), false);
    await enforceRetention(db, now);
    expect((await remaining(notifications, [readOld, readYoung, unreadMiddle, unreadOld, unreadYoung])).sort()).toEqual([readYoung, unreadMiddle, unreadYoung].sort());
  });

  test("data exports: deleted once their time is over", async () => {
    const user = await createTestUser();
    const [over] = await db
      .insert(dataExports)
      .values({ userId: user.id, status: "ready", expiresAt: new Date(now.getTime() - 60_000) })
      .returning({ id: dataExports.id });
    const other = await createTestUser();
    const [live] = await db
      .insert(dataExports)
      .values({ userId: other.id, status: "ready", expiresAt: new Date(now.getTime() + 60_000) })
      .returning({ id: dataExports.id });
    await enforceRetention(db, now);
    expect(await remaining(dataExports, [over!.id, live!.id])).toEqual([live!.id]);
  });

  test("outbox mails: older ones deleted, younger ones and other files kept", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kw-mail-"));
    const write = async (name: string, age: Date) => {
      const file = path.join(dir, name);
      await fs.writeFile(file, "mail");
      await fs.utimes(file, age, age);
    };
    await write("old.eml", outside(RETENTION.outboxMailDays));
    await write("young.eml", inside(RETENTION.outboxMailDays));
    await write("notes.txt", outside(100));
    expect(await pruneOutboxMails(now, dir)).toBe(1);
    expect((await fs.readdir(dir)).sort()).toEqual(["notes.txt", "young.eml"]);
    await fs.rm(dir, { recursive: true });
    expect(await pruneOutboxMails(now, dir)).toBe(0);
  });

  test("the notice's periods are the ones the jobs use, sessions included", () => {
    expect(retentionPeriods()).toMatchObject({ ...RETENTION, sessionIdleDays: 30, sessionMaxDays: 90 });
  });
});
