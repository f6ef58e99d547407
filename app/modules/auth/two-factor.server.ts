import { redirect } from "@remix-run/node";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { User } from "lucia";
import { db, type Executor } from "#db/client";
import { users, type UserRole } from "#db/schema";
import { writeAdminLog } from "#app/modules/admin/admin-log.server";
import type { Refusal } from "#app/utils/http";
import { logSecurityEvent } from "#app/utils/log.server";
import { redirectWithToast } from "#app/utils/toast.server";
import { countUnusedRecoveryCodes, deleteRecoveryCodes, replaceRecoveryCodes, useRecoveryCode } from "./recovery-codes.server";
import { isTwoFactorRequired } from "./roles";
import { endUserSessions, getSessionState, TWO_FACTOR_SETUP_PATH } from "./session.server";
import { checkCurrentPassword } from "./sign-in.server";
import { clearAccountThrottle, throttle } from "./throttle.server";
import { decryptTotpSecret, encryptTotpSecret, groupedSecret, matchingStep, newTotpSecret, openPendingSecret, otpauthUri, qrCodeSvg, sealPendingSecret } from "./totp.server";

type Account = { id: string; email: string };

/** Whether the person has two-factor sign-in, whether their role requires it, and how many recovery codes are left. */
export async function getTwoFactorStatus(userId: string) {
  const [row] = await db.select({ role: users.role, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  return {
    enabledAt: row?.enabledAt ?? null,
    required: row ? isTwoFactorRequired(row.role) : false,
    unusedRecoveryCodes: row?.enabledAt ? await countUnusedRecoveryCodes(db, userId) : 0,
  };
}

/** What the setup page shows: the QR code (an SVG made here, as a data: URI for an <img> with its text), the URI and the key as text. */
export type SetupOffer = { pending: string; groupedSecret: string; uri: string; qrDataUri: string };

async function offerFor(account: Account, secret: string, pending: string): Promise<SetupOffer> {
  const uri = otpauthUri(secret, account.email);
  return { pending, groupedSecret: groupedSecret(secret), uri, qrDataUri: `data:image/svg+xml;base64,${Buffer.from(await qrCodeSvg(uri)).toString("base64")}` };
}

/** A new secret to set up, as QR code, URI and text, with the sealed field that carries it to the confirmation. */
export async function newSetupOffer(account: Account): Promise<SetupOffer> {
  const secret = newTotpSecret();
  return offerFor(account, secret, sealPendingSecret(account.id, secret));
}

/** The same offer again (after a wrong code), or null when the sealed field is not this person's or has expired. */
export async function setupOfferFrom(account: Account, pending: string): Promise<SetupOffer | null> {
  const secret = openPendingSecret(account.id, pending);
  return secret ? offerFor(account, secret, pending) : null;
}

export type EnableOutcome = { ok: true; recoveryCodes: string[] } | Refusal<"expired" | "wrongCode" | "alreadyEnabled">;

/**
 * Sets up two-factor sign-in with the secret of the sealed field, once a current code of it proves the
 * app has it: stores the secret encrypted and returns ten new recovery codes, the only time they are readable.
 */
export async function enableTwoFactor(userId: string, pending: string, code: string, at = Date.now()): Promise<EnableOutcome> {
  const secret = openPendingSecret(userId, pending, at);
  if (!secret) return { ok: false, error: "expired" };
  const step = matchingStep(secret, code, at);
  if (step === null) {
    logSecurityEvent("auth.two_factor_setup_failed", { userId, reason: "wrongCode" }, "warn");
    return { ok: false, error: "wrongCode" };
  }
  return db.transaction(async (tx) => {
    const enabled = await tx
      .update(users)
      .set({ totpSecret: encryptTotpSecret(secret), totpEnabledAt: new Date(at), totpLastStep: step, updatedAt: new Date() })
      .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (!enabled.length) return { ok: false, error: "alreadyEnabled" } as const;
    return { ok: true, recoveryCodes: await replaceRecoveryCodes(tx, userId) } as const;
  });
}

/** Accepts a TOTP code of a step after the last accepted one; the step is claimed in the same statement, so two requests cannot both use it. */
async function acceptTotpCode(userId: string, code: string, at: number): Promise<boolean> {
  const [row] = await db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, userId));
  if (!row?.secret) return false;
  const step = matchingStep(decryptTotpSecret(row.secret), code, at);
  if (step === null) return false;
  const claimed = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return claimed.length > 0;
}

export type SecondFactorOutcome = { ok: true; usedRecoveryCode: boolean } | Refusal<"wrongCode" | "throttled">;

/**
 * The second step of signing in, under its own throttle: a 6-digit code of the person's app (within one
 * step of now, never a step twice) or one of their unused recovery codes, which is used up by it.
 */
