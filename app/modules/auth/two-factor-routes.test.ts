import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { sessions, users, type UserRole } from "#db/schema";
import { loader as rootLoader } from "#app/root.server";
import { action as signInAction } from "#app/routes/anmelden";
import { action as codeAction, loader as codeLoader } from "#app/routes/anmelden_.code";
import { action as signOutAction } from "#app/routes/abmelden";
import { action as setupAction, loader as setupLoader } from "#app/routes/konto.zwei-faktor";
import { loader as accountLoader } from "#app/routes/konto._index";
import { loader as securityLoader } from "#app/routes/konto.sicherheit";
import { action as registerAction } from "#app/routes/registrieren";
import { readToast } from "#app/utils/toast.server";
import { cookiesFrom, createTestUser, createTestUserWithTotp, formRequest, getRequest, run, sessionCookieFor, TEST_PASSWORD, testContext, totpCodeFor, uniqueEmail } from "#test/factories";
import { hashSessionId } from "./adapter.server";
import { replaceRecoveryCodes } from "./recovery-codes.server";
import { createSignInSession, createUserSession, getOptionalUser, requireUser, signInState } from "./session.server";
import { openPendingSecret, totpCode } from "./totp.server";

type Who = "guest" | UserRole;
const ROLES: Who[] = ["guest", "member", "coordinator", "admin"];

/** The session cookie ("kw_session=…") a response sets, as a browser would send it back. */
const sessionCookie = (response: Response) =>
  cookiesFrom(response)
    .split("; ")
    .find((pair) => pair.startsWith("kw_session="))!;
const toastOf = async (response: Response) => (await readToast(new Request("http://localhost:3000/", { headers: { Cookie: cookiesFrom(response) } }))).toast;
const stateOf = async (cookie: string) =>
  (
    await db
      .select({ twoFactor: sessions.twoFactor })
      .from(sessions)
      .where(eq(sessions.idHash, hashSessionId(cookie.split("=")[1]!)))
  )[0]?.twoFactor;
const signIn = (email: string, redirectTo?: string) => run(signInAction, formRequest("/anmelden", { email, password: TEST_PASSWORD, ...(redirectTo ? { redirectTo } : {}) }));
const isSignedIn = async (cookie: string) => (await run(accountLoader, getRequest("/konto", { cookie }))).status === 200;

