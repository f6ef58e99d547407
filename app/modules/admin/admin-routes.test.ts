import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { adminLog, sessions, users, type UserRole } from "#db/schema";
import { action as personAction, loader as personLoader } from "#app/routes/verwaltung.personen.$id/route";
import { loader as peopleLoader } from "#app/routes/verwaltung.personen._index";
import { loader as logLoader } from "#app/routes/verwaltung.protokoll";
import { loader as indexLoader } from "#app/routes/verwaltung._index";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";

type Who = "guest" | UserRole;
const ROLES: Who[] = ["guest", "member", "coordinator", "admin"];

/** A Cookie header of a new account of the role, or none for a guest. */
async function cookieFor(who: Who): Promise<{ cookie?: string }> {
  if (who === "guest") return {};
  const user = await createTestUser({ role: who, displayName: `Prüfung ${who}` });
  return { cookie: await sessionCookieFor(user.id) };
}

const load = (handler: (args: LoaderFunctionArgs) => unknown, path: string, params: Record<string, string>, cookie: { cookie?: string }) =>
  run(withParams(handler as (args: LoaderFunctionArgs & { params: Record<string, string> }) => unknown, params), getRequest(path, cookie));
const post = (id: string, fields: Record<string, string>, cookie: { cookie?: string }) =>
  run(withParams(personAction as (args: ActionFunctionArgs & { params: Record<string, string> }) => unknown, { id }), formRequest(`/verwaltung/personen/${id}`, fields, cookie));

/** What each role gets: a guest is sent to sign in, others get the status. */
function expectAnswer(response: Response, who: Who, allowed: number) {
  if (who === "guest") {
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/anmelden\?redirectTo=%2Fverwaltung/);
  } else {
    expect(response.status, who).toBe(allowed);
  }
}

const stateOf = async (id: string) => (await db.select({ role: users.role, blockedAt: users.blockedAt }).from(users).where(eq(users.id, id)))[0]!;
const logCount = async (id: string) => (await db.select().from(adminLog).where(eq(adminLog.targetUserId, id))).length;

describe("who sees the administration's pages", () => {
  test.each(ROLES)("%s: people list, a person's page, the admin log and /verwaltung", async (who) => {
    const cookie = await cookieFor(who);
    const target = await createTestUser({ displayName: "Zielperson" });
    const area = who === "coordinator" || who === "admin" ? 200 : 403;
    expectAnswer(await load(peopleLoader, "/verwaltung/personen?q=Ziel", {}, cookie), who, area);
    expectAnswer(await load(personLoader, `/verwaltung/personen/${target.id}`, { id: target.id }, cookie), who, area);
    expectAnswer(await load(logLoader, "/verwaltung/protokoll", {}, cookie), who, who === "admin" ? 200 : 403);
    expectAnswer(await load(indexLoader, "/verwaltung", {}, cookie), who, area);
  });

  test("a coordinator sees the account but not its sessions or the log's reasons; an admin sees both", async () => {
    const target = await createTestUser({ displayName: "Sitzungsperson" });
    await sessionCookieFor(target.id);
    const path = `/verwaltung/personen/${target.id}`;
    const asCoordinator = (await (await load(personLoader, path, { id: target.id }, await cookieFor("coordinator"))).json()) as Record<string, unknown>;
    expect(asCoordinator).toMatchObject({ person: { displayName: "Sitzungsperson" }, sessions: [], history: [], viewer: { manages: false, changesRoles: false } });
    const asAdmin = (await (await load(personLoader, path, { id: target.id }, await cookieFor("admin"))).json()) as { sessions: unknown[]; viewer: Record<string, unknown> };
    expect(asAdmin.sessions).toHaveLength(1);
    expect(asAdmin.viewer).toMatchObject({ manages: true, changesRoles: true });
  });

  test("an id that is not a person is a 404", async () => {
    const admin = await cookieFor("admin");
    for (const id of ["00000000-0000-4000-8000-000000000000", "kein-uuid", "1"]) {
      expect((await load(personLoader, `/verwaltung/personen/${id}`, { id }, admin)).status).toBe(404);
      expect((await post(id, { intent: "unblock" }, admin)).status).toBe(404);
    }
  });
});

