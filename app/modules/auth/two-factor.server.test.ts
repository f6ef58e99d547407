import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { adminLog, recoveryCodes, sessions, users } from "#db/schema";
import { createTestUser, createTestUserWithTotp, sessionCookieFor, TEST_PASSWORD, testContext, totpCodeFor } from "#test/factories";
import { normaliseRecoveryCode, RECOVERY_CODE_COUNT, replaceRecoveryCodes } from "./recovery-codes.server";
import { decryptTotpSecret, encryptTotpSecret, matchingStep, newTotpSecret, openPendingSecret, PENDING_SECRET_LIFETIME_MS, sealPendingSecret, totpCode, totpStep } from "./totp.server";
import { disableTwoFactor, enableTwoFactor, getTwoFactorStatus, newSetupOffer, renewRecoveryCodes, resetTwoFactor, verifySecondFactor } from "./two-factor.server";

const row = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;
const address = () => testContext().clientAddress;

/**
 * The sealed value with one character of its ciphertext changed. A middle character, because the last
 * one of a base64 text may carry only padding bits, and changing those changes no byte.
 */
function tampered(sealed: string): string {
  const at = sealed.lastIndexOf(".") + 2;
  return sealed.slice(0, at) + (sealed[at] === "A" ? "B" : "A") + sealed.slice(at + 1);
}

