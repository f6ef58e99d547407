import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { partnerMembers, partners, services, users, verificationReminders } from "#db/schema";
import { loader as landscapeLoader } from "#app/routes/verzeichnis.uebersicht";
import { createTestUser, getRequest, run, sessionCookieFor } from "#test/factories";
import { linkFrom, waitForMail } from "#test/mail";
import { findPartnersToRemind, sendVerificationReminders } from "./reminders.server";

const DAY = 24 * 3600 * 1000;
const monthsAgo = (months: number, plusDays = 0) => {
  const date = new Date();
  date.setMonth(date.getMonth() - months);
  return new Date(date.getTime() + plusDays * DAY);
};

/** A partner checked `partnerChecked`, with one active service checked `serviceChecked`, and editors. */
async function partnerWith(options: { partnerChecked: Date | null; serviceChecked: Date | null; editors?: number; locale?: string }) {
  const key = randomBytes(4).toString("hex");
  const [partner] = await db
    .insert(partners)
    .values({ slug: `partner-${key}`, name: `Verein ${key}`, kind: "verein", lastVerifiedAt: options.partnerChecked })
    .returning();
  await db.insert(services).values({ partnerId: partner!.id, slug: `angebot-${key}`, name: `Sprachcafé ${key}`, lastVerifiedAt: options.serviceChecked });
  const editors = [];
  for (let index = 0; index < (options.editors ?? 1); index++) {
    const editor = await createTestUser({ displayName: `Redaktion ${key} ${index}` });
    if (options.locale) await db.update(users).set({ locale: options.locale }).where(eq(users.id, editor.id));
    await db.insert(partnerMembers).values({ partnerId: partner!.id, userId: editor.id });
    editors.push(editor);
  }
  return { partner: partner!, editors, key };
}

const remindersOf = (partnerId: string) => db.select().from(verificationReminders).where(eq(verificationReminders.partnerId, partnerId));
const toRemind = async () => (await findPartnersToRemind(db)).map((partner) => partner.id);

