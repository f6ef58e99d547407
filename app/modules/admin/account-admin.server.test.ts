import { and, count, eq, ne } from "drizzle-orm";
import { db } from "#db/client";
import { adminLog, sessions, userTokens, users, type UserRole } from "#db/schema";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { signIn } from "#app/modules/auth/sign-in.server";
import { waitForMail } from "#test/mail";
import { createTestUser, getRequest, sessionCookieFor, TEST_PASSWORD } from "#test/factories";
import { blockUser, changeRole, endSessions, sendResetMail, unblockUser, type Actor } from "./account-admin.server";

const actorOf = (user: { id: string; role: UserRole }): Actor => ({ id: user.id, role: user.role });
const roleOf = async (id: string) => (await db.select({ role: users.role }).from(users).where(eq(users.id, id)))[0]?.role;
const logRows = async (targetUserId: string) => db.select().from(adminLog).where(eq(adminLog.targetUserId, targetUserId));
const sessionCount = async (userId: string) => (await db.select({ value: count() }).from(sessions).where(eq(sessions.userId, userId)))[0]!.value;
const signedIn = async (cookie: string) => (await getOptionalUser(getRequest("/", { cookie }))) !== null;

/** Leaves `keep` as the only active admin of this file's database. */
async function onlyAdmin(keep: string) {
  await db
    .update(users)
    .set({ role: "member" })
    .where(and(eq(users.role, "admin"), ne(users.id, keep)));
}

describe("site roles", () => {
  test("an admin grants and takes away coordinator and admin; each change is logged with before, after and reason", async () => {
    const admin = await createTestUser({ role: "admin" });
    const person = await createTestUser();
    expect(await changeRole(actorOf(admin), person.id, "coordinator", "übernimmt die Integrationskoordination")).toEqual({ ok: true });
    expect(await roleOf(person.id)).toBe("coordinator");
    expect(await changeRole(actorOf(admin), person.id, "admin")).toEqual({ ok: true });
    expect(await changeRole(actorOf(admin), person.id, "member")).toEqual({ ok: true });
    const rows = (await logRows(person.id)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(rows.map((row) => [row.action, row.before.role, row.after.role, row.actorId])).toEqual([
      ["role_changed", "member", "coordinator", admin.id],
      ["role_changed", "coordinator", "admin", admin.id],
      ["role_changed", "admin", "member", admin.id],
    ]);
    expect(rows[0]!.reason).toBe("übernimmt die Integrationskoordination");
    expect(await changeRole(actorOf(admin), person.id, "member")).toEqual({ ok: false, error: "unchanged" });
  });

  test("a coordinator may neither grant nor take away admin or coordinator; a member changes nothing", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const member = await createTestUser();
    const otherCoordinator = await createTestUser({ role: "coordinator" });
    const admin = await createTestUser({ role: "admin" });
    for (const [target, role] of [
      [member, "coordinator"],
      [member, "admin"],
      [otherCoordinator, "member"],
      [admin, "member"],
      [coordinator, "admin"],
    ] as const) {
      expect(await changeRole(actorOf(coordinator), target.id, role), `${target.role} → ${role}`).toEqual({ ok: false, error: "forbidden" });
      expect(await roleOf(target.id)).toBe(target.role);
    }
    expect(await changeRole(actorOf(member), member.id, "admin")).toEqual({ ok: false, error: "forbidden" });
    expect(await roleOf(member.id)).toBe("member");
    expect(await logRows(member.id)).toEqual([]);
  });

  test("the last active admin can neither demote nor block themselves; with a second admin they can step down", async () => {
    const admin = await createTestUser({ role: "admin" });
    await onlyAdmin(admin.id);
    expect(await changeRole(actorOf(admin), admin.id, "coordinator")).toEqual({ ok: false, error: "lastAdmin" });
    expect(await blockUser(actorOf(admin), admin.id, "Test")).toEqual({ ok: false, error: "self" });
    expect(await roleOf(admin.id)).toBe("admin");
    const second = await createTestUser({ role: "admin" });
    expect(await changeRole(actorOf(admin), admin.id, "member")).toEqual({ ok: true });
    // Now `second` is the last one: nobody can demote or block them.
    const other = await createTestUser({ role: "admin" });
    expect(await blockUser(actorOf(other), second.id, "Test")).toEqual({ ok: true });
    expect(await changeRole(actorOf(other), other.id, "member")).toEqual({ ok: false, error: "lastAdmin" });
    expect(await unblockUser(actorOf(other), second.id)).toEqual({ ok: true });
  });

  test("two admins demoting each other at the same moment leave one admin", async () => {
    const first = await createTestUser({ role: "admin" });
    const second = await createTestUser({ role: "admin" });
    await onlyAdmin(first.id);
    await db.update(users).set({ role: "admin" }).where(eq(users.id, second.id));
    const results = await Promise.all([changeRole(actorOf(first), second.id, "member"), changeRole(actorOf(second), first.id, "member")]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, error: "lastAdmin" }]);
    expect([await roleOf(first.id), await roleOf(second.id)].filter((role) => role === "admin")).toHaveLength(1);
  });
});

