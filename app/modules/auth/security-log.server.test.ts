import { action as signInAction } from "#app/routes/anmelden";
import { getRequestContext, runWithRequestContext } from "#app/utils/log.server";
import { logsOf } from "#test/logs";
import { createTestUser, createTestUserWithTotp, formRequest, getRequest, run, sessionCookieFor, TEST_PASSWORD, testContext } from "#test/factories";
import { linkFrom, waitForMail } from "#test/mail";
import { requestPasswordReset, resetPassword } from "./accounts.server";
import { getOptionalUser, logout } from "./session.server";
import { verifySecondFactor } from "./two-factor.server";

const WRONG_PASSWORD = "Falsches-Passwort-9417";

function signInWith(email: string, password: string, clientAddress: string) {
  return run(signInAction, formRequest("/anmelden", { email, password }), testContext(clientAddress));
}

describe("sign-ins are logged with actor and address, never with the password", () => {
  test("a failed sign-in logs the masked address typed, the client address and the account, not the password", async () => {
    const user = await createTestUser();
    const lines = await logsOf(() => signInWith(user.email, WRONG_PASSWORD, "203.0.113.40"));
    const failed = lines.find((line) => line.event === "auth.sign_in_failed");
    expect(failed).toMatchObject({ level: "warn", addr: "203.0.113.40", targetUserId: user.id, reason: "wrongPassword" });
    expect(failed?.email).toMatch(/^.\*\*\*@/);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(WRONG_PASSWORD);
    expect(text).not.toContain(user.email);
  });

  test("a sign-in with an unknown address is logged as such", async () => {
    const lines = await logsOf(() => signInWith("niemand-hier@example.org", WRONG_PASSWORD, "203.0.113.41"));
    expect(lines.find((line) => line.event === "auth.sign_in_failed")).toMatchObject({ addr: "203.0.113.41", reason: "unknownAccount", email: "n***@example.org" });
    expect(JSON.stringify(lines)).not.toContain(WRONG_PASSWORD);
  });

  test("a successful sign-in logs the person and the address, and names the actor of the request", async () => {
    const user = await createTestUser();
    const context = { requestId: "r-sign-in", clientAddress: "203.0.113.42" };
    const lines = await logsOf(() => runWithRequestContext(context, () => signInWith(user.email, TEST_PASSWORD, "203.0.113.42")));
    expect(lines.find((line) => line.event === "auth.sign_in")).toMatchObject({ level: "info", userId: user.id, addr: "203.0.113.42", reqId: "r-sign-in" });
    expect(context).toMatchObject({ userId: user.id });
    expect(JSON.stringify(lines)).not.toContain(TEST_PASSWORD);
  });

  test("a signed-in request names its person in the request context", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    const actor = await runWithRequestContext({ requestId: "r-1", clientAddress: "203.0.113.43" }, async () => {
      await getOptionalUser(getRequest("/konto", { cookie }));
      return getRequestContext()?.userId;
    });
    expect(actor).toBe(user.id);
  });

  test("signing out is logged with the person; the session cookie is not", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    const lines = await runWithRequestContext({ requestId: "r-2", clientAddress: "203.0.113.44" }, () => logsOf(() => logout(formRequest("/abmelden", {}, { cookie }))));
    expect(lines.find((line) => line.event === "auth.sign_out")).toMatchObject({ userId: user.id, addr: "203.0.113.44" });
    expect(JSON.stringify(lines)).not.toContain(cookie.split("=")[1]);
  });

  test("a wrong second-factor code is logged with the person and the address, not the code", async () => {
    const user = await createTestUserWithTotp();
    const lines = await logsOf(() => verifySecondFactor(user, "000000", "203.0.113.45"));
    expect(lines.find((line) => line.event === "auth.two_factor_failed")).toMatchObject({ level: "warn", userId: user.id, addr: "203.0.113.45", reason: "wrongCode" });
    expect(JSON.stringify(lines)).not.toContain("000000");
  });
});

describe("password resets are logged without the link", () => {
  test("a reset through the mailed link is logged with the person; a used link as a failure; the token never", async () => {
    const user = await createTestUser();
    await requestPasswordReset(user.email, testContext().clientAddress, "de");
    const token = new URL(linkFrom(await waitForMail(user.email)), "http://x").searchParams.get("token")!;
    const lines = await logsOf(async () => {
      expect(await resetPassword(token, "Ein-neues-Passwort-4711")).toBe(true);
      expect(await resetPassword(token, "Noch-ein-Passwort-4712")).toBe(false);
    });
    expect(lines.find((line) => line.event === "auth.password_reset")).toMatchObject({ userId: user.id });
    expect(lines.find((line) => line.event === "auth.password_reset_failed")).toMatchObject({ level: "warn", reason: "invalidLink" });
    const text = JSON.stringify(lines);
    for (const secret of [token, "Ein-neues-Passwort-4711", "Noch-ein-Passwort-4712"]) expect(text).not.toContain(secret);
  });
});
