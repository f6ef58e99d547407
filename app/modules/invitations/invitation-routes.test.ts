import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { invitations, sessions, siteSettings, users, type UserRole } from "#db/schema";
import { action as acceptAction, loader as acceptLoader } from "#app/routes/einladung.$token";
import { action as registerAction, loader as registerLoader } from "#app/routes/registrieren";
import { loader as indexLoader } from "#app/routes/verwaltung._index";
import { action as invitationsAction, loader as invitationsLoader } from "#app/routes/verwaltung.einladungen/route";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, uniqueEmail, withParams } from "#test/factories";
import { linkFrom, waitForMail } from "#test/mail";
import { sendInvitations } from "./invitations.server";

type Who = "guest" | UserRole;
const ROLES: Who[] = ["guest", "member", "coordinator", "admin"];
const PATH = "/verwaltung/einladungen";
const PASSWORD = "ein langer Satz zum Annehmen";

async function cookieFor(who: Who): Promise<{ cookie?: string }> {
  if (who === "guest") return {};
  const user = await createTestUser({ role: who, displayName: `Prüfung ${who}` });
  return { cookie: await sessionCookieFor(user.id) };
}

/** What each role gets: a guest is sent to sign in, others get the status. */
function expectAnswer(response: Response, who: Who, allowed: number, denied = 403) {
  if (who === "guest") {
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/anmelden\?redirectTo=%2Fverwaltung/);
  } else {
    expect(response.status, who).toBe(who === "coordinator" || who === "admin" ? allowed : denied);
  }
}

const post = (fields: Record<string, string> | URLSearchParams, cookie: { cookie?: string }, path = PATH) => {
  const request = formRequest(path, {}, cookie);
  const body = fields instanceof URLSearchParams ? fields : new URLSearchParams(fields);
  return run(invitationsAction as (args: ActionFunctionArgs) => unknown, new Request(request, { body: body.toString() }));
};
const invite = (fields: Record<string, string>, cookie: { cookie?: string }) => post({ intent: "invite", locale: "de", role: "member", ...fields }, cookie);
const rowsFor = (email: string) => db.select().from(invitations).where(eq(invitations.email, email));
type Answer = { form: string; result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } };

async function inviteDirectly(email: string, role: UserRole = "member") {
  const admin = await createTestUser({ role: "admin", displayName: "Anke Admin" });
  expect(await sendInvitations({ id: admin.id, role: "admin", displayName: admin.displayName }, [email], { role, partnerId: null, partnerFunction: "", groupIds: [], locale: "de" })).toMatchObject({
    ok: true,
  });
  const token = linkFrom(await waitForMail(email))
    .split("/")
    .pop()!;
  const [row] = await rowsFor(email);
  return { token, id: row!.id };
}

