import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { adminLog, groupMemberships, invitations, partners, userOrganizations, users, workingGroups } from "#db/schema";
import { verifyPassword } from "#app/modules/auth/password.server";
import { createTestUser, uniqueEmail } from "#test/factories";
import { linkFrom, waitForMail } from "#test/mail";
import { acceptInvitation, findInvitationByToken } from "./accept-invitation.server";
import { listInvitations, resendInvitation, revokeInvitation, sendInvitations, type Inviter, type InvitePresets } from "./invitations.server";
import { getSiteSettings, setInvitationOnly } from "./site-settings.server";

const presets = (extra: Partial<InvitePresets> = {}): InvitePresets => ({ role: "member", partnerId: null, partnerFunction: "", groupIds: [], locale: "de", ...extra });

let admin: Inviter;
let coordinator: Inviter;
beforeAll(async () => {
  const adminUser = await createTestUser({ role: "admin", displayName: "Anke Admin" });
  const coordinatorUser = await createTestUser({ role: "coordinator", displayName: "Clara Koordination" });
  admin = { id: adminUser.id, role: "admin", displayName: adminUser.displayName };
  coordinator = { id: coordinatorUser.id, role: "coordinator", displayName: coordinatorUser.displayName };
});

/** Invites one address and returns the token from its mail. */
async function invite(email: string, extra: Partial<InvitePresets> = {}, inviter = admin): Promise<string> {
  expect(await sendInvitations(inviter, [email], presets(extra))).toMatchObject({ ok: true });
  return tokenFromMail(email);
}

async function tokenFromMail(email: string): Promise<string> {
  const link = linkFrom(await waitForMail(email));
  expect(link).toMatch(/^\/einladung\/[A-Za-z0-9_-]{43}$/);
  return link.split("/").pop()!;
}

const rowsFor = (email: string) => db.select().from(invitations).where(eq(invitations.email, email));
const logFor = async (email: string) =>
  (
    await db
      .select({ action: adminLog.action, after: adminLog.after, actorId: adminLog.actorId })
      .from(adminLog)
      .where(sql`${adminLog.after}->>'email' = ${email}`)
  ).map((row) => row.action);

async function makePartner(status: "active" | "archived" = "active") {
  const tag = randomBytes(3).toString("hex");
  const [partner] = await db
    .insert(partners)
    .values({ slug: `jobcenter-${tag}`, name: `Jobcenter ${tag}`, kind: "behoerde", status })
    .returning({ id: partners.id });
  return partner!.id;
}

async function makeGroup(archived = false) {
  const tag = randomBytes(3).toString("hex");
  const [group] = await db
    .insert(workingGroups)
    .values({ slug: `g-${tag}`, name: `Gruppe ${tag}`, focus: "Schwerpunkt", visibility: "private", archivedAt: archived ? new Date() : null })
    .returning({ id: workingGroups.id });
  return group!.id;
}

