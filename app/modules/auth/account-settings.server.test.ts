import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { sessions, users, type UserRole } from "#db/schema";
import { action as profileAction, loader as profileLoader } from "#app/routes/konto.profil";
import { action as sessionsAction, loader as sessionsLoader } from "#app/routes/konto.sicherheit";
import { confirmEmailChange, endOtherSession, endOtherSessions, listOwnSessions, pendingEmailChange, requestEmailChange } from "./account-settings.server";
import { hashSessionId } from "./adapter.server";
import { readToast } from "#app/utils/toast.server";
import { linkFrom, waitForMail } from "#test/mail";
import { cookiesFrom, createTestUser, formRequest, getRequest, run, sessionCookieFor, TEST_PASSWORD, testContext, uniqueEmail } from "#test/factories";

type Who = "guest" | UserRole;
const ROLES: Who[] = ["guest", "member", "coordinator", "admin"];

const keyOf = (cookie: string) => hashSessionId(cookie.split("=")[1]!);
const sessionKeys = async (userId: string) => (await db.select({ key: sessions.idHash }).from(sessions).where(eq(sessions.userId, userId))).map((row) => row.key).sort();
const userRow = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;
const tokenFrom = (mail: string) => new URLSearchParams(linkFrom(mail).split("?")[1]).get("token")!;
const toastOf = async (response: Response) => (await readToast(new Request("http://localhost:3000/", { headers: { Cookie: cookiesFrom(response) } }))).toast;
const withCookie = (cookie: string) => new Request("http://localhost:3000/konto/sicherheit", { headers: { Cookie: cookie } });

describe("own sessions", () => {
  test("the list marks this device; ending one other or all others never ends this one", async () => {
    const user = await createTestUser();
    const [current, other, third] = [await sessionCookieFor(user.id), await sessionCookieFor(user.id), await sessionCookieFor(user.id)];
    const list = await listOwnSessions(user.id, withCookie(current));
    expect(list).toHaveLength(3);
    expect(list.filter((row) => row.current).map((row) => row.key)).toEqual([keyOf(current)]);

    expect(await endOtherSession(user.id, keyOf(current), withCookie(current))).toBe(false);
    expect(await endOtherSession(user.id, keyOf(other), withCookie(current))).toBe(true);
    expect(await sessionKeys(user.id)).toEqual([keyOf(current), keyOf(third)].sort());
    expect(await endOtherSessions(user.id, withCookie(current))).toBe(1);
    expect(await sessionKeys(user.id)).toEqual([keyOf(current)]);
  });
});

describe("e-mail change", () => {
  test("a wrong password is refused and, repeated, throttled; nothing is sent or changed", async () => {
    const user = await createTestUser();
    const newEmail = uniqueEmail("neu");
    const address = "10.9.8.7";
    expect(await requestEmailChange(user.id, newEmail, "falsch falsch falsch", address, "de")).toEqual({ ok: false, error: "wrongPassword" });
    for (let i = 0; i < 5; i++) await requestEmailChange(user.id, newEmail, "falsch falsch falsch", address, "de");
    const throttled = await requestEmailChange(user.id, newEmail, TEST_PASSWORD, address, "de");
    expect(throttled).toMatchObject({ ok: false, error: "throttled" });
    expect(await pendingEmailChange(user.id)).toBeNull();
    expect((await userRow(user.id)).email).toBe(user.email);
  });

  test("an address of another account, or the own one, is refused", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    expect(await requestEmailChange(user.id, other.email.toUpperCase(), TEST_PASSWORD, "10.9.8.6", "de")).toEqual({ ok: false, error: "taken" });
    expect(await requestEmailChange(user.id, user.email, TEST_PASSWORD, "10.9.8.6", "de")).toEqual({ ok: false, error: "same" });
    expect(await pendingEmailChange(user.id)).toBeNull();
  });

  test("the link goes to the new address, the old one is told; the address changes once, when the link is followed", async () => {
    const user = await createTestUser({ displayName: "Lena Adresswechsel" });
    await db.update(users).set({ locale: "en" }).where(eq(users.id, user.id));
    const newEmail = uniqueEmail("neu");
    expect(await requestEmailChange(user.id, newEmail, TEST_PASSWORD, "10.9.8.5", "de")).toEqual({ ok: true });
    // Until the link is followed, the old address stays and the new one waits.
    expect((await userRow(user.id)).email).toBe(user.email);
    expect(await pendingEmailChange(user.id)).toBe(newEmail);

    const confirmation = await waitForMail(newEmail);
    expect(confirmation).toContain("Please confirm your new e-mail address");
    const notice = await waitForMail(user.email);
    expect(notice).toContain("Change of your e-mail address requested");
    expect(notice).toContain(newEmail);
    expect(linkFrom(notice)).toBe("/konto/sicherheit");

    const token = tokenFrom(confirmation);
    expect(await confirmEmailChange(token)).toBe(true);
    const after = await userRow(user.id);
    expect(after.email).toBe(newEmail);
    expect(after.emailVerifiedAt).not.toBeNull();
    expect(await pendingEmailChange(user.id)).toBeNull();
    // Single use.
    expect(await confirmEmailChange(token)).toBe(false);
  });

  test("a link whose address another account took meanwhile changes nothing", async () => {
    const user = await createTestUser();
    const newEmail = uniqueEmail("neu");
    await requestEmailChange(user.id, newEmail, TEST_PASSWORD, "10.9.8.4", "de");
    const token = tokenFrom(await waitForMail(newEmail));
    await createTestUser({ email: newEmail });
    expect(await confirmEmailChange(token)).toBe(false);
    expect((await userRow(user.id)).email).toBe(user.email);
  });
});