describe("who sees and uses /verwaltung/einladungen", () => {
  test.each(ROLES)("%s: the page and /verwaltung", async (who) => {
    const cookie = await cookieFor(who);
    expectAnswer(await run(invitationsLoader as (args: LoaderFunctionArgs) => unknown, getRequest(PATH, cookie)), who, 200);
    expectAnswer(await run(indexLoader as (args: LoaderFunctionArgs) => unknown, getRequest("/verwaltung", cookie)), who, 200);
  });

  test.each(ROLES)("%s: inviting a member (direct POST)", async (who) => {
    const email = uniqueEmail("einladen");
    const response = await invite({ addresses: email }, await cookieFor(who));
    expectAnswer(response, who, 303);
    expect(await rowsFor(email)).toHaveLength(who === "coordinator" || who === "admin" ? 1 : 0);
    if (response.status === 303) expect(response.headers.get("Location")).toBe(PATH);
  });

  test.each(ROLES)("%s: resending and withdrawing a member's invitation", async (who) => {
    const email = uniqueEmail("zeile");
    const { id } = await inviteDirectly(email);
    const cookie = await cookieFor(who);
    expectAnswer(await post({ intent: "resend", id }, cookie), who, 303);
    expect((await rowsFor(email))[0]!.sendCount).toBe(who === "coordinator" || who === "admin" ? 2 : 1);
    expectAnswer(await post({ intent: "revoke", id }, cookie), who, 303);
    expect((await rowsFor(email))[0]!.revokedAt === null).toBe(!(who === "coordinator" || who === "admin"));
  });

  test.each(ROLES)("%s: the setting 'registration by invitation only' (admins only)", async (who) => {
    await db.delete(siteSettings);
    const response = await post({ intent: "settings", invitationOnly: "on" }, await cookieFor(who));
    if (who === "admin") expect(response.status).toBe(303);
    else if (who === "guest") expectAnswer(response, who, 0);
    else expect(response.status).toBe(403);
    const [row] = await db.select().from(siteSettings);
    expect(row?.invitationOnly ?? false).toBe(who === "admin");
    await db.delete(siteSettings);
  });

  test("the loader tells a coordinator which roles they may preset, and that the setting is not theirs", async () => {
    const asCoordinator = (await (await run(invitationsLoader as (args: LoaderFunctionArgs) => unknown, getRequest(PATH, await cookieFor("coordinator")))).json()) as { viewer: unknown };
    expect(asCoordinator.viewer).toEqual({ presetRoles: ["member"], changesSettings: false });
    const asAdmin = (await (await run(invitationsLoader as (args: LoaderFunctionArgs) => unknown, getRequest(PATH, await cookieFor("admin")))).json()) as { viewer: unknown };
    expect(asAdmin.viewer).toEqual({ presetRoles: ["admin", "coordinator", "member"], changesSettings: true });
  });

  test("a coordinator cannot preset coordinator or admin, nor resend or withdraw such an invitation: field error or 403, nothing changes", async () => {
    const coordinator = await cookieFor("coordinator");
    for (const role of ["admin", "coordinator"]) {
      const email = uniqueEmail("hoch");
      const response = await invite({ addresses: email, role }, coordinator);
      expect(response.status).toBe(400);
      expect(((await response.json()) as Answer).result.error?.role).toEqual(["invitations.validation.roleForbidden"]);
      expect(await rowsFor(email)).toEqual([]);
    }
    const email = uniqueEmail("adminrolle");
    const { id } = await inviteDirectly(email, "admin");
    expect((await post({ intent: "resend", id }, coordinator)).status).toBe(403);
    expect((await post({ intent: "revoke", id }, coordinator)).status).toBe(403);
    expect((await rowsFor(email))[0]).toMatchObject({ sendCount: 1, revokedAt: null });
    const admin = await cookieFor("admin");
    expect((await invite({ addresses: uniqueEmail("neuadmin"), role: "admin" }, admin)).status).toBe(303);
  });
});