describe("blocking", () => {
  test("blocking ends every session at once, the open session is refused on its next request, and sign-in fails like a wrong password", async () => {
    const admin = await createTestUser({ role: "admin" });
    const person = await createTestUser();
    const cookies = [await sessionCookieFor(person.id), await sessionCookieFor(person.id)];
    expect(await signedIn(cookies[0]!)).toBe(true);
    expect(await blockUser(actorOf(admin), person.id, "Spam im Open Mic")).toEqual({ ok: true });
    expect(await sessionCount(person.id)).toBe(0);
    for (const cookie of cookies) expect(await signedIn(cookie)).toBe(false);
    expect(await signIn(person.email, TEST_PASSWORD, "10.9.0.1")).toEqual({ ok: false, retryAfterSeconds: 0 });
    expect(await signIn(person.email, "falsch geraten", "10.9.0.1")).toEqual({ ok: false, retryAfterSeconds: 0 });
    const [row] = await logRows(person.id);
    expect(row).toMatchObject({ action: "blocked", actorId: admin.id, reason: "Spam im Open Mic", after: { blocked: "yes", sessionsEnded: "2" } });
    expect(await blockUser(actorOf(admin), person.id, "noch einmal")).toEqual({ ok: false, error: "unchanged" });

    expect(await unblockUser(actorOf(admin), person.id, "Missverständnis")).toEqual({ ok: true });
    const outcome = await signIn(person.email, TEST_PASSWORD, "10.9.0.2");
    expect(outcome.ok).toBe(true);
    const [after] = await db.select({ lastSignInAt: users.lastSignInAt }).from(users).where(eq(users.id, person.id));
    expect(after!.lastSignInAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  test("a session that outlives a block (written in the same moment) is refused on its next request", async () => {
    const person = await createTestUser();
    const cookie = await sessionCookieFor(person.id);
    await db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, person.id));
    expect(await signedIn(cookie)).toBe(false);
    expect(await sessionCount(person.id)).toBe(0);
  });

  test("only admins block and unblock", async () => {
    const person = await createTestUser();
    const cookie = await sessionCookieFor(person.id);
    for (const role of ["coordinator", "member"] as const) {
      const actor = await createTestUser({ role });
      expect(await blockUser(actorOf(actor), person.id, "Test")).toEqual({ ok: false, error: "forbidden" });
    }
    expect(await signedIn(cookie)).toBe(true);
    await db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, person.id));
    expect(await unblockUser(actorOf(await createTestUser({ role: "coordinator" })), person.id)).toEqual({ ok: false, error: "forbidden" });
    expect(await logRows(person.id)).toEqual([]);
  });
});