describe("TOTP codes", () => {
  test("a code of this step or one step either side is accepted, two steps away is not", () => {
    const secret = newTotpSecret();
    const now = Date.now();
    expect(matchingStep(secret, totpCode(secret, now), now)).toBe(totpStep(now));
    expect(matchingStep(secret, totpCode(secret, now - 30_000), now)).toBe(totpStep(now) - 1);
    expect(matchingStep(secret, totpCode(secret, now + 30_000), now)).toBe(totpStep(now) + 1);
    expect(matchingStep(secret, totpCode(secret, now - 60_000), now)).toBeNull();
    expect(matchingStep(secret, totpCode(secret, now + 60_000), now)).toBeNull();
    expect(matchingStep(secret, "12345", now)).toBeNull();
    expect(matchingStep(secret, "abcdef", now)).toBeNull();
  });

  test("a secret has 160 bits and is stored encrypted: the column holds neither it nor anything without APP_SECRET", async () => {
    const user = await createTestUserWithTotp();
    expect(user.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    const stored = (await row(user.id)).totpSecret!;
    expect(stored).not.toContain(user.totpSecret);
    expect(stored.startsWith("v1.")).toBe(true);
    expect(decryptTotpSecret(stored)).toBe(user.totpSecret);
    // The same secret encrypts differently each time (a fresh IV), and a changed byte is refused.
    expect(encryptTotpSecret(user.totpSecret)).not.toBe(stored);
    expect(() => decryptTotpSecret(tampered(stored))).toThrow();
  });

  test("the sealed setup field opens only for its own user and only until it expires", () => {
    const secret = newTotpSecret();
    const sealed = sealPendingSecret("user-a", secret);
    expect(openPendingSecret("user-a", sealed)).toBe(secret);
    expect(openPendingSecret("user-b", sealed)).toBeNull();
    expect(openPendingSecret("user-a", sealed, Date.now() + PENDING_SECRET_LIFETIME_MS + 1000)).toBeNull();
    expect(openPendingSecret("user-a", tampered(sealed))).toBeNull();
    // A stored secret is no setup field: the purposes have different keys.
    expect(openPendingSecret("user-a", encryptTotpSecret(secret))).toBeNull();
  });
});

describe("the second step of signing in", () => {
  test("a current code is accepted once; the same step, or an earlier one, never again", async () => {
    const user = await createTestUserWithTotp();
    const now = Date.now();
    const at = (steps: number) => totpCode(user.totpSecret, now + steps * 30_000);
    const code = at(0);
    expect(await verifySecondFactor(user, code, address(), now)).toEqual({ ok: true, usedRecoveryCode: false });
    expect(await verifySecondFactor(user, code, address(), now)).toMatchObject({ ok: false, error: "wrongCode" });
    expect(await verifySecondFactor(user, at(-1), address(), now)).toMatchObject({ ok: false, error: "wrongCode" });
    // The next step's code (a clock slightly ahead) still counts once.
    expect(await verifySecondFactor(user, at(1), address(), now)).toMatchObject({ ok: true });
    expect((await row(user.id)).totpLastStep).toBe(totpStep(now) + 1);
  });

  test("a code of another secret or a wrong one is refused", async () => {
    const user = await createTestUserWithTotp();
    expect(await verifySecondFactor(user, totpCodeFor(newTotpSecret()), address())).toMatchObject({ ok: false, error: "wrongCode" });
    expect(await verifySecondFactor(user, "000000", address())).toMatchObject({ ok: false });
  });

  test("a recovery code works once, in any case and with or without its hyphens", async () => {
    const user = await createTestUserWithTotp();
    const codes = await replaceRecoveryCodes(db, user.id);
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{2}$/);
    const [first, second] = codes as [string, string];
    expect(await verifySecondFactor(user, first.toUpperCase(), address())).toEqual({ ok: true, usedRecoveryCode: true });
    expect(await verifySecondFactor(user, first, address())).toMatchObject({ ok: false, error: "wrongCode" });
    expect(await verifySecondFactor(user, ` ${second.replace(/-/g, "")} `, address())).toMatchObject({ ok: true, usedRecoveryCode: true });
    expect((await getTwoFactorStatus(user.id)).unusedRecoveryCodes).toBe(RECOVERY_CODE_COUNT - 2);
    // Only hashes are stored.
    const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    for (const code of codes) expect(stored.some((entry) => entry.codeHash.includes(normaliseRecoveryCode(code)!))).toBe(false);
  });

  test("another person's recovery code opens nothing", async () => {
    const owner = await createTestUserWithTotp();
    const other = await createTestUserWithTotp();
    const [code] = await replaceRecoveryCodes(db, owner.id);
    expect(await verifySecondFactor(other, code!, address())).toMatchObject({ ok: false, error: "wrongCode" });
  });

  test("wrong codes are throttled: after five from one address, even the right one waits", async () => {
    const user = await createTestUserWithTotp();
    const from = address();
    for (let attempt = 0; attempt < 5; attempt++) expect(await verifySecondFactor(user, "000000", from)).toMatchObject({ ok: false, error: "wrongCode" });
    const throttled = await verifySecondFactor(user, totpCodeFor(user.totpSecret), from);
    expect(throttled).toMatchObject({ ok: false, error: "throttled" });
    expect((throttled as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe("setting up, turning off and new recovery codes", () => {
  test("setting up needs a current code of the offered secret; then it is on, with ten recovery codes", async () => {
    const user = await createTestUser();
    const offer = await newSetupOffer(user);
    const secret = openPendingSecret(user.id, offer.pending)!;
    expect(offer.groupedSecret.replace(/ /g, "")).toBe(secret);
    expect(offer.uri).toContain(`secret=${secret}`);
    expect(offer.qrDataUri.startsWith("data:image/svg+xml;base64,")).toBe(true);

    expect(await enableTwoFactor(user.id, offer.pending, totpCode(newTotpSecret()))).toMatchObject({ ok: false, error: "wrongCode" });
    expect((await row(user.id)).totpEnabledAt).toBeNull();
    const enabled = await enableTwoFactor(user.id, offer.pending, totpCode(secret));
    expect(enabled.ok && enabled.recoveryCodes).toHaveLength(10);
    const stored = await row(user.id);
    expect(stored.totpEnabledAt).not.toBeNull();
    expect(decryptTotpSecret(stored.totpSecret!)).toBe(secret);
    // The code that confirmed the setup does not sign in afterwards.
    expect((await row(user.id)).totpLastStep).not.toBeNull();
    expect(await verifySecondFactor(user, totpCode(secret, (stored.totpLastStep ?? 0) * 30_000), address(), (stored.totpLastStep ?? 0) * 30_000)).toMatchObject({ ok: false });
    expect(await enableTwoFactor(user.id, offer.pending, totpCode(secret, Date.now() + 30_000))).toMatchObject({ ok: false, error: "alreadyEnabled" });
  });

  test("another person's or an expired setup field is refused", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const offer = await newSetupOffer(other);
    const secret = openPendingSecret(other.id, offer.pending)!;
    expect(await enableTwoFactor(user.id, offer.pending, totpCode(secret))).toMatchObject({ ok: false, error: "expired" });
    const own = await newSetupOffer(user);
    const later = Date.now() + PENDING_SECRET_LIFETIME_MS + 1000;
    expect(await enableTwoFactor(user.id, own.pending, totpCode(openPendingSecret(user.id, own.pending)!, later), later)).toMatchObject({ ok: false, error: "expired" });
  });

  test("a member turns it off with the password; a wrong password changes nothing", async () => {
    const user = await createTestUserWithTotp();
    await replaceRecoveryCodes(db, user.id);
    expect(await disableTwoFactor(user, "falsch geraten", address())).toEqual({ ok: false, error: "wrongPassword" });
    expect((await row(user.id)).totpEnabledAt).not.toBeNull();
    expect(await disableTwoFactor(user, TEST_PASSWORD, address())).toEqual({ ok: true });
    const stored = await row(user.id);
    expect([stored.totpSecret, stored.totpEnabledAt, stored.totpLastStep]).toEqual([null, null, null]);
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toEqual([]);
    expect(await disableTwoFactor(user, TEST_PASSWORD, address())).toEqual({ ok: false, error: "notEnabled" });
  });

  test("coordinators and admins cannot turn it off, even with the right password", async () => {
    for (const role of ["coordinator", "admin"] as const) {
      const user = await createTestUserWithTotp({ role });
      expect(await disableTwoFactor({ ...user }, TEST_PASSWORD, address()), role).toEqual({ ok: false, error: "required" });
      expect((await row(user.id)).totpEnabledAt, role).not.toBeNull();
    }
  });

  test("new recovery codes need the password and replace the old ones", async () => {
    const user = await createTestUserWithTotp();
    const [old] = await replaceRecoveryCodes(db, user.id);
    expect(await renewRecoveryCodes(user, "falsch", address())).toEqual({ ok: false, error: "wrongPassword" });
    const renewed = await renewRecoveryCodes(user, TEST_PASSWORD, address());
    expect(renewed.ok && renewed.recoveryCodes).toHaveLength(10);
    expect(await verifySecondFactor(user, old!, address())).toMatchObject({ ok: false });
    expect(await verifySecondFactor(user, (renewed as { recoveryCodes: string[] }).recoveryCodes[0]!, address())).toMatchObject({ ok: true });
    expect(await renewRecoveryCodes(await createTestUser(), TEST_PASSWORD, address())).toEqual({ ok: false, error: "notEnabled" });
  });
});

describe("an admin resets a person's two-factor sign-in", () => {
  test("only admins may; it clears secret and codes, ends every session and is logged", async () => {
    const admin = await createTestUser({ role: "admin" });
    const target = await createTestUserWithTotp({ role: "coordinator" });
    await replaceRecoveryCodes(db, target.id);
    await sessionCookieFor(target.id);
    await sessionCookieFor(target.id);
    for (const role of ["member", "coordinator"] as const) {
      const actor = await createTestUser({ role });
      expect(await resetTwoFactor(db, actor, target.id, "Telefon verloren"), role).toEqual({ ok: false, error: "forbidden" });
    }
    expect((await row(target.id)).totpEnabledAt).not.toBeNull();

    expect(await resetTwoFactor(db, admin, target.id, "Telefon verloren")).toEqual({ ok: true });
    const stored = await row(target.id);
    expect([stored.totpSecret, stored.totpEnabledAt, stored.totpLastStep]).toEqual([null, null, null]);
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, target.id))).toEqual([]);
    expect(await db.select().from(sessions).where(eq(sessions.userId, target.id))).toEqual([]);
    const log = await db.select().from(adminLog).where(eq(adminLog.targetUserId, target.id));
    expect(log).toEqual([
      expect.objectContaining({ actorId: admin.id, action: "two_factor_reset", before: { twoFactor: "on" }, after: { twoFactor: "off", sessionsEnded: "2" }, reason: "Telefon verloren" }),
    ]);

    expect(await resetTwoFactor(db, admin, target.id, "")).toEqual({ ok: false, error: "notEnabled" });
    expect(await resetTwoFactor(db, admin, "00000000-0000-0000-0000-000000000000", "")).toEqual({ ok: false, error: "notFound" });
  });
});
