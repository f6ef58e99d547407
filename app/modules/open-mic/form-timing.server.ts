import { createHmac, timingSafeEqual } from "node:crypto";
import { signingKey } from "#app/utils/secret.server";

/** People need a few seconds to write a concern; scripts post at once. */
export const MIN_FILL_SECONDS = 3;
/** A form left open longer than this is shown anew (with what was typed). */
export const MAX_FORM_AGE_SECONDS = 24 * 60 * 60;

export type FormTiming = "ok" | "tooFast" | "invalid";

const key = () => signingKey("open-mic/form-timing");

const sign = (issuedAt: string) => createHmac("sha256", key()).update(issuedAt).digest("base64url");

/** A token saying when the form was shown, signed so that nobody can backdate it. */
export function issueFormToken(now = Date.now()): string {
  const issuedAt = String(now);
  return `${issuedAt}.${sign(issuedAt)}`;
}

/** Whether a form was shown long enough ago (and not too long ago) to be a person's submission. */
export function checkFormToken(token: string | null | undefined, now = Date.now()): FormTiming {
  const [issuedAt, signature] = (token ?? "").split(".");
  if (!issuedAt || !signature || !/^\d{10,16}$/.test(issuedAt)) return "invalid";
  const expected = Buffer.from(sign(issuedAt));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
  const age = (now - Number(issuedAt)) / 1000;
  if (age < 0 || age > MAX_FORM_AGE_SECONDS) return "invalid";
  return age < MIN_FILL_SECONDS ? "tooFast" : "ok";
}

/** The token a form shown again carries: the one it was first shown with while that is valid, else a fresh one. */
export function renewFormToken(token: string | null | undefined, now = Date.now()): string {
  return token && checkFormToken(token, now) !== "invalid" ? token : issueFormToken(now);
}