export async function verifySecondFactor(account: Account, code: string, clientAddress: string, at = Date.now()): Promise<SecondFactorOutcome> {
  const wait = await throttle("two-factor", account.email, clientAddress);
  if (wait > 0) {
    logSecurityEvent("auth.two_factor_failed", { userId: account.id, addr: clientAddress, reason: "throttled" }, "warn");
    return { ok: false, error: "throttled", retryAfterSeconds: wait };
  }
  const digits = code.replace(/\s+/g, "");
  const usedRecoveryCode = !/^\d{6}$/.test(digits);
  const accepted = usedRecoveryCode ? await useRecoveryCode(db, account.id, code) : await acceptTotpCode(account.id, digits, at);
  if (!accepted) {
    logSecurityEvent("auth.two_factor_failed", { userId: account.id, addr: clientAddress, reason: usedRecoveryCode ? "wrongRecoveryCode" : "wrongCode" }, "warn");
    return { ok: false, error: "wrongCode" };
  }
  await clearAccountThrottle("two-factor", account.email, clientAddress);
  logSecurityEvent("auth.two_factor_passed", { userId: account.id, addr: clientAddress, usedRecoveryCode });
  return { ok: true, usedRecoveryCode };
}

type PasswordRefusal = "wrongPassword" | "throttled";

async function passwordRefusal(account: Account, password: string, clientAddress: string): Promise<Refusal<PasswordRefusal> | null> {
  const check = await checkCurrentPassword(account.id, account.email, password, clientAddress);
  if (check === true) return null;
  return check > 0 ? { ok: false, error: "throttled", retryAfterSeconds: check } : { ok: false, error: "wrongPassword" };
}

async function clearTwoFactor(executor: Executor, userId: string): Promise<boolean> {
  const cleared = await executor.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: new Date() }).where(eq(users.id, userId)).returning({ id: users.id });
  await deleteRecoveryCodes(executor, userId);
  return cleared.length > 0;
}

/** Turns two-factor sign-in off, after the password again; not while the person's role requires it. */
export async function disableTwoFactor(account: Account, password: string, clientAddress: string): Promise<{ ok: true } | Refusal<PasswordRefusal | "required" | "notEnabled">> {
  const status = await getTwoFactorStatus(account.id);
  if (status.required) return { ok: false, error: "required" };
  if (!status.enabledAt) return { ok: false, error: "notEnabled" };
  const refused = await passwordRefusal(account, password, clientAddress);
  if (refused) return refused;
  await db.transaction((tx) => clearTwoFactor(tx, account.id));
  return { ok: true };
}

/** Replaces the recovery codes with ten new ones, after the password again; the old ones stop working. */
export async function renewRecoveryCodes(account: Account, password: string, clientAddress: string): Promise<{ ok: true; recoveryCodes: string[] } | Refusal<PasswordRefusal | "notEnabled">> {
  if (!(await getTwoFactorStatus(account.id)).enabledAt) return { ok: false, error: "notEnabled" };
  const refused = await passwordRefusal(account, password, clientAddress);
  if (refused) return refused;
  return { ok: true, recoveryCodes: await db.transaction((tx) => replaceRecoveryCodes(tx, account.id)) };
}

/**
 * An admin resets a person's two-factor sign-in (a lost phone and lost recovery codes): secret and
 * codes go, every session of theirs ends, and the admin log records it. An admin or coordinator sets it
 * up anew at the next sign-in. Only admins may; a person without two-factor sign-in is "notEnabled".
 */
export async function resetTwoFactor(
  executor: Executor,
  actor: { id: string; role: UserRole },
  targetUserId: string,
  reason: string,
): Promise<{ ok: true } | Refusal<"forbidden" | "notFound" | "notEnabled">> {
  if (actor.role !== "admin") return { ok: false, error: "forbidden" };
  return executor.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id, enabledAt: users.totpEnabledAt, deletedAt: users.deletedAt }).from(users).where(eq(users.id, targetUserId)).for("update");
    if (!target || target.deletedAt) return { ok: false, error: "notFound" } as const;
    if (!target.enabledAt) return { ok: false, error: "notEnabled" } as const;
    await clearTwoFactor(tx, target.id);
    const ended = await endUserSessions(tx, target.id);
    await writeAdminLog(tx, { actorId: actor.id, targetUserId: target.id, action: "two_factor_reset", before: { twoFactor: "on" }, after: { twoFactor: "off", sessionsEnded: String(ended) }, reason });
    return { ok: true } as const;
  });
}

/** Guard of the setup page: a complete session, or one that owes the setup; anyone else signs in first. */
export async function requireTwoFactorSetupAccess(request: Request): Promise<{ user: User; setupOwed: boolean }> {
  const state = await getSessionState(request);
  if (!state || state.twoFactor === "code") throw redirect(`/anmelden?redirectTo=${encodeURIComponent(TWO_FACTOR_SETUP_PATH)}`);
  return { user: state.user, setupOwed: state.twoFactor === "setup" };
}

/** Guard of the code step: a session that owes its code. Without one, the sign-in page; complete, the start page; owing the setup, that. */
export async function requireCodeStep(request: Request): Promise<User> {
  const state = await getSessionState(request);
  if (!state) throw await redirectWithToast("/anmelden", "twoFactor.toast.stepExpired");
  if (state.twoFactor === "setup") throw redirect(TWO_FACTOR_SETUP_PATH);
  if (state.twoFactor !== "code") throw redirect("/");
  return state.user;
}
