import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { sessions, users } from "#db/schema";
import { action as changePasswordAction } from "#app/routes/konto.passwort";
import { action as registerAction } from "#app/routes/registrieren";
import { action as signInAction } from "#app/routes/anmelden";
import { action as signOutAction } from "#app/routes/abmelden";
import { action as forgotAction } from "#app/routes/passwort-vergessen";
import { action as resetAction } from "#app/routes/passwort-zuruecksetzen";
import { loader as verifyLoader } from "#app/routes/e-mail-bestaetigen";
import { action as accountAction, loader as accountLoader } from "#app/routes/konto._index";
import { readToast } from "#app/utils/toast.server";
import { hashSessionId } from "./adapter.server";
import { linkFrom, waitForMail } from "#test/mail";
import { cookiesFrom, createTestUser, formRequest, getRequest, run, sessionCookieFor, TEST_PASSWORD, testContext, uniqueEmail } from "#test/factories";

async function countUsers(email: string) {
  return (await db.select().from(users).where(eq(users.email, email))).length;
}

function tokenFrom(mail: string): string {
  return new URLSearchParams(linkFrom(mail).split("?")[1]).get("token")!;
}

async function isSignedIn(cookie: string): Promise<boolean> {
  const response = await run(accountLoader, getRequest("/konto", { cookie }));
  return response.status === 200;
}

describe("registration", () => {
  test("bad input gets messages at the fields, keeps what was typed except the password, and writes nothing", async () => {
    const response = await run(registerAction, formRequest("/registrieren", { displayName: "Anna", email: "keine-adresse", password: "kurz" }));
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(result.error.email).toEqual(["validation.email"]);
    expect(result.error.password).toEqual(["validation.passwordTooShort"]);
    expect(result.initialValue.displayName).toBe("Anna");
    expect(result.initialValue.email).toBe("keine-adresse");
    expect(result.initialValue.password).toBeUndefined();
    expect(await countUsers("keine-adresse")).toBe(0);
  });

  test("a common password is refused at the password field", async () => {
    const email = uniqueEmail();
    const response = await run(registerAction, formRequest("/registrieren", { displayName: "Anna", email, password: "password123" }));
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]> } };
    expect(result.error.password).toEqual(["validation.passwordCommon"]);
    expect(await countUsers(email)).toBe(0);
  });

  test("an address that has an account is refused at the e-mail field", async () => {
    const existing = await createTestUser();
    const response = await run(registerAction, formRequest("/registrieren", { displayName: "Zweite", email: existing.email.toUpperCase(), password: TEST_PASSWORD }));
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]> } };
    expect(result.error.email).toEqual(["validation.emailTaken"]);
  });

  test("a filled honeypot is refused", async () => {
    const email = uniqueEmail();
    const response = await run(registerAction, formRequest("/registrieren", { displayName: "Bot", email, password: TEST_PASSWORD, website: "http://spam.example" }));
    expect(response.status).toBe(400);
    expect(await countUsers(email)).toBe(0);
  });

  test("creates a member, signs in, and mails a confirmation link that confirms the address once", async () => {
    const email = uniqueEmail("neu");
    const response = await run(registerAction, formRequest("/registrieren", { displayName: "Neue Person", email, password: TEST_PASSWORD }));
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/konto");
    const cookie = cookiesFrom(response);
    expect(await isSignedIn(cookie)).toBe(true);
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user?.role).toBe("member");
    expect(user?.emailVerifiedAt).toBeNull();

    const token = tokenFrom(await waitForMail(email));
    const confirmed = await run(verifyLoader, getRequest(`/e-mail-bestaetigen?token=${token}`));
    expect(confirmed.status).toBe(303);
    const [after] = await db.select().from(users).where(eq(users.email, email));
    expect(after?.emailVerifiedAt).toBeInstanceOf(Date);
    const again = await run(verifyLoader, getRequest(`/e-mail-bestaetigen?token=${token}`));
    expect(again.status).toBe(200);
  });
});

describe("sign-in and sessions", () => {
  test("the session cookie is HttpOnly and SameSite=Lax, and only a hash of its id is stored", async () => {
    const user = await createTestUser();
    const response = await run(signInAction, formRequest("/anmelden", { email: user.email, password: TEST_PASSWORD }));
    expect(response.status).toBe(303);
    const header = response.headers.getSetCookie().find((value) => value.startsWith("kw_session="))!;
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    const sessionId = header.split(";")[0]!.split("=")[1]!;
    const rows = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.map((row) => row.idHash)).toEqual([hashSessionId(sessionId)]);
    expect(rows[0]!.idHash).not.toContain(sessionId);
  });

  test("a wrong password gets one message for the whole form and no session", async () => {
    const user = await createTestUser();
    const response = await run(signInAction, formRequest("/anmelden", { email: user.email, password: "falsches Passwort" }));
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(result.error[""]).toEqual(["validation.wrongCredentials"]);
    expect(result.initialValue.email).toBe(user.email);
    expect(result.initialValue.password).toBeUndefined();
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  test("ten wrong passwords for one account are throttled with a message", async () => {
    const user = await createTestUser();
    const context = testContext("192.0.2.10");
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let attempt = 0; attempt < 10; attempt++) {
      last = await run(signInAction, formRequest("/anmelden", { email: user.email, password: `falsch ${attempt}` }), context);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
    const { result } = (await last!.json()) as { result: { error: Record<string, string[]> } };
    expect(result.error[""]![0]).toMatch(/^validation\.throttled\|\d+$/);
    // From that address even the right password waits until the bucket refills: no guessing around the throttle.
    expect((await run(signInAction, formRequest("/anmelden", { email: user.email, password: TEST_PASSWORD }), context)).status).toBe(429);
    // The owner, elsewhere, is not locked out.
    expect((await run(signInAction, formRequest("/anmelden", { email: user.email, password: TEST_PASSWORD }), testContext("203.0.113.5"))).status).toBe(303);
  });

  test("wrong passwords spread over many addresses still meet the account's own limit", async () => {
    const user = await createTestUser();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 22; attempt++) {
      const response = await run(signInAction, formRequest("/anmelden", { email: user.email, password: `falsch ${attempt}` }), testContext(`198.18.0.${attempt}`));
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 400)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });

  test("one address trying many accounts is throttled too", async () => {
    const context = testContext("198.51.100.7");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 32; attempt++) {
      statuses.push((await run(signInAction, formRequest("/anmelden", { email: uniqueEmail(), password: "irgendwas" }), context)).status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 400)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });

  test("after signing out, the old session cookie no longer works", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    expect(await isSignedIn(cookie)).toBe(true);
    const response = await run(signOutAction, formRequest("/abmelden", {}, { cookie }));
    expect(response.status).toBe(303);
    expect(response.headers.getSetCookie().some((value) => /^kw_session=;/.test(value) && /Max-Age=0/i.test(value))).toBe(true);
    expect(await isSignedIn(cookie)).toBe(false);
  });

  test("a session past its absolute lifetime ends even if it was used all along", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    await db
      .update(sessions)
      .set({ absoluteExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.id));
    expect(await isSignedIn(cookie)).toBe(false);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
  });
});

