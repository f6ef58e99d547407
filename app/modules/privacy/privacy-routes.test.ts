import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { dataExports, users, type UserRole } from "#db/schema";
import { action as dataAction, loader as dataLoader } from "#app/routes/konto.daten/route";
import { loader as downloadLoader } from "#app/routes/konto.daten_.export.$id";
import { loader as noticeLoader } from "#app/routes/datenschutz";
import { action as personAction } from "#app/routes/verwaltung.personen.$id/route";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, TEST_PASSWORD, withParams } from "#test/factories";
import { requestDataExport, runDataExport } from "./data-export.server";

type Who = "guest" | UserRole;
const ROLES: Who[] = ["guest", "member", "coordinator", "admin"];

async function signedIn(who: Who): Promise<{ id: string | null; cookie?: string }> {
  if (who === "guest") return { id: null };
  const user = await createTestUser({ role: who });
  return { id: user.id, cookie: await sessionCookieFor(user.id) };
}

const deletedAt = async (id: string) => (await db.select({ deletedAt: users.deletedAt }).from(users).where(eq(users.id, id)))[0]!.deletedAt;
const download = (id: string, cookie?: string) =>
  run(withParams(downloadLoader as (args: LoaderFunctionArgs & { params: Record<string, string> }) => unknown, { id }), getRequest(`/konto/daten/export/${id}`, { cookie }));
const postPerson = (id: string, fields: Record<string, string>, cookie?: string) =>
  run(withParams(personAction as (args: ActionFunctionArgs & { params: Record<string, string> }) => unknown, { id }), formRequest(`/verwaltung/personen/${id}`, fields, { cookie }));

function expectSignInRedirect(response: Response) {
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toMatch(/^\/anmelden\?redirectTo=/);
}

describe("/konto/daten per role", () => {
  test.each(ROLES)("%s: sees the page and asks for an export (a guest is sent to sign in)", async (who) => {
    const { id, cookie } = await signedIn(who);
    const page = await run(dataLoader, getRequest("/konto/daten", { cookie }));
    const requested = await run(dataAction, formRequest("/konto/daten", { intent: "export" }, { cookie }));
    if (!id) {
      expectSignInRedirect(page);
      expectSignInRedirect(requested);
      return;
    }
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ dataExport: null, exportHours: 24 });
    expect(requested.status).toBe(303);
    expect(requested.headers.get("Location")).toBe("/konto/daten");
    expect(await db.select({ status: dataExports.status }).from(dataExports).where(eq(dataExports.userId, id))).toEqual([{ status: "pending" }]);
    const again = await run(dataAction, formRequest("/konto/daten", { intent: "export" }, { cookie }));
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: "privacy.export.alreadyPending" });
  });

  test.each(ROLES)("%s: deletes their own account only with the password and the confirmation", async (who) => {
    if (who === "admin") await createTestUser({ role: "admin" }); // not the last admin
    const { id, cookie } = await signedIn(who);
    const post = (fields: Record<string, string>) => run(dataAction, formRequest("/konto/daten", { intent: "delete", ...fields }, { cookie }));
    if (!id) {
      expectSignInRedirect(await post({ currentPassword: TEST_PASSWORD, confirm: "on" }));
      return;
    }
    const unconfirmed = await post({ currentPassword: TEST_PASSWORD });
    expect(unconfirmed.status).toBe(400);
    expect(JSON.stringify(await unconfirmed.json())).toContain("privacy.validation.confirmRequired");
    const wrong = await post({ currentPassword: "nicht mein Passwort", confirm: "on", deletePosts: "on" });
    expect(wrong.status).toBe(400);
    const wrongBody = (await wrong.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } };
    expect(wrongBody.result.error.currentPassword).toEqual(["validation.wrongCurrentPassword"]);
    // What was typed stays, the password aside.
    expect(wrongBody.result.initialValue).toMatchObject({ deletePosts: "on", confirm: "on" });
    expect(wrongBody.result.initialValue.currentPassword).toBeUndefined();
    expect(await deletedAt(id)).toBeNull();

    const done = await post({ currentPassword: TEST_PASSWORD, confirm: "on" });
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe("/");
    expect(done.headers.getSetCookie().some((header) => /kw_session=;/.test(header))).toBe(true);
    expect(await deletedAt(id)).toBeInstanceOf(Date);
    // The old cookie opens nothing any more.
    expectSignInRedirect(await run(dataLoader, getRequest("/konto/daten", { cookie })));
  });

  test("the last admin is told why and refused, also by a direct POST", async () => {
    await db.update(users).set({ role: "member" }).where(eq(users.role, "admin"));
    const { id, cookie } = await signedIn("admin");
    expect(await (await run(dataLoader, getRequest("/konto/daten", { cookie }))).json()).toMatchObject({ lastAdmin: true });
    const refused = await run(dataAction, formRequest("/konto/daten", { intent: "delete", currentPassword: TEST_PASSWORD, confirm: "on" }, { cookie }));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("privacy.deletion.lastAdmin");
    expect(await deletedAt(id!)).toBeNull();
  });
});

