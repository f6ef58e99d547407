import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { services, users } from "#db/schema";
import type { UserRole } from "#db/schema";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { getServiceForEdit } from "#app/modules/directory/directory-writes.server";
import { applySearchSettings } from "#search/reindex";
import { action as profileAction, loader as profileLoader } from "#app/routes/konto.profil";
import { loader as peopleLoader } from "#app/routes/personen._index";
import { loader as personLoader } from "#app/routes/personen.$handle";
import { loader as serviceLoader } from "#app/routes/verzeichnis.angebote.$slug";
import { action as serviceEditAction } from "#app/routes/verzeichnis.angebote.$slug_.bearbeiten";
import { loader as partnerLoader } from "#app/routes/verzeichnis.partner.$slug";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";
import { createPerson, partnerId, runSearchSync } from "./people-fixtures.server";

const ROLES: UserRole[] = ["member", "coordinator", "admin"];
const TAG = "Quendel";

let visible: Awaited<ReturnType<typeof createPerson>>;
let quiet: Awaited<ReturnType<typeof createPerson>>;
let jobcenter: string;

beforeAll(async () => {
  await seedDirectory(db);
  await applySearchSettings();
  jobcenter = await partnerId("jobcenter-auental");
  const vhs = await partnerId("vhs-auental");
  visible = await createPerson(`Tamara ${TAG}`, {
    organisations: [{ partnerId: jobcenter, function: "Fallmanagement", row: 0 }],
    languages: ["de", "ar"],
    topics: ["arbeit"],
    phone: "06021 444-555",
    phoneVisibility: "members",
    emailVisibility: "members",
    about: "Wege in Arbeit",
  });
  quiet = await createPerson(`Quirin ${TAG}`, { organisations: [{ partnerId: vhs, function: "Kursberatung", row: 0 }], languages: ["de", "uk"], phone: "06021 666-777", phoneVisibility: "nobody" });
  await runSearchSync();
}, 60_000);

const cookieFor = async (role: UserRole) => sessionCookieFor((await createTestUser({ role })).id);
const json = async <T>(response: Response) => (await response.json()) as T;
type PeoplePage = { people: { id: string; phone: string | null; email: string | null }[]; total: number; status: string };