describe("bad input on the invitation form", () => {
  test("bad lines and addresses with an account are named by line; the list comes back as typed; nothing is sent", async () => {
    const existing = await createTestUser();
    const good = uniqueEmail("gut");
    const typed = `${good}\nfoo@\n${existing.email}\n${good.toUpperCase()}\n`;
    const response = await invite({ addresses: typed }, await cookieFor("admin"));
    expect(response.status).toBe(400);
    const { form, result } = (await response.json()) as Answer;
    expect(form).toBe("invite");
    expect(result.error?.addresses).toEqual(["invitations.problems.text.invalid|2|foo@", `invitations.problems.text.taken|3|${existing.email}`]);
    expect(result.error?.[""]).toEqual(["invitations.form.nothingSent"]);
    expect(result.initialValue?.addresses).toBe(typed);
    expect(await rowsFor(good)).toEqual([]);
  });

  test("an empty form, more than 500 addresses, an unknown partner or language and a function without organisation are answered at their fields", async () => {
    const admin = await cookieFor("admin");
    const empty = (await (await invite({ addresses: "  " }, admin)).json()) as Answer;
    expect(empty.result.error?.addresses).toEqual(["invitations.validation.noAddresses"]);
    const many = Array.from({ length: 501 }, (_, index) => `viele${index}@example.org`).join("\n");
    const tooMany = (await (await invite({ addresses: many }, admin)).json()) as Answer;
    expect(tooMany.result.error?.addresses).toEqual(["invitations.validation.tooMany|500"]);
    const email = uniqueEmail("felder");
    const fields = (await (await invite({ addresses: email, partnerId: "00000000-0000-4000-8000-000000000000", locale: "xx", role: "kaiser" }, admin)).json()) as Answer;
    expect(fields.result.error?.role).toEqual(["invitations.validation.role"]);
    const gone = (await (await invite({ addresses: email, partnerId: "00000000-0000-4000-8000-000000000000", locale: "fr" }, admin)).json()) as Answer;
    expect(gone.result.error?.locale).toEqual(["invitations.validation.locale"]);
    const partner = (await (await invite({ addresses: email, partnerId: "00000000-0000-4000-8000-000000000000" }, admin)).json()) as Answer;
    expect(partner.result.error?.partnerId).toEqual(["invitations.validation.partnerGone"]);
    const orphan = (await (await invite({ addresses: email, partnerFunction: "Fallmanagement" }, admin)).json()) as Answer;
    expect(orphan.result.error?.partnerFunction).toEqual(["invitations.validation.functionWithoutPartner"]);
    expect(await rowsFor(email)).toEqual([]);
  });

  test("an uploaded CSV file invites its addresses; its bad lines are named with the file's line numbers", async () => {
    const admin = await cookieFor("admin");
    const [anna, bernd] = [uniqueEmail("csv-anna"), uniqueEmail("csv-bernd")];
    const upload = (csv: string, addresses = "") => {
      const form = new FormData();
      for (const [name, value] of Object.entries({ intent: "invite", role: "member", locale: "de", addresses })) form.set(name, value);
      form.set("file", new File([csv], "liste.csv", { type: "text/csv" }));
      const request = new Request(`http://localhost:3000${PATH}`, { method: "POST", headers: { Origin: "http://localhost:3000", Cookie: admin.cookie! }, body: form });
      return run(invitationsAction as (args: ActionFunctionArgs) => unknown, request);
    };
    const bad = await upload(`Name;E-Mail\nAnna;${anna}\nBernd;bernd@\n`, bernd);
    expect(bad.status).toBe(400);
    const answer = (await bad.json()) as Answer;
    expect(answer.result.error?.file).toEqual(["invitations.problems.file.invalid|3|bernd@"]);
    expect(answer.result.initialValue?.addresses).toBe(bernd);
    expect(await rowsFor(anna)).toEqual([]);
    expect((await upload(`Name;E-Mail\nAnna;${anna}\nBernd;${bernd}\n`, bernd)).status).toBe(303);
    expect(await rowsFor(anna)).toHaveLength(1);
    expect(await rowsFor(bernd)).toHaveLength(1);
    const noAddresses = (await (await upload("kein csv")).json()) as Answer;
    expect(noAddresses.result.error?.file).toEqual(["invitations.validation.fileNoColumn"]);
  });

  test("groups are sent as several values; an unknown intent is a 400", async () => {
    const admin = await cookieFor("admin");
    const email = uniqueEmail("gruppen");
    const body = new URLSearchParams([
      ["intent", "invite"],
      ["addresses", email],
      ["role", "member"],
      ["locale", "en"],
      ["groupIds", "00000000-0000-4000-8000-000000000001"],
      ["groupIds", "00000000-0000-4000-8000-000000000002"],
    ]);
    const answer = (await (await post(body, admin)).json()) as Answer;
    expect(answer.result.error?.groupIds).toEqual(["invitations.validation.groupsGone"]);
    expect((await post({ intent: "loeschen" }, admin)).status).toBe(400);
  });
});