describe("who changes an account (direct POSTs included)", () => {
  const cases: { intent: string; fields: (target: { id: string }) => Record<string, string>; prepare?: (id: string) => Promise<void>; changed: (id: string) => Promise<boolean> }[] = [
    { intent: "role", fields: () => ({ intent: "role", role: "coordinator" }), changed: async (id) => (await stateOf(id)).role === "coordinator" },
    { intent: "block", fields: () => ({ intent: "block", reason: "Spam" }), changed: async (id) => (await stateOf(id)).blockedAt !== null },
    {
      intent: "unblock",
      fields: () => ({ intent: "unblock" }),
      prepare: async (id) => void (await db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, id))),
      changed: async (id) => (await stateOf(id)).blockedAt === null,
    },
    { intent: "reset", fields: () => ({ intent: "reset" }), changed: async (id) => (await logCount(id)) > 0 },
    {
      intent: "twoFactor",
      fields: () => ({ intent: "twoFactor", reason: "Handy verloren" }),
      prepare: async (id) => void (await db.update(users).set({ totpSecret: "v1.x.y.z", totpEnabledAt: new Date() }).where(eq(users.id, id))),
      changed: async (id) => (await db.select({ on: users.totpEnabledAt }).from(users).where(eq(users.id, id)))[0]!.on === null,
    },
    {
      intent: "sessions",
      fields: () => ({ intent: "sessions", session: "all" }),
      prepare: async (id) => void (await sessionCookieFor(id)),
      changed: async (id) => (await db.select().from(sessions).where(eq(sessions.userId, id))).length === 0,
    },
  ];
  for (const { intent, fields, prepare, changed } of cases) {
    test.each(ROLES)(`${intent}: %s`, async (who) => {
      const cookie = await cookieFor(who);
      const target = await createTestUser({ displayName: "Zielperson" });
      await prepare?.(target.id);
      const response = await post(target.id, fields(target), cookie);
      expectAnswer(response, who, who === "admin" ? 303 : 403);
      expect(await changed(target.id)).toBe(who === "admin");
      expect(await logCount(target.id)).toBe(who === "admin" ? 1 : 0);
      if (who === "admin") expect(response.headers.get("Location")).toBe(`/verwaltung/personen/${target.id}`);
    });
  }

  test("a coordinator's direct POSTs cannot grant or take away admin or coordinator", async () => {
    const coordinator = await cookieFor("coordinator");
    const member = await createTestUser();
    const admin = await createTestUser({ role: "admin" });
    const otherCoordinator = await createTestUser({ role: "coordinator" });
    for (const [target, role] of [
      [member, "admin"],
      [member, "coordinator"],
      [admin, "member"],
      [otherCoordinator, "member"],
    ] as const) {
      expect((await post(target.id, { intent: "role", role }, coordinator)).status).toBe(403);
      expect((await stateOf(target.id)).role).toBe(target.role);
    }
  });
});

describe("bad input on a person's page", () => {
  test("a block without a reason is answered at the reason field and changes nothing", async () => {
    const admin = await cookieFor("admin");
    const target = await createTestUser();
    const response = await post(target.id, { intent: "block", reason: "   " }, admin);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { form: string; result: { error: Record<string, string[]> } };
    expect(body.form).toBe("block");
    expect(body.result.error.reason).toEqual(["admin.validation.reasonRequired"]);
    expect((await stateOf(target.id)).blockedAt).toBeNull();
  });

  test("a reason that is too long comes back as typed, an unknown role at the role field, an unknown intent is a 400", async () => {
    const admin = await cookieFor("admin");
    const target = await createTestUser();
    const long = "x".repeat(501);
    const tooLong = await post(target.id, { intent: "role", role: "coordinator", reason: long }, admin);
    expect(tooLong.status).toBe(400);
    const body = (await tooLong.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(body.result.error.reason).toEqual(["admin.validation.reasonTooLong"]);
    expect(body.result.initialValue.reason).toBe(long);
    const badRole = (await (await post(target.id, { intent: "role", role: "kaiser" }, admin)).json()) as { result: { error: Record<string, string[]> } };
    expect(badRole.result.error.role).toEqual(["admin.validation.role"]);
    expect((await post(target.id, { intent: "delete" }, admin)).status).toBe(400);
    expect((await stateOf(target.id)).role).toBe("member");
    expect(await logCount(target.id)).toBe(0);
  });

  test("an admin who tries to block themselves gets the reason on the form", async () => {
    const self = await createTestUser({ role: "admin" });
    const response = await post(self.id, { intent: "block", reason: "Test" }, { cookie: await sessionCookieFor(self.id) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { result: { error: Record<string, string[]> } };
    expect(body.result.error[""]).toEqual(["admin.refusals.self"]);
    expect((await stateOf(self.id)).blockedAt).toBeNull();
  });
});

describe("the admin log page", () => {
  test("shows the newest change first with who, what, to whom and why", async () => {
    const adminUser = await createTestUser({ role: "admin", displayName: "Ada Admin" });
    const cookie = { cookie: await sessionCookieFor(adminUser.id) };
    const target = await createTestUser({ displayName: "Paula Person" });
    await post(target.id, { intent: "role", role: "coordinator", reason: "neue Aufgabe" }, cookie);
    await post(target.id, { intent: "block", reason: "verlässt das Netzwerk" }, cookie);
    const page = (await (await load(logLoader, "/verwaltung/protokoll", {}, cookie)).json()) as { entries: Record<string, unknown>[]; total: number };
    expect(page.entries.slice(0, 2)).toEqual([
      expect.objectContaining({ action: "blocked", actorName: "Ada Admin", targetName: "Paula Person", reason: "verlässt das Netzwerk" }),
      expect.objectContaining({ action: "role_changed", before: { role: "member" }, after: { role: "coordinator" }, reason: "neue Aufgabe" }),
    ]);
  });
});