describe("the admin log is written in the change's transaction", () => {
  test("a change rolled back takes its log row with it, and a log row that cannot be written undoes the change", async () => {
    const admin = await createTestUser({ role: "admin" });
    const person = await createTestUser();
    await expect(
      db.transaction(async (tx) => {
        expect(await changeRole(actorOf(admin), person.id, "coordinator", "", tx)).toEqual({ ok: true });
        tx.rollback();
      }),
    ).rejects.toThrow();
    expect(await roleOf(person.id)).toBe("member");
    expect(await logRows(person.id)).toEqual([]);

    // PostgreSQL refuses a NUL character in text: the log insert fails after the block and its ended sessions.
    const cookie = await sessionCookieFor(person.id);
    await expect(blockUser(actorOf(admin), person.id, "Grund\u0000")).rejects.toThrow();
    const [row] = await db.select({ blockedAt: users.blockedAt }).from(users).where(eq(users.id, person.id));
    expect(row!.blockedAt).toBeNull();
    expect(await signedIn(cookie)).toBe(true);
    expect(await logRows(person.id)).toEqual([]);
  });
});

describe("password reset mail and sessions", () => {
  test("an admin sends the reset mail of the existing flow, in the person's language; a blocked person gets none; the fourth in a row waits", async () => {
    const admin = await createTestUser({ role: "admin" });
    const person = await createTestUser();
    expect(await sendResetMail(actorOf(admin), person.id, "hat angerufen")).toEqual({ ok: true });
    const mail = await waitForMail(person.email);
    expect(mail).toContain("/passwort-zuruecksetzen?token=");
    expect(
      await db
        .select()
        .from(userTokens)
        .where(and(eq(userTokens.userId, person.id), eq(userTokens.purpose, "reset_password"))),
    ).toHaveLength(1);
    expect((await logRows(person.id))[0]).toMatchObject({ action: "password_reset_sent", reason: "hat angerufen" });
    expect(await sendResetMail(actorOf(admin), person.id)).toEqual({ ok: true });
    expect(await sendResetMail(actorOf(admin), person.id)).toEqual({ ok: true });
    expect(await sendResetMail(actorOf(admin), person.id)).toMatchObject({ ok: false, error: "throttled" });
    expect(await sendResetMail(actorOf(await createTestUser({ role: "coordinator" })), person.id)).toEqual({ ok: false, error: "forbidden" });
    const blocked = await createTestUser();
    await db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.id));
    expect(await sendResetMail(actorOf(admin), blocked.id)).toEqual({ ok: false, error: "blocked" });
  });

  test("an admin ends one session or all; an ended or foreign session is refused", async () => {
    const admin = await createTestUser({ role: "admin" });
    const person = await createTestUser();
    const first = await sessionCookieFor(person.id);
    const second = await sessionCookieFor(person.id);
    const other = await createTestUser();
    await sessionCookieFor(other.id);
    const [otherKey] = await db.select({ key: sessions.idHash }).from(sessions).where(eq(sessions.userId, other.id));
    expect(await endSessions(actorOf(admin), person.id, otherKey!.key)).toEqual({ ok: false, error: "sessionGone" });
    const keys = await db.select({ key: sessions.idHash }).from(sessions).where(eq(sessions.userId, person.id));
    expect(keys).toHaveLength(2);
    expect(await endSessions(actorOf(admin), person.id, keys[0]!.key, "verlorenes Telefon")).toEqual({ ok: true });
    expect([await signedIn(first), await signedIn(second)].filter(Boolean)).toHaveLength(1);
    expect(await endSessions(actorOf(admin), person.id, keys[0]!.key)).toEqual({ ok: false, error: "sessionGone" });
    expect(await endSessions(actorOf(admin), person.id, "all")).toEqual({ ok: true });
    expect(await sessionCount(person.id)).toBe(0);
    expect(await endSessions(actorOf(admin), person.id, "all")).toEqual({ ok: false, error: "sessionGone" });
    expect((await logRows(person.id)).map((row) => row.action).sort()).toEqual(["session_ended", "sessions_ended"]);
    expect(await endSessions(actorOf(await createTestUser({ role: "coordinator" })), other.id, "all")).toEqual({ ok: false, error: "forbidden" });
  });
});