describe("the page an invitation's link opens", () => {
  const load = (token: string, cookie: { cookie?: string } = {}) =>
    run(withParams(acceptLoader as (args: LoaderFunctionArgs & { params: Record<string, string> }) => unknown, { token }), getRequest(`/einladung/${token}`, cookie));
  const accept = (token: string, fields: Record<string, string>, cookie: { cookie?: string } = {}) =>
    run(withParams(acceptAction as (args: ActionFunctionArgs & { params: Record<string, string> }) => unknown, { token }), formRequest(`/einladung/${token}`, fields, cookie));

  test("a guest sees the address it is bound to and creates the account; they are signed in and land on their profile", async () => {
    const email = uniqueEmail("annahme");
    const { token } = await inviteDirectly(email);
    const page = await load(token);
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ state: "open", email, inviterName: "Anke Admin", signedIn: false, taken: false });
    const response = await accept(token, { displayName: "Nina Neu", password: PASSWORD, email: "andere@example.org" });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/konto/profil");
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith("kw_toast="))).toBe(true);
    expect(response.headers.getSetCookie().length).toBeGreaterThanOrEqual(3);
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ displayName: "Nina Neu", role: "member" });
    expect(await db.select().from(users).where(eq(users.email, "andere@example.org"))).toEqual([]);
    // Used: the page now says so, and a second submit creates nothing.
    const used = await load(token);
    expect(used.status).toBe(404);
    expect(await used.json()).toEqual({ state: "gone", askName: null });
    expect((await accept(token, { displayName: "Noch wer", password: PASSWORD })).status).toBe(404);
  });

  test("an invited coordinator's first session owes the two-factor setup before anything else", async () => {
    const email = uniqueEmail("koordination");
    const { token } = await inviteDirectly(email, "coordinator");
    expect((await accept(token, { displayName: "Konrad Koordination", password: PASSWORD })).status).toBe(303);
    const [user] = await db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, email));
    expect(user?.role).toBe("coordinator");
    expect(await db.select({ twoFactor: sessions.twoFactor }).from(sessions).where(eq(sessions.userId, user!.id))).toEqual([{ twoFactor: "setup" }]);
  });

  test("an unknown, withdrawn or expired link gets the page that says so, naming whom to ask", async () => {
    expect(await (await load("gibt-es-nicht")).json()).toEqual({ state: "gone", askName: null });
    const email = uniqueEmail("abgelaufen");
    const { token } = await inviteDirectly(email);
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, email));
    const expired = await load(token);
    expect(expired.status).toBe(404);
    expect(await expired.json()).toEqual({ state: "gone", askName: "Anke Admin" });
  });

  test("a signed-in visitor gets a note and their POST creates nothing; bad input keeps the name and never the password", async () => {
    const email = uniqueEmail("angemeldet");
    const { token } = await inviteDirectly(email);
    const member = await cookieFor("member");
    expect(await (await load(token, member)).json()).toMatchObject({ state: "open", signedIn: true });
    const refused = await accept(token, { displayName: "Zweites Konto", password: PASSWORD }, member);
    expect(refused.status).toBe(403);
    const short = await accept(token, { displayName: "Kurz", password: "kurz" });
    expect(short.status).toBe(400);
    const body = (await short.json()) as { result: Answer["result"] };
    expect(body.result.error?.password).toEqual(["validation.passwordTooShort"]);
    expect(body.result.initialValue).toEqual({ displayName: "Kurz" });
    const common = (await (await accept(token, { displayName: "Gewöhnlich", password: "password123" })).json()) as { result: Answer["result"] };
    expect(common.result.error?.password).toEqual(["validation.passwordCommon"]);
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
    expect((await rowsFor(email))[0]!.acceptedAt).toBeNull();
  });

  test("a visitor without a chosen language is sent once into the invitation's language", async () => {
    const email = uniqueEmail("english");
    const admin = await createTestUser({ role: "admin" });
    await sendInvitations({ id: admin.id, role: "admin", displayName: "Anke" }, [email], { role: "member", partnerId: null, partnerFunction: "", groupIds: [], locale: "en" });
    const token = linkFrom(await waitForMail(email))
      .split("/")
      .pop()!;
    const response = await load(token);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/einladung/${token}?sprache=en`);
    expect(response.headers.get("Set-Cookie")).toMatch(/^kw_lang=/);
    const marked = await run(withParams(acceptLoader as (args: LoaderFunctionArgs & { params: Record<string, string> }) => unknown, { token }), getRequest(`/einladung/${token}?sprache=en`));
    expect(marked.status).toBe(200);
  });
});

describe("registration by invitation only", () => {
  afterEach(async () => {
    await db.delete(siteSettings);
  });

  test("with the setting on, /registrieren shows a notice and a direct POST creates no account; off, it registers", async () => {
    await db.insert(siteSettings).values({ id: 1, invitationOnly: true });
    expect(await (await run(registerLoader as (args: LoaderFunctionArgs) => unknown, getRequest("/registrieren"))).json()).toEqual({ closed: true });
    const email = uniqueEmail("selbst");
    const refused = await run(registerAction as (args: ActionFunctionArgs) => unknown, formRequest("/registrieren", { displayName: "Selbst Gemacht", email, password: PASSWORD }));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { result: Answer["result"] }).result.error?.[""]).toEqual(["invitations.registration.refused"]);
    expect(
      await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email}`),
    ).toEqual([]);
    await db.update(siteSettings).set({ invitationOnly: false });
    expect(await (await run(registerLoader as (args: LoaderFunctionArgs) => unknown, getRequest("/registrieren"))).json()).toEqual({ closed: false });
    expect((await run(registerAction as (args: ActionFunctionArgs) => unknown, formRequest("/registrieren", { displayName: "Selbst Gemacht", email, password: PASSWORD }))).status).toBe(303);
  });
});