describe("signing in with two-factor sign-in", () => {
  test("a person with TOTP gets a session that owes the code: anonymous everywhere but the code page", async () => {
    const user = await createTestUserWithTotp();
    const response = await signIn(user.email, "/open-mic/3?x=1");
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/anmelden/code?redirectTo=%2Fopen-mic%2F3%3Fx%3D1");
    const cookie = sessionCookie(response);
    expect(await stateOf(cookie)).toBe("code");

    const request = getRequest("/konto", { cookie });
    expect(await getOptionalUser(request)).toBeNull();
    const refused = await run(accountLoader, request);
    expect(refused.status).toBe(302);
    expect(refused.headers.get("Location")).toBe("/anmelden?redirectTo=%2Fkonto");
    const root = (await (await run(rootLoader, getRequest("/", { cookie }))).json()) as { user: unknown };
    expect(root.user).toBeNull();
    expect((await run(codeLoader, getRequest("/anmelden/code", { cookie }))).status).toBe(200);
  });

  test("a wrong code is answered at the field and keeps the session owing; the right one completes it with a fresh id", async () => {
    const user = await createTestUserWithTotp();
    const cookie = sessionCookie(await signIn(user.email));
    const wrong = await run(codeAction, formRequest("/anmelden/code", { code: "000000", redirectTo: "/open-mic" }, { cookie }));
    expect(wrong.status).toBe(400);
    const { result } = (await wrong.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(result.error.code).toEqual(["twoFactor.errors.wrongCode"]);
    expect(result.initialValue.code).toBeUndefined();
    expect(await stateOf(cookie)).toBe("code");

    const right = await run(codeAction, formRequest("/anmelden/code", { code: totpCodeFor(user.totpSecret), redirectTo: "/open-mic" }, { cookie }));
    expect(right.status).toBe(303);
    expect(right.headers.get("Location")).toBe("/open-mic");
    expect(await toastOf(right)).toBe("toast.signedIn");
    const complete = sessionCookie(right);
    expect(complete).not.toBe(cookie);
    expect(await stateOf(cookie)).toBeUndefined();
    expect(await stateOf(complete)).toBeNull();
    expect(await isSignedIn(complete)).toBe(true);
  });

  test("a foreign redirectTo after the code lands on /", async () => {
    const user = await createTestUserWithTotp();
    const cookie = sessionCookie(await signIn(user.email));
    const response = await run(codeAction, formRequest("/anmelden/code", { code: totpCodeFor(user.totpSecret), redirectTo: "//evil.example" }, { cookie }));
    expect(response.headers.get("Location")).toBe("/");
  });

  test("a recovery code completes the sign-in once", async () => {
    const user = await createTestUserWithTotp();
    const [code] = await replaceRecoveryCodes(db, user.id);
    const first = await run(codeAction, formRequest("/anmelden/code", { code: code! }, { cookie: sessionCookie(await signIn(user.email)) }));
    expect(first.status).toBe(303);
    expect(await toastOf(first)).toBe("twoFactor.toast.signedInWithRecoveryCode");
    const again = await run(codeAction, formRequest("/anmelden/code", { code: code! }, { cookie: sessionCookie(await signIn(user.email)) }));
    expect(again.status).toBe(400);
  });

  test("the code step ends after ten minutes: then the sign-in page, and the session is gone", async () => {
    const user = await createTestUserWithTotp();
    const cookie = sessionCookie(await signIn(user.email));
    const [row] = await db
      .select({ absoluteExpiresAt: sessions.absoluteExpiresAt, createdAt: sessions.createdAt })
      .from(sessions)
      .where(eq(sessions.idHash, hashSessionId(cookie.split("=")[1]!)));
    expect(row!.absoluteExpiresAt.getTime() - row!.createdAt.getTime()).toBeLessThanOrEqual(10 * 60 * 1000 + 5000);
    await db
      .update(sessions)
      .set({ absoluteExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.idHash, hashSessionId(cookie.split("=")[1]!)));
    const response = await run(codeAction, formRequest("/anmelden/code", { code: totpCodeFor(user.totpSecret) }, { cookie }));
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/anmelden");
    expect(await toastOf(response)).toBe("twoFactor.toast.stepExpired");
    expect(await stateOf(cookie)).toBeUndefined();
  });

  test("cancelling signs out", async () => {
    const user = await createTestUserWithTotp();
    const cookie = sessionCookie(await signIn(user.email));
    expect((await run(signOutAction, formRequest("/abmelden", {}, { cookie }))).status).toBe(303);
    expect(await stateOf(cookie)).toBeUndefined();
  });
});

describe("two-factor sign-in is required for coordinators and admins", () => {
  test.each(["coordinator", "admin"] as const)("a %s without it must set it up before anything else, then the session is complete and lives as long as any", async (role) => {
    const user = await createTestUser({ role });
    const response = await signIn(user.email, "/verwaltung/personen");
    expect(response.headers.get("Location")).toBe("/konto/zwei-faktor?redirectTo=%2Fverwaltung%2Fpersonen");
    expect(await toastOf(response)).toBe("twoFactor.toast.setupRequired");
    const cookie = sessionCookie(response);
    expect(await stateOf(cookie)).toBe("setup");

    // Every page sends them to the setup page: the root on each page request, and each guard.
    for (const path of ["/", "/verwaltung/personen", "/impressum", "/konto/sicherheit"]) {
      const root = await run(rootLoader, getRequest(path, { cookie }));
      expect(root.status, path).toBe(302);
      expect(root.headers.get("Location"), path).toBe("/konto/zwei-faktor");
    }
    const guarded = await run(securityLoader, getRequest("/konto/sicherheit", { cookie }));
    expect(guarded.headers.get("Location")).toBe("/konto/zwei-faktor");
    await expect(requireUser(getRequest("/konto", { cookie }))).rejects.toMatchObject({ status: 302 });
    expect((await run(rootLoader, getRequest("/konto/zwei-faktor", { cookie }))).status).toBe(200);

    const page = (await (await run(setupLoader, getRequest("/konto/zwei-faktor?redirectTo=%2Fverwaltung%2Fpersonen", { cookie }))).json()) as {
      setupOwed: boolean;
      redirectTo: string;
      offer: { pending: string };
    };
    expect(page.setupOwed).toBe(true);
    expect(page.redirectTo).toBe("/verwaltung/personen");
    const secret = openPendingSecret(user.id, page.offer.pending)!;
    const done = await run(setupAction, formRequest("/konto/zwei-faktor", { intent: "enable", pending: page.offer.pending, code: totpCode(secret), redirectTo: page.redirectTo }, { cookie }));
    expect(done.status).toBe(200);
    const body = (await done.json()) as { recoveryCodes: string[]; continueTo: string };
    expect(body.recoveryCodes).toHaveLength(10);
    expect(body.continueTo).toBe("/verwaltung/personen");
    // Completed in place: the page showing the codes is this POST's answer, rendered with the same cookie.
    expect(await stateOf(cookie)).toBeNull();
    const [session] = await db
      .select({ absoluteExpiresAt: sessions.absoluteExpiresAt })
      .from(sessions)
      .where(eq(sessions.idHash, hashSessionId(cookie.split("=")[1]!)));
    expect(session!.absoluteExpiresAt.getTime()).toBeGreaterThan(Date.now() + 80 * 24 * 60 * 60 * 1000);
    expect(await isSignedIn(cookie)).toBe(true);
    expect((await run(rootLoader, getRequest("/verwaltung/personen", { cookie }))).status).toBe(200);
    // Next time, the code.
    expect((await signIn(user.email)).headers.get("Location")).toBe("/anmelden/code");
  });

  test("someone made coordinator keeps their open session and must set it up at their next sign-in", async () => {
    const user = await createTestUser();
    const memberSession = sessionCookie(await signIn(user.email));
    expect(await stateOf(memberSession)).toBeNull();
    await db.update(users).set({ role: "coordinator" }).where(eq(users.id, user.id));
    expect(await isSignedIn(memberSession)).toBe(true);
    expect(await stateOf(sessionCookie(await signIn(user.email)))).toBe("setup");
  });

  test("which session each way in makes: fixtures complete, sign-in as the account needs, registration complete", async () => {
    const member = await createTestUser();
    const coordinator = await createTestUser({ role: "coordinator" });
    const withTotp = await createTestUserWithTotp({ role: "admin" });
    expect(await stateOf((await createUserSession(coordinator.id)).split(";")[0]!)).toBeNull();
    expect(await signInState(member.id)).toBeNull();
    expect(await signInState(coordinator.id)).toBe("setup");
    expect(await signInState(withTotp.id)).toBe("code");
    expect(await signInState(withTotp.id, { secondFactorDone: true })).toBeNull();
    expect(await stateOf((await createSignInSession(coordinator.id)).split(";")[0]!)).toBe("setup");
    const registered = await run(registerAction, formRequest("/registrieren", { displayName: "Neu Hier", email: uniqueEmail(), password: "ein ganz neuer Satz 2026" }));
    expect(await stateOf(sessionCookie(registered))).toBeNull();
  });
});

async function visitor(who: Who, options: { totp?: boolean } = {}) {
  if (who === "guest") return { user: null, cookie: undefined };
  const user = options.totp ? await createTestUserWithTotp({ role: who }) : { ...(await createTestUser({ role: who })), totpSecret: "" };
  return { user, cookie: await sessionCookieFor(user.id) };
}

describe("who reaches /konto/zwei-faktor (direct POSTs included)", () => {
  test.each(ROLES)("%s without two-factor sign-in", async (who) => {
    const { user, cookie } = await visitor(who);
    const page = await run(setupLoader, getRequest("/konto/zwei-faktor", { cookie }));
    const forms: Record<string, string>[] = [
      { intent: "enable", pending: "x", code: "123456" },
      { intent: "disable", password: TEST_PASSWORD },
      { intent: "recovery-codes", password: TEST_PASSWORD },
    ];
    const posts = await Promise.all(forms.map((fields) => run(setupAction, formRequest("/konto/zwei-faktor", fields, { cookie }))));
    if (!user) {
      for (const response of [page, ...posts]) {
        expect(response.status).toBe(302);
        expect(response.headers.get("Location")).toBe("/anmelden?redirectTo=%2Fkonto%2Fzwei-faktor");
      }
      return;
    }
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    const data = (await page.json()) as { offer: { qrDataUri: string } | null; status: { enabledAt: string | null; required: boolean } };
    expect(data.offer?.qrDataUri).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(data.status).toMatchObject({ enabledAt: null, required: who !== "member" });
    const [enable, disable, renew] = posts as [Response, Response, Response];
    // A forged setup field is refused at the code field, with a fresh offer.
    expect(enable.status).toBe(400);
    const enableBody = (await enable.json()) as { result: { error: Record<string, string[]> }; offer: { pending: string } };
    expect(enableBody.result.error.code).toEqual(["twoFactor.errors.expired"]);
    expect(enableBody.offer.pending).toBeTruthy();
    expect(disable.status).toBe(400);
    expect(renew.status).toBe(400);
    expect((await db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, user.id)))[0]!.enabledAt).toBeNull();
  });

  test.each(["member", "coordinator", "admin"] as const)("%s with two-factor sign-in: new codes with the password; turning off only where the role allows", async (who) => {
    const { user, cookie } = await visitor(who, { totp: true });
    const page = (await (await run(setupLoader, getRequest("/konto/zwei-faktor", { cookie }))).json()) as { offer: unknown };
    expect(page.offer).toBeNull();
    const wrongPassword = await run(setupAction, formRequest("/konto/zwei-faktor", { intent: "recovery-codes", password: "falsch" }, { cookie }));
    expect(wrongPassword.status).toBe(400);
    const { result } = (await wrongPassword.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(result.error.password).toEqual(["validation.wrongCurrentPassword"]);
    expect(result.initialValue.password).toBeUndefined();
    const renew = await run(setupAction, formRequest("/konto/zwei-faktor", { intent: "recovery-codes", password: TEST_PASSWORD }, { cookie }));
    expect(((await renew.json()) as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);

    const disable = await run(setupAction, formRequest("/konto/zwei-faktor", { intent: "disable", password: TEST_PASSWORD }, { cookie }));
    const enabledAt = (await db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, user!.id)))[0]!.enabledAt;
    if (who === "member") {
      expect(disable.status).toBe(303);
      expect(await toastOf(disable)).toBe("twoFactor.toast.disabled");
      expect(enabledAt).toBeNull();
    } else {
      expect(disable.status).toBe(400);
      expect(((await disable.json()) as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["twoFactor.errors.required"]);
      expect(enabledAt).not.toBeNull();
    }
    expect((await run(setupAction, formRequest("/konto/zwei-faktor", { intent: "etwas" }, { cookie }))).status).toBe(400);
  });

  test("a session that owes the code does not reach the setup page", async () => {
    const user = await createTestUserWithTotp({ role: "admin" });
    const cookie = sessionCookie(await signIn(user.email));
    expect((await run(setupLoader, getRequest("/konto/zwei-faktor", { cookie }))).headers.get("Location")).toBe("/anmelden?redirectTo=%2Fkonto%2Fzwei-faktor");
    const post = await run(setupAction, formRequest("/konto/zwei-faktor", { intent: "recovery-codes", password: TEST_PASSWORD }, { cookie }));
    expect(post.status).toBe(302);
  });
});

describe("who reaches /anmelden/code (direct POSTs included)", () => {
  test.each(ROLES)("%s with a complete session or none is sent away and nothing is checked", async (who) => {
    const { cookie } = await visitor(who, { totp: true });
    const page = await run(codeLoader, getRequest("/anmelden/code", { cookie }));
    const post = await run(codeAction, formRequest("/anmelden/code", { code: "000000" }, { cookie }), testContext());
    for (const response of [page, post]) {
      expect([302, 303]).toContain(response.status);
      expect(response.headers.get("Location")).toBe(who === "guest" ? "/anmelden" : "/");
    }
  });
});