describe("the download", () => {
  test.each(ROLES)("%s: another person's export is a 404 (a guest is sent to sign in); its owner gets the zip", async (who) => {
    const owner = await createTestUser();
    const requested = await requestDataExport(owner.id, "de");
    if (!requested.ok) throw new Error(requested.error);
    await runDataExport(db, requested.id, "de");
    const { id, cookie } = await signedIn(who);
    const response = await download(requested.id, cookie);
    if (!id) expectSignInRedirect(response);
    else expect(response.status).toBe(404);

    const own = await download(requested.id, await sessionCookieFor(owner.id));
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Type")).toBe("application/zip");
    expect(own.headers.get("Content-Disposition")).toMatch(/^attachment; filename="kurze-wege-daten-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(own.headers.get("Cache-Control")).toBe("no-store");
    expect(new Uint8Array(await own.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });

  test("not ready, expired, or not an id: 404", async () => {
    const owner = await createTestUser();
    const cookie = await sessionCookieFor(owner.id);
    const requested = await requestDataExport(owner.id, "de");
    if (!requested.ok) throw new Error(requested.error);
    expect((await download(requested.id, cookie)).status).toBe(404);
    await runDataExport(db, requested.id, "de");
    await db
      .update(dataExports)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(dataExports.id, requested.id));
    expect((await download(requested.id, cookie)).status).toBe(404);
    expect((await download("kein-id", cookie)).status).toBe(404);
  });
});

describe("an admin deletes an account from the person's page", () => {
  test.each(ROLES)("%s: direct POST", async (who) => {
    const target = await createTestUser();
    const { id, cookie } = await signedIn(who);
    const response = await postPerson(target.id, { intent: "delete", reason: "Doppeltes Konto", confirm: "on" }, cookie);
    if (!id) expectSignInRedirect(response);
    else if (who !== "admin") expect(response.status).toBe(403);
    else {
      expect(response.status).toBe(303);
      expect(response.headers.get("Location")).toBe("/verwaltung/personen");
    }
    expect(Boolean(await deletedAt(target.id))).toBe(who === "admin");
  });

  test("a reason and the confirmation are required; an admin's own account is refused there", async () => {
    const target = await createTestUser();
    const { id, cookie } = await signedIn("admin");
    const missing = await postPerson(target.id, { intent: "delete", reason: "" }, cookie);
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await missing.json())).toMatch(
      /privacy\.validation\.reasonRequired.*privacy\.validation\.confirmRequired|privacy\.validation\.confirmRequired.*privacy\.validation\.reasonRequired/,
    );
    const self = await postPerson(id!, { intent: "delete", reason: "ich", confirm: "on" }, cookie);
    expect(self.status).toBe(400);
    expect(JSON.stringify(await self.json())).toContain("privacy.deletion.adminSelf");
    expect(await deletedAt(target.id)).toBeNull();
    expect(await deletedAt(id!)).toBeNull();
  });
});

test("/datenschutz names the periods the jobs enforce, for everyone", async () => {
  const response = await run(noticeLoader, getRequest("/datenschutz"));
  expect(await response.json()).toMatchObject({ periods: { unconfirmedAccountDays: 30, dataExportHours: 24, sessionMaxDays: 90 }, mailProvider: false });
});
