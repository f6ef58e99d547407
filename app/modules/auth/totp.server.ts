import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { signingKey } from "#app/utils/secret.server";

/** The issuer an authenticator app shows beside the account. */
export const TOTP_ISSUER = "Kurze Wege";
/** RFC 6238 defaults, which every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side of now: a clock a little off, or a code typed just as it changed, still counts. */
const WINDOW = 1;
/** 160 bits, as RFC 4226 recommends for HMAC-SHA-1. */
const SECRET_BYTES = 20;

const SEALED_VERSION = "v1";

/** AES-256-GCM under a key for one purpose, derived from APP_SECRET: "v1.iv.tag.ciphertext", base64url. */
function seal(purpose: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", signingKey(purpose), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [SEALED_VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The plain text of a sealed value, or null when it was sealed for another purpose, under another secret, or changed. */
function unseal(purpose: string, sealed: string): string | null {
  const [version, iv, tag, ciphertext, ...rest] = sealed.split(".");
  if (version !== SEALED_VERSION || !iv || !tag || ciphertext === undefined || rest.length) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", signingKey(purpose), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

const STORED_SECRET_PURPOSE = "two-factor/totp-secret";
const PENDING_SECRET_PURPOSE = "two-factor/pending-secret";

/** A TOTP secret as `users.totpSecret` stores it: encrypted, so a copy of the table computes no codes. */
export function encryptTotpSecret(base32: string): string {
  return seal(STORED_SECRET_PURPOSE, base32);
}

/** The base32 secret of a stored value; throws when it cannot be read (APP_SECRET changed). */
export function decryptTotpSecret(stored: string): string {
  const plain = unseal(STORED_SECRET_PURPOSE, stored);
  if (plain === null) throw new Error("the stored TOTP secret cannot be decrypted (was APP_SECRET changed?)");
  return plain;
}

/** A new random secret, base32 (32 characters). */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

function totpFor(base32: string, label = ""): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: "SHA1", digits: DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(base32) });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function otpauthUri(base32: string, accountName: string): string {
  return totpFor(base32, accountName).toString();
}

/** The secret in groups of four ("ABCD EFGH …"), for typing it into an app by hand. */
export function groupedSecret(base32: string): string {
  return base32.match(/.{1,4}/g)?.join(" ") ?? base32;
}

/** The QR code of an otpauth URI as an SVG document, made on the server. */
export function qrCodeSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/** The time step a moment falls in. */
export function totpStep(at = Date.now()): number {
  return Math.floor(at / 1000 / PERIOD_SECONDS);
}

/** The code of a secret at a moment (tests and the demo compute codes the same way an app does). */
export function totpCode(base32: string, at = Date.now()): string {
  return totpFor(base32).generate({ timestamp: at });
}

/** The time step whose code this is, within one step of now, or null. */
export function matchingStep(base32: string, code: string, at = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(base32).validate({ token, timestamp: at, window: WINDOW });
  return delta === null ? null : totpStep(at) + delta;
}

/** How long a secret shown for setting up stays good: enough to install an app and scan it. */
export const PENDING_SECRET_LIFETIME_MS = 30 * 60 * 1000;

/**
 * The secret being set up, sealed into the form's hidden field: bound to the user and to an expiry, and
 * authenticated, so the browser can carry it between showing and confirming but cannot make or change one.
 */
export function sealPendingSecret(userId: string, base32: string, at = Date.now()): string {
  return seal(PENDING_SECRET_PURPOSE, JSON.stringify({ u: userId, s: base32, e: at + PENDING_SECRET_LIFETIME_MS }));
}

/** The secret of a sealed setup field of this user that has not expired, or null. */
export function openPendingSecret(userId: string, sealed: string, at = Date.now()): string | null {
  const plain = unseal(PENDING_SECRET_PURPOSE, sealed);
  if (plain === null) return null;
  try {
    const value = JSON.parse(plain) as { u?: unknown; s?: unknown; e?: unknown };
    if (value.u !== userId || typeof value.s !== "string" || typeof value.e !== "number" || value.e <= at) return null;
    return value.s;
  } catch {
    return null;
  }
}