describe("/personen", () => {
  test("a guest is sent to sign in and gets no person", async () => {
    const response = await run(peopleLoader, getRequest("/personen?q=Quendel"));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/anmelden?redirectTo=${encodeURIComponent("/personen?q=Quendel")}`);
  });

  for (const role of ROLES) {
    test(`a ${role} finds people by name, organisation and language`, async () => {
      const cookie = await cookieFor(role);
      const byName = await json<PeoplePage>(await run(peopleLoader, getRequest(`/personen?q=${TAG}`, { cookie })));
      expect(byName.status).toBe("ok");
      expect(byName.people.map((person) => person.id).sort()).toEqual([visible.id, quiet.id].sort());
      const byOrganisation = await json<PeoplePage>(await run(peopleLoader, getRequest(`/personen?q=${TAG}&organisation=jobcenter-auental`, { cookie })));
      expect(byOrganisation.people.map((person) => person.id)).toEqual([visible.id]);
      const byLanguage = await json<PeoplePage>(await run(peopleLoader, getRequest(`/personen?q=${TAG}&sprache=uk`, { cookie })));
      expect(byLanguage.people.map((person) => person.id)).toEqual([quiet.id]);
      const byTopic = await json<PeoplePage>(await run(peopleLoader, getRequest(`/personen?q=${TAG}&thema=arbeit`, { cookie })));
      expect(byTopic.people.map((person) => person.id)).toEqual([visible.id]);
      const unknown = await json<PeoplePage>(await run(peopleLoader, getRequest(`/personen?organisation=gibt-es-nicht`, { cookie })));
      expect(unknown.people).toEqual([]);
    });
  }

  test("hits are checked again in PostgreSQL: a blocked person and a hidden phone are gone before the index learns it", async () => {
    const person = await createPerson(`Lena ${TAG}lag`, { phone: "06021 121-212", phoneVisibility: "members" });
    await runSearchSync();
    const cookie = await cookieFor("member");
    const before = await json<PeoplePage>(await run(peopleLoader, getRequest(`/personen?q=${TAG}lag`, { cookie })));
    expect(before.people.map((row) => row.phone)).toEqual(["06021 121-212"]);
    await db.update(users).set({ phoneVisibility: "nobody" }).where(eq(users.id, person.id));
    const hidden = await json<PeoplePage>(await run(peopleLoader, getRequest(`/personen?q=${TAG}lag`, { cookie })));
    expect(hidden.people.map((row) => row.phone)).toEqual([null]);
    await db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, person.id));
    expect((await json<PeoplePage>(await run(peopleLoader, getRequest(`/personen?q=${TAG}lag`, { cookie })))).people).toEqual([]);
  });
});

describe("/personen/:handle", () => {
  const personPage = (handle: string, cookie?: string) => run(withParams(personLoader, { handle }), getRequest(`/personen/${handle}`, { cookie }));

  test("a guest is sent to sign in", async () => {
    const response = await personPage(visible.handle);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/anmelden\?redirectTo=/);
  });

  for (const role of ROLES) {
    test(`a ${role} sees the profile, with only the contact fields shown to members`, async () => {
      const cookie = await cookieFor(role);
      const shown = await json<{ person: Record<string, unknown>; own: boolean }>(await personPage(visible.handle, cookie));
      expect(shown.own).toBe(false);
      expect(shown.person).toMatchObject({
        displayName: `Tamara ${TAG}`,
        phone: "06021 444-555",
        email: visible.email,
        languages: ["de", "ar"],
        organisations: [{ slug: "jobcenter-auental", name: "Jobcenter Auental", function: "Fallmanagement" }],
        about: "Wege in Arbeit",
      });
      expect(shown.person.id).toBeUndefined();
      const hidden = await json<{ person: Record<string, unknown> }>(await personPage(quiet.handle, cookie));
      expect(hidden.person).toMatchObject({ phone: null, email: null });
      expect(JSON.stringify(hidden)).not.toContain("666-777");
    });
  }

  test("the person's own page says so", async () => {
    const cookie = await sessionCookieFor(visible.id);
    expect((await json<{ own: boolean }>(await personPage(visible.handle, cookie))).own).toBe(true);
  });

  test("deleted, blocked and unconfirmed accounts and unknown handles are a 404", async () => {
    const cookie = await cookieFor("admin");
    const [deleted, blocked, unconfirmed] = await Promise.all([createPerson("Del Eted"), createPerson("Blo Cked"), createPerson("Un Confirmed")]);
    await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, deleted.id));
    await db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.id));
    await db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, unconfirmed.id));
    for (const handle of [deleted.handle, blocked.handle, unconfirmed.handle, "niemand.hier", "../x"]) expect((await personPage(handle, cookie)).status).toBe(404);
  });
});

describe("/konto/profil", () => {
  test("a guest is sent to sign in, also for a direct POST, and nothing is written", async () => {
    expect((await run(profileLoader, getRequest("/konto/profil"))).status).toBe(302);
    const response = await run(profileAction, formRequest("/konto/profil", { intent: "profile", about: "Gast", phoneVisibility: "members", emailVisibility: "nobody" }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/anmelden/);
    expect(await db.$count(users, eq(users.about, "Gast"))).toBe(0);
  });

  for (const role of ROLES) {
    test(`a ${role} edits their own profile`, async () => {
      const user = await createTestUser({ role });
      const cookie = await sessionCookieFor(user.id);
      const response = await run(
        profileAction,
        formRequest(
          "/konto/profil",
          { intent: "profile", "organisations[0].partnerId": jobcenter, "organisations[0].function": role, phoneVisibility: "members", emailVisibility: "nobody" },
          { cookie },
        ),
      );
      expect(response.status).toBe(303);
      const page = await json<{ profile: { organisations: { function: string }[] } }>(await run(profileLoader, getRequest("/konto/profil", { cookie })));
      expect(page.profile.organisations.map((row) => row.function)).toEqual([role]);
    });
  }
});

describe("a partner's people and a service's contact person", () => {
  test("the partner page sends its people to members only", async () => {
    const page = (cookie?: string) => run(withParams(partnerLoader, { slug: "jobcenter-auental" }), getRequest("/verzeichnis/partner/jobcenter-auental", { cookie }));
    const guest = await json<{ people: unknown }>(await page());
    expect(guest.people).toBeNull();
    expect(JSON.stringify(guest)).not.toContain(TAG);
    for (const role of ROLES) {
      const seen = await json<{ people: { handle: string; displayName: string; function: string }[] }>(await page(await cookieFor(role)));
      expect(seen.people).toContainEqual({ handle: visible.handle, displayName: `Tamara ${TAG}`, function: "Fallmanagement" });
      expect(seen.people.map((person) => person.handle)).not.toContain(quiet.handle);
    }
  });

  test("the service form accepts only a person of the service's partner; members see the linked person, guests do not", async () => {
    const slug = "jobcenter-arbeitsvermittlung";
    const editor = await cookieFor("coordinator");
    const editable = (await getServiceForEdit(slug))!;
    expect(editable.choices.people.map((person) => person.id)).toContain(visible.id);
    expect(editable.choices.people.map((person) => person.id)).not.toContain(quiet.id);
    const post = (contactUserId: string) => {
      const fields: [string, string][] = [];
      for (const [key, value] of Object.entries({ ...editable.values, contactUserId })) for (const item of Array.isArray(value) ? value : [String(value)]) fields.push([key, item]);
      const request = formRequest(`/verzeichnis/angebote/${slug}/bearbeiten`, {}, { cookie: editor });
      return run(withParams(serviceEditAction, { slug }), new Request(request.url, { method: "POST", headers: request.headers, body: new URLSearchParams(fields).toString() }));
    };
    const refused = await post(quiet.id);
    expect(refused.status).toBe(400);
    expect((await json<{ result: { error: Record<string, string[]> } }>(refused)).result.error.contactUserId).toEqual(["people.validation.contactPerson"]);
    const [before] = await db.select({ contactUserId: services.contactUserId }).from(services).where(eq(services.slug, slug));
    expect(before!.contactUserId).toBeNull();
    expect((await post("kein-uuid")).status).toBe(400);

    expect((await post(visible.id)).status).toBe(303);
    const [after] = await db.select({ contactUserId: services.contactUserId }).from(services).where(eq(services.slug, slug));
    expect(after!.contactUserId).toBe(visible.id);

    const page = (cookie?: string) => run(withParams(serviceLoader, { slug }), getRequest(`/verzeichnis/angebote/${slug}`, { cookie }));
    const guest = await json<{ contactPerson: unknown }>(await page());
    expect(guest.contactPerson).toBeNull();
    expect(JSON.stringify(guest)).not.toContain("444-555");
    for (const role of ROLES) {
      expect((await json<{ contactPerson: unknown }>(await page(await cookieFor(role)))).contactPerson).toEqual({
        handle: visible.handle,
        displayName: `Tamara ${TAG}`,
        function: "Fallmanagement",
        phone: "06021 444-555",
        email: visible.email,
      });
    }

    // Emptying the choice unlinks the person.
    expect((await post("")).status).toBe(303);
    const [cleared] = await db.select({ contactUserId: services.contactUserId }).from(services).where(eq(services.slug, slug));
    expect(cleared!.contactUserId).toBeNull();
  });

  test("a member who is not the partner's editor cannot set the contact person by a direct POST", async () => {
    const slug = "jobcenter-arbeitsvermittlung";
    const editable = (await getServiceForEdit(slug))!;
    const fields: [string, string][] = [];
    for (const [key, value] of Object.entries({ ...editable.values, contactUserId: visible.id })) for (const item of Array.isArray(value) ? value : [String(value)]) fields.push([key, item]);
    const request = formRequest(`/verzeichnis/angebote/${slug}/bearbeiten`, {}, { cookie: await cookieFor("member") });
    const response = await run(withParams(serviceEditAction, { slug }), new Request(request.url, { method: "POST", headers: request.headers, body: new URLSearchParams(fields).toString() }));
    expect(response.status).toBe(403);
  });
});
