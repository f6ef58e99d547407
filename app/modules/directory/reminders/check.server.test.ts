import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { partnerMembers, partners, services } from "#db/schema";
import { action, loader } from "#app/routes/verzeichnis.partner.$slug_.pruefen";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";

const LONG_AGO = new Date("2024-01-15T10:00:00Z");

async function stalePartner() {
  const key = randomBytes(4).toString("hex");
  const [partner] = await db
    .insert(partners)
    .values({ slug: `pruef-${key}`, name: `Pruefverein ${key}`, kind: "verein", lastVerifiedAt: LONG_AGO })
    .returning();
  const made = await db
    .insert(services)
    .values([
      { partnerId: partner!.id, slug: `pruef-a-${key}`, name: `Beratung ${key}`, lastVerifiedAt: LONG_AGO },
      { partnerId: partner!.id, slug: `pruef-b-${key}`, name: `Sprachcafé ${key}`, lastVerifiedAt: null },
    ])
    .returning();
  const editor = await createTestUser();
  await db.insert(partnerMembers).values({ partnerId: partner!.id, userId: editor.id });
  return { partner: partner!, services: made, editor };
}

const path = (slug: string) => `/verzeichnis/partner/${slug}/pruefen`;
const get = async (slug: string, cookie?: string) => run(withParams(loader, { slug }), getRequest(path(slug), { cookie }));
const post = async (slug: string, entry: string, cookie?: string) => run(withParams(action, { slug }), formRequest(path(slug), { entry }, { cookie }));
const checkedAt = async (serviceId: string) => (await db.select({ at: services.lastVerifiedAt }).from(services).where(eq(services.id, serviceId)))[0]!.at;
const partnerCheckedAt = async (partnerId: string) => (await db.select({ at: partners.lastVerifiedAt }).from(partners).where(eq(partners.id, partnerId)))[0]!.at;

describe("the check page (Angaben prüfen)", () => {
  test("a partner's editor sees its entries with their dates and marks one service as checked", async () => {
    const {
      partner,
      services: [first, second],
      editor,
    } = await stalePartner();
    const cookie = await sessionCookieFor(editor.id);
    const page = await get(partner.slug, cookie);
    expect(page.status).toBe(200);
    const data = (await page.json()) as { partner: { stale: boolean }; services: { name: string; stale: boolean }[] };
    expect(data.partner.stale).toBe(true);
    expect(data.services.map((service) => service.stale)).toEqual([true, true]);

    const response = await post(partner.slug, first!.id, cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(path(partner.slug));
    expect((await checkedAt(first!.id))!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await checkedAt(second!.id)).toBeNull();
    expect(await partnerCheckedAt(partner.id)).toEqual(LONG_AGO);
  });

  test("'all' marks the profile and every active service, and records who checked", async () => {
    const { partner, services: made, editor } = await stalePartner();
    await db.update(services).set({ status: "archived" }).where(eq(services.id, made[1]!.id));
    expect((await post(partner.slug, "all", await sessionCookieFor(editor.id))).status).toBe(303);
    const [row] = await db.select().from(partners).where(eq(partners.id, partner.id));
    expect(row!.lastVerifiedBy).toBe(editor.id);
    expect(row!.lastVerifiedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await checkedAt(made[0]!.id)).not.toBeNull();
    // An ended service is not confirmed by "all".
    expect(await checkedAt(made[1]!.id)).toBeNull();
  });

  test("coordinators and admins may check any partner's entries", async () => {
    const { partner, services: made } = await stalePartner();
    const coordinator = await createTestUser({ role: "coordinator" });
    const admin = await createTestUser({ role: "admin" });
    expect((await get(partner.slug, await sessionCookieFor(coordinator.id))).status).toBe(200);
    expect((await post(partner.slug, "partner", await sessionCookieFor(coordinator.id))).status).toBe(303);
    expect(await partnerCheckedAt(partner.id)).not.toEqual(LONG_AGO);
    expect((await post(partner.slug, made[0]!.id, await sessionCookieFor(admin.id))).status).toBe(303);
    expect(await checkedAt(made[0]!.id)).not.toEqual(LONG_AGO);
  });

  test("guests are sent to sign in and other members are refused, page and direct POST alike; nothing changes", async () => {
    const { partner, services: made } = await stalePartner();
    const guestPage = await get(partner.slug);
    expect(guestPage.status).toBe(302);
    expect((await post(partner.slug, "all")).status).toBe(302);
    const member = await createTestUser();
    const cookie = await sessionCookieFor(member.id);
    expect((await get(partner.slug, cookie)).status).toBe(403);
    expect((await post(partner.slug, "all", cookie)).status).toBe(403);
    expect(await partnerCheckedAt(partner.id)).toEqual(LONG_AGO);
    expect(await checkedAt(made[0]!.id)).toEqual(LONG_AGO);
  });

  test("an editor cannot check another partner's service through their own page, and a bad value is refused", async () => {
    const own = await stalePartner();
    const other = await stalePartner();
    const cookie = await sessionCookieFor(own.editor.id);
    expect((await post(own.partner.slug, other.services[0]!.id, cookie)).status).toBe(404);
    expect(await checkedAt(other.services[0]!.id)).toEqual(LONG_AGO);
    expect((await post(own.partner.slug, "alles", cookie)).status).toBe(400);
    expect((await get("gibt-es-nicht", cookie)).status).toBe(404);
  });
});