describe("sending invitations", () => {
  test("each address gets a mail in the invitation's language with its own link naming the inviter; only the link's hash is stored; every send is logged", async () => {
    const [anna, bernd] = [uniqueEmail("anna"), uniqueEmail("bernd")];
    expect(await sendInvitations(admin, [anna, bernd], presets({ locale: "en" }))).toEqual({ ok: true, invited: 2, resent: 0 });
    const mail = await waitForMail(anna);
    expect(mail).toContain("Subject: Anke Admin invites you to Kurze Wege");
    expect(mail).toContain("Integration network of the district of Auental");
    const token = await tokenFromMail(anna);
    const [row] = await rowsFor(anna);
    expect(row!.tokenHash).not.toContain(token);
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(14 * 24 * 3600 * 1000 - 60_000);
    expect(await findInvitationByToken(token)).toMatchObject({ email: anna, state: "pending", inviterName: "Anke Admin", locale: "en" });
    expect(await tokenFromMail(bernd)).not.toBe(token);
    const [entry] = await db
      .select()
      .from(adminLog)
      .where(sql`${adminLog.after}->>'email' = ${anna}`);
    expect(entry).toMatchObject({ action: "invited", actorId: admin.id, targetUserId: null, after: { email: anna, role: "member" } });
  });

  test("an address with an open invitation gets it again: a new link and expiry, no second row, the old link dead", async () => {
    const email = uniqueEmail("wieder");
    const first = await invite(email);
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, email));
    expect(await sendInvitations(admin, [email], presets())).toEqual({ ok: true, invited: 0, resent: 1 });
    const second = await tokenFromMail(email);
    expect(second).not.toBe(first);
    const rows = await rowsFor(email);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sendCount).toBe(2);
    expect(rows[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await findInvitationByToken(first)).toBeNull();
    expect(await logFor(email)).toEqual(expect.arrayContaining(["invited", "invitation_resent"]));
  });

  test("a coordinator invites members only; an address with an account, a gone partner or group write nothing", async () => {
    const email = uniqueEmail("nichts");
    expect(await sendInvitations(coordinator, [email], presets({ role: "admin" }))).toEqual({ ok: false, error: "forbidden" });
    expect(await sendInvitations(coordinator, [email], presets({ role: "coordinator" }))).toEqual({ ok: false, error: "forbidden" });
    const existing = await createTestUser();
    expect(await sendInvitations(admin, [email, existing.email], presets())).toEqual({ ok: false, error: "taken", taken: [existing.email] });
    expect(await sendInvitations(admin, [email], presets({ partnerId: await makePartner("archived") }))).toEqual({ ok: false, error: "partner" });
    expect(await sendInvitations(admin, [email], presets({ groupIds: [await makeGroup(true)] }))).toEqual({ ok: false, error: "groups" });
    expect(await rowsFor(email)).toEqual([]);
    expect(await logFor(email)).toEqual([]);
    expect(await sendInvitations(coordinator, [email], presets())).toMatchObject({ ok: true });
  });

  test("resend makes a new link and counts; revoke kills the link; neither works on a closed invitation, and a coordinator cannot touch an admin's invitation", async () => {
    const email = uniqueEmail("zeile");
    const first = await invite(email);
    const [row] = await rowsFor(email);
    expect(await resendInvitation(coordinator, row!.id)).toEqual({ ok: true });
    const second = await tokenFromMail(email);
    expect(second).not.toBe(first);
    expect((await rowsFor(email))[0]).toMatchObject({ sendCount: 2, invitedBy: coordinator.id });
    expect(await revokeInvitation(admin, row!.id)).toEqual({ ok: true });
    expect((await findInvitationByToken(second))?.state).toBe("revoked");
    expect(await acceptInvitation(second, { displayName: "Zu spät", password: "ein langer Satz für später" })).toEqual({ ok: false, error: "gone" });
    expect(await resendInvitation(admin, row!.id)).toEqual({ ok: false, error: "closed" });
    expect(await revokeInvitation(admin, row!.id)).toEqual({ ok: false, error: "closed" });
    expect(await logFor(email)).toEqual(["invited", "invitation_resent", "invitation_revoked"]);

    const privileged = uniqueEmail("koord");
    await invite(privileged, { role: "coordinator" });
    const [privilegedRow] = await rowsFor(privileged);
    expect(await resendInvitation(coordinator, privilegedRow!.id)).toEqual({ ok: false, error: "forbidden" });
    expect(await revokeInvitation(coordinator, privilegedRow!.id)).toEqual({ ok: false, error: "forbidden" });
    expect(await revokeInvitation(admin, "00000000-0000-4000-8000-000000000000")).toEqual({ ok: false, error: "notFound" });
  });

  test("the list shows each state, newest first, and filters by state", async () => {
    const [pending, expired, accepted, revoked] = ["offen", "alt", "an", "weg"].map((prefix) => uniqueEmail(`liste-${prefix}`));
    for (const email of [pending, expired, accepted, revoked]) await invite(email!);
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, expired!));
    await db.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.email, revoked!));
    const [acceptedRow] = await rowsFor(accepted!);
    await db
      .update(invitations)
      .set({ createdAt: new Date(Date.now() + 60_000) })
      .where(eq(invitations.id, acceptedRow!.id));
    const token = await tokenFromMail(accepted!);
    expect(await acceptInvitation(token, { displayName: "Anna Angenommen", password: "ein langer Satz zum Annehmen" })).toMatchObject({ ok: true });
    const all = await listInvitations({ state: null, page: 1 });
    expect(all.invitations[0]).toMatchObject({ email: accepted, state: "accepted", accepterName: "Anna Angenommen" });
    const states = new Map(all.invitations.map((row) => [row.email, row.state]));
    expect([pending, expired, accepted, revoked].map((email) => states.get(email!))).toEqual(["pending", "expired", "accepted", "revoked"]);
    for (const state of ["pending", "expired", "accepted", "revoked"] as const) {
      const page = await listInvitations({ state, page: 1 });
      expect(page.invitations.every((row) => row.state === state)).toBe(true);
    }
  });
});