describe("passwords", () => {
  test("changing the password needs the current one, and ends the other sessions", async () => {
    const user = await createTestUser();
    const here = await sessionCookieFor(user.id);
    const elsewhere = await sessionCookieFor(user.id);

    const wrong = await run(changePasswordAction, formRequest("/konto/passwort", { currentPassword: "nicht richtig", newPassword: "ein ganz neuer Satz" }, { cookie: here }));
    expect(wrong.status).toBe(400);
    const { result } = (await wrong.json()) as { result: { error: Record<string, string[]>; initialValue?: Record<string, string> } };
    expect(result.error.currentPassword).toEqual(["validation.wrongCurrentPassword"]);
    expect(result.initialValue?.newPassword).toBeUndefined();

    const response = await run(changePasswordAction, formRequest("/konto/passwort", { currentPassword: TEST_PASSWORD, newPassword: "ein ganz neuer Satz" }, { cookie: here }));
    expect(response.status).toBe(303);
    expect(await isSignedIn(here)).toBe(false);
    expect(await isSignedIn(elsewhere)).toBe(false);
    expect(await isSignedIn(cookiesFrom(response))).toBe(true);
    const signIn = await run(signInAction, formRequest("/anmelden", { email: user.email, password: "ein ganz neuer Satz" }));
    expect(signIn.status).toBe(303);
  });

  test("changing the password requires a signed-in user", async () => {
    const response = await run(changePasswordAction, formRequest("/konto/passwort", { currentPassword: TEST_PASSWORD, newPassword: "ein ganz neuer Satz" }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/anmelden\?redirectTo=/);
  });

  test("a reset link sets a new password once and ends every session", async () => {
    const user = await createTestUser();
    const session = await sessionCookieFor(user.id);
    const requested = await run(forgotAction, formRequest("/passwort-vergessen", { email: user.email }));
    expect(requested.status).toBe(200);
    const token = tokenFrom(await waitForMail(user.email));

    const weak = await run(resetAction, formRequest("/passwort-zuruecksetzen", { token, password: "12345678" }));
    expect(weak.status).toBe(400);
    const reset = await run(resetAction, formRequest("/passwort-zuruecksetzen", { token, password: "Frühling am Auensee 7" }));
    expect(reset.status).toBe(303);
    expect(await isSignedIn(session)).toBe(false);
    const reused = await run(resetAction, formRequest("/passwort-zuruecksetzen", { token, password: "noch ein anderer Satz" }));
    expect(reused.status).toBe(400);
    const signIn = await run(signInAction, formRequest("/anmelden", { email: user.email, password: "Frühling am Auensee 7" }));
    expect(signIn.status).toBe(303);
  });

  test("asking for a reset answers the same for unknown addresses and sends nothing", async () => {
    const email = uniqueEmail("unbekannt");
    const response = await run(forgotAction, formRequest("/passwort-vergessen", { email }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { sent: boolean }).sent).toBe(true);
    await expect(waitForMail(email, 300)).rejects.toThrow();
  });
});

describe("confirmation links", () => {
  test("asking again and again for a confirmation link is slowed down", async () => {
    const user = await createTestUser({ verified: false });
    const cookie = await sessionCookieFor(user.id);
    const toasts: (string | null)[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await run(accountAction, formRequest("/konto", { intent: "resend-verification" }, { cookie }));
      expect(response.status).toBe(303);
      toasts.push((await readToast(getRequest("/konto", { cookie: cookiesFrom(response) }))).toast);
    }
    expect(toasts).toEqual(["toast.verificationSent", "toast.verificationSent", "toast.verificationSent", "toast.verificationThrottled"]);
  });
});

describe("registration throttle", () => {
  test("one address creating many accounts is slowed down", async () => {
    const context = testContext("198.51.100.77");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      statuses.push((await run(registerAction, formRequest("/registrieren", { displayName: "Viele", email: uniqueEmail("viele"), password: TEST_PASSWORD }), context)).status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe("password hashes", () => {
  test("are argon2id with at least 19 MiB, two passes and one lane", async () => {
    const user = await createTestUser();
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