describe("reminders to check entries", () => {
  test("only entries unchecked for more than 12 months are reminded: the overview's boundary", async () => {
    const fresh = await partnerWith({ partnerChecked: monthsAgo(12, 1), serviceChecked: monthsAgo(12, 1) });
    const oldPartner = await partnerWith({ partnerChecked: monthsAgo(12, -1), serviceChecked: new Date() });
    const oldService = await partnerWith({ partnerChecked: new Date(), serviceChecked: monthsAgo(12, -1) });
    const never = await partnerWith({ partnerChecked: null, serviceChecked: new Date() });
    const ids = await toRemind();
    expect(ids).not.toContain(fresh.partner.id);
    expect(ids).toEqual(expect.arrayContaining([oldPartner.partner.id, oldService.partner.id, never.partner.id]));
  });

  test("ended services and archived partners are not reminded", async () => {
    const ended = await partnerWith({ partnerChecked: new Date(), serviceChecked: null });
    await db.update(services).set({ status: "archived" }).where(eq(services.partnerId, ended.partner.id));
    const archived = await partnerWith({ partnerChecked: null, serviceChecked: null });
    await db.update(partners).set({ status: "archived" }).where(eq(partners.id, archived.partner.id));
    const ids = await toRemind();
    expect(ids).not.toContain(ended.partner.id);
    expect(ids).not.toContain(archived.partner.id);
  });

  test("each editor gets one mail in their language with links to the entries, and each mail is recorded", async () => {
    const stale = await partnerWith({ partnerChecked: new Date(), serviceChecked: null, editors: 2 });
    const english = await partnerWith({ partnerChecked: monthsAgo(13), serviceChecked: new Date(), locale: "en" });
    await sendVerificationReminders(db);

    const mail = await waitForMail(stale.editors[0]!.email);
    expect(mail).toContain(`Verein ${stale.key}`);
    expect(mail).toContain(`Sprachcafé ${stale.key}`);
    expect(mail).toContain("nie geprüft");
    // The "geprüft" action comes first.
    expect(linkFrom(mail)).toBe(`/verzeichnis/partner/partner-${stale.key}/pruefen`);
    expect(mail).toContain(`/verzeichnis/angebote/angebot-${stale.key}/bearbeiten`);
    expect(mail).not.toContain(`/verzeichnis/partner/partner-${stale.key}/bearbeiten`);
    const recorded = await remindersOf(stale.partner.id);
    expect(recorded.map((row) => row.email).sort()).toEqual(stale.editors.map((editor) => editor.email).sort());
    expect(recorded.map((row) => row.userId).sort()).toEqual(stale.editors.map((editor) => editor.id).sort());

    const englishMail = await waitForMail(english.editors[0]!.email);
    expect(englishMail).toContain("Please check");
    expect(englishMail).toContain(`/verzeichnis/partner/partner-${english.key}/bearbeiten`);
    expect(englishMail).not.toContain(`/verzeichnis/angebote/angebot-${english.key}/bearbeiten`);
  });

  test("a partner is reminded at most once in 30 days", async () => {
    const stale = await partnerWith({ partnerChecked: null, serviceChecked: null });
    await sendVerificationReminders(db);
    await sendVerificationReminders(db);
    expect(await remindersOf(stale.partner.id)).toHaveLength(1);
    // 29 days later still nothing; after 30 days again.
    await db
      .update(verificationReminders)
      .set({ sentAt: new Date(Date.now() - 29 * DAY) })
      .where(eq(verificationReminders.partnerId, stale.partner.id));
    expect(await toRemind()).not.toContain(stale.partner.id);
    await db
      .update(verificationReminders)
      .set({ sentAt: new Date(Date.now() - 31 * DAY) })
      .where(eq(verificationReminders.partnerId, stale.partner.id));
    expect(await toRemind()).toContain(stale.partner.id);
    await sendVerificationReminders(db);
    expect(await remindersOf(stale.partner.id)).toHaveLength(2);
  });

  test("only editors are mailed: not other members, not blocked or unconfirmed editors; a partner without editors records nothing", async () => {
    const stale = await partnerWith({ partnerChecked: null, serviceChecked: null, editors: 3 });
    const [active, blocked, unconfirmed] = stale.editors;
    await db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked!.id));
    await db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, unconfirmed!.id));
    const bystander = await createTestUser();
    const nobody = await partnerWith({ partnerChecked: null, serviceChecked: null, editors: 0 });
    await sendVerificationReminders(db);
    expect((await remindersOf(stale.partner.id)).map((row) => row.userId)).toEqual([active!.id]);
    expect((await db.select().from(verificationReminders).where(eq(verificationReminders.userId, bystander.id))).length).toBe(0);
    expect(await remindersOf(nobody.partner.id)).toHaveLength(0);
  });

  test("coordinators see on the overview who was reminded when; members and guests do not", async () => {
    const stale = await partnerWith({ partnerChecked: null, serviceChecked: null });
    await sendVerificationReminders(db);
    const coordinator = await createTestUser({ role: "coordinator" });
    const admin = await createTestUser({ role: "admin" });
    for (const person of [coordinator, admin]) {
      const response = await run(landscapeLoader, getRequest("/verzeichnis/uebersicht", { cookie: await sessionCookieFor(person.id) }));
      expect(response.status).toBe(200);
      const data = (await response.json()) as { reminders: { partnerName: string; displayName: string | null; sentAt: string }[] };
      expect(data.reminders).toContainEqual(expect.objectContaining({ partnerName: stale.partner.name, displayName: stale.editors[0]!.displayName }));
    }
    const member = await createTestUser();
    expect((await run(landscapeLoader, getRequest("/verzeichnis/uebersicht", { cookie: await sessionCookieFor(member.id) }))).status).toBe(403);
    // The partner's own editor is a member: the overview is not theirs either.
    expect((await run(landscapeLoader, getRequest("/verzeichnis/uebersicht", { cookie: await sessionCookieFor(stale.editors[0]!.id) }))).status).toBe(403);
    expect((await run(landscapeLoader, getRequest("/verzeichnis/uebersicht"))).status).toBe(302);
  });
});