describe("accepting an invitation", () => {
  test("creates the account bound to the address, confirmed, with the preset role, organisation and function, groups and language", async () => {
    const email = uniqueEmail("neu");
    const partnerId = await makePartner();
    const [open, archived] = [await makeGroup(), await makeGroup()];
    const token = await invite(email, { role: "coordinator", partnerId, partnerFunction: "Fallmanagement", groupIds: [open, archived], locale: "en" });
    await db.update(workingGroups).set({ archivedAt: new Date() }).where(eq(workingGroups.id, archived));
    const outcome = await acceptInvitation(token, { displayName: "  Nadia Neu  ", password: "ein langer Satz zum Annehmen" });
    expect(outcome).toMatchObject({ ok: true, locale: "en" });
    if (!outcome.ok) return;
    const [user] = await db.select().from(users).where(eq(users.id, outcome.userId));
    expect(user).toMatchObject({ email, displayName: "Nadia Neu", role: "coordinator", locale: "en" });
    expect(user!.emailVerifiedAt).not.toBeNull();
    expect(await verifyPassword(user!.passwordHash, "ein langer Satz zum Annehmen")).toBe(true);
    expect(await db.select({ partnerId: userOrganizations.partnerId, function: userOrganizations.function }).from(userOrganizations).where(eq(userOrganizations.userId, user!.id))).toEqual([
      { partnerId, function: "Fallmanagement" },
    ]);
    expect(await db.select({ groupId: groupMemberships.groupId, role: groupMemberships.role }).from(groupMemberships).where(eq(groupMemberships.userId, user!.id))).toEqual([
      { groupId: open, role: "member" },
    ]);
    expect((await rowsFor(email))[0]).toMatchObject({ acceptedUserId: user!.id });
    const jobs = await db.execute<{ key: string }>(sql`select key from graphile_worker.jobs where key = ${`people:${user!.id}`}`);
    expect(jobs).toHaveLength(1);
    // Single use.
    expect(await acceptInvitation(token, { displayName: "Noch einmal", password: "ein anderer langer Satz" })).toEqual({ ok: false, error: "gone" });
    expect((await findInvitationByToken(token))?.state).toBe("accepted");
  });

  test("an expired or unknown link creates nothing", async () => {
    const email = uniqueEmail("abgelaufen");
    const token = await invite(email);
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, email));
    expect((await findInvitationByToken(token))?.state).toBe("expired");
    expect(await acceptInvitation(token, { displayName: "Zu spät", password: "ein langer Satz zum Annehmen" })).toEqual({ ok: false, error: "gone" });
    expect(await acceptInvitation("unbekannt", { displayName: "Niemand", password: "ein langer Satz zum Annehmen" })).toEqual({ ok: false, error: "gone" });
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  test("an address that got an account meanwhile creates nothing and leaves the invitation open", async () => {
    const email = uniqueEmail("inzwischen");
    const token = await invite(email);
    await createTestUser({ email, displayName: "Schon da" });
    expect(await acceptInvitation(token, { displayName: "Doppelt", password: "ein langer Satz zum Annehmen" })).toEqual({ ok: false, error: "taken" });
    expect((await findInvitationByToken(token))?.state).toBe("pending");
    expect(await db.select({ name: users.displayName }).from(users).where(eq(users.email, email))).toEqual([{ name: "Schon da" }]);
  });

  test("two submits at the same moment create one account", async () => {
    const email = uniqueEmail("parallel");
    const token = await invite(email);
    const outcomes = await Promise.all(["Erste", "Zweite", "Dritte"].map((name) => acceptInvitation(token, { displayName: `${name} Person`, password: "ein langer Satz zum Annehmen" })));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([
      { ok: false, error: "gone" },
      { ok: false, error: "gone" },
    ]);
    expect(
      await db
        .select()
        .from(users)
        .where(and(eq(users.email, email))),
    ).toHaveLength(1);
  });
});

describe("the setting 'registration by invitation only'", () => {
  test("admins change it (the row is made on the first change, each change logged); coordinators cannot", async () => {
    expect(await setInvitationOnly(coordinator, true)).toEqual({ ok: false, error: "forbidden" });
    expect((await getSiteSettings()).invitationOnly).toBe(false);
    expect(await setInvitationOnly(admin, true)).toEqual({ ok: true, changed: true });
    expect(await setInvitationOnly(admin, true)).toEqual({ ok: true, changed: false });
    expect(await getSiteSettings()).toMatchObject({ invitationOnly: true, updatedByName: "Anke Admin" });
    expect(await setInvitationOnly(admin, false)).toEqual({ ok: true, changed: true });
    const entries = await db.select({ before: adminLog.before, after: adminLog.after }).from(adminLog).where(eq(adminLog.action, "settings_changed"));
    expect(entries).toEqual(
      expect.arrayContaining([
        { before: { invitationOnly: "false" }, after: { invitationOnly: "true" } },
        { before: { invitationOnly: "true" }, after: { invitationOnly: "false" } },
      ]),
    );
  });
});