/** A new account of the role and its Cookie header, or none for a guest. */
async function visitor(who: Who) {
  if (who === "guest") return { user: null, cookie: {} };
  const user = await createTestUser({ role: who, displayName: `Prüfung ${who}` });
  return { user, cookie: { cookie: await sessionCookieFor(user.id) } };
}

describe("who reaches the account pages (direct POSTs included)", () => {
  test.each(ROLES)("%s: sees only their own sessions and profile, and cannot end another person's session", async (who) => {
    const { user, cookie } = await visitor(who);
    const stranger = await createTestUser({ displayName: "Fremde Person" });
    const strangerKey = keyOf(await sessionCookieFor(stranger.id));

    const sessionsPage = await run(sessionsLoader, getRequest("/konto/sicherheit", cookie));
    const profilePage = await run(profileLoader, getRequest("/konto/profil", cookie));
    const endStranger = await run(sessionsAction, formRequest("/konto/sicherheit", { intent: "end-one", session: strangerKey }, cookie));
    const endAll = await run(sessionsAction, formRequest("/konto/sicherheit", { intent: "end-others" }, cookie));
    const rename = await run(profileAction, formRequest("/konto/profil", { intent: "name", displayName: "Neuer Name" }, cookie));
    expect(await sessionKeys(stranger.id)).toEqual([strangerKey]);
    expect((await userRow(stranger.id)).displayName).toBe("Fremde Person");

    if (!user) {
      for (const response of [sessionsPage, profilePage, endStranger, endAll, rename]) {
        expect(response.status).toBe(302);
        expect(response.headers.get("Location")).toMatch(/^\/anmelden\?redirectTo=%2Fkonto%2F/);
      }
      return;
    }
    const listed = (await sessionsPage.json()) as { sessions: { key: string; current: boolean }[] };
    expect(listed.sessions.map((row) => row.key)).toEqual([keyOf(cookie.cookie!)]);
    expect(listed.sessions[0]!.current).toBe(true);
    expect(await profilePage.json()).toMatchObject({ displayName: `Prüfung ${who}`, email: user.email, pendingEmail: null });
    expect(endStranger.status).toBe(400);
    expect(endAll.status).toBe(303);
    expect(rename.status).toBe(303);
    expect((await userRow(user.id)).displayName).toBe("Neuer Name");
    // The own session survives "end all others".
    expect(await sessionKeys(user.id)).toEqual([keyOf(cookie.cookie!)]);
  });

  test("the current session cannot be ended by its key", async () => {
    const { user, cookie } = await visitor("member");
    const response = await run(sessionsAction, formRequest("/konto/sicherheit", { intent: "end-one", session: keyOf(cookie.cookie!) }, cookie));
    expect(response.status).toBe(400);
    expect(await sessionKeys(user!.id)).toEqual([keyOf(cookie.cookie!)]);
  });

  test("bad input is answered at the field, keeps what was typed except the password, and changes nothing", async () => {
    const { user, cookie } = await visitor("member");
    const other = await createTestUser();
    const blankName = await run(profileAction, formRequest("/konto/profil", { intent: "name", displayName: "   " }, cookie));
    expect(blankName.status).toBe(400);
    const tooLong = await run(profileAction, formRequest("/konto/profil", { intent: "name", displayName: "x".repeat(81) }, cookie));
    expect(((await tooLong.json()) as { result: { error: Record<string, string[]> } }).result.error.displayName).toEqual(["validation.nameTooLong"]);

    const taken = await run(profileAction, formRequest("/konto/profil", { intent: "email", email: other.email, currentPassword: TEST_PASSWORD }, cookie), testContext());
    expect(taken.status).toBe(400);
    const { result } = (await taken.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(result.error.email).toEqual(["accountSettings.email.taken"]);
    expect(result.initialValue.email).toBe(other.email);
    expect(result.initialValue.currentPassword).toBeUndefined();

    const wrong = await run(profileAction, formRequest("/konto/profil", { intent: "email", email: uniqueEmail(), currentPassword: "falsch falsch" }, cookie), testContext());
    expect(((await wrong.json()) as { result: { error: Record<string, string[]> } }).result.error.currentPassword).toEqual(["validation.wrongCurrentPassword"]);
    const row = await userRow(user!.id);
    expect([row.displayName, row.email]).toEqual(["Prüfung member", user!.email]);
    expect(await pendingEmailChange(user!.id)).toBeNull();
  });

  test("the profile page shows the waiting address, and following the link (signed in or not) changes it", async () => {
    const { user, cookie } = await visitor("coordinator");
    const newEmail = uniqueEmail("neu");
    const requested = await run(profileAction, formRequest("/konto/profil", { intent: "email", email: newEmail, currentPassword: TEST_PASSWORD }, cookie), testContext());
    expect(requested.status).toBe(303);
    expect(await (await run(profileLoader, getRequest("/konto/profil", cookie))).json()).toMatchObject({ email: user!.email, pendingEmail: newEmail });
    const link = linkFrom(await waitForMail(newEmail));
    expect(link).toMatch(/^\/konto\/profil\?token=/);
    const followed = await run(profileLoader, getRequest(link));
    expect(followed.headers.get("Location")).toBe("/konto/profil");
    expect(await toastOf(followed)).toBe("accountSettings.profile.emailChanged");
    expect((await userRow(user!.id)).email).toBe(newEmail);
    const again = await run(profileLoader, getRequest(link));
    expect(await toastOf(again)).toBe("accountSettings.profile.linkInvalid");
    expect((await userRow(user!.id)).email).toBe(newEmail);
  });
});
