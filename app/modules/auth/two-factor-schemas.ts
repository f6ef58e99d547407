import { z } from "zod";
import { CurrentPasswordSchema } from "./auth-schemas";

const required = { error: "validation.required" };

/** The second step of signing in: a 6-digit code or a recovery code ("xxxx-xxxx-xx"); which one it is, the server tells. */
export const CodeStepSchema = z.object({
  code: z.string(required).trim().min(1, "validation.required").max(32, "twoFactor.errors.tooLong"),
  redirectTo: z.string().optional(),
});

/** Confirming the setup: the sealed secret of the page and the app's current code. */
export const EnableTwoFactorSchema = z.object({
  pending: z.string(required).max(1000),
  code: z
    .string(required)
    .transform((value) => value.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "twoFactor.errors.codeFormat")),
  redirectTo: z.string().optional(),
});

/** Turning it off and making new recovery codes ask for the password again. */
export const TwoFactorPasswordSchema = z.object({ password: CurrentPasswordSchema });
