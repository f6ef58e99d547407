import { z } from "zod";
import { honeypotField, isNotSpam, SPAM_ERROR } from "#app/utils/form-fields";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const NAME_MAX = 80;

const required = { error: "validation.required" };

export const EmailSchema = z
  .string(required)
  .trim()
  .max(254, "validation.tooLong")
  .pipe(z.email({ error: "validation.email" }));

export const NewPasswordSchema = z.string(required).min(PASSWORD_MIN, "validation.passwordTooShort").max(PASSWORD_MAX, "validation.passwordTooLong");

// Sign-in checks nothing but presence: the rules of today must not lock out a password of yesterday.
export const CurrentPasswordSchema = z.string(required).max(PASSWORD_MAX, "validation.passwordTooLong");

export const SignInSchema = z.object({
  email: EmailSchema,
  password: CurrentPasswordSchema,
  redirectTo: z.string().optional(),
});

/** A display name, at registration and when it is changed later. */
export const DisplayNameSchema = z.string(required).trim().min(1, "validation.required").max(NAME_MAX, "validation.nameTooLong");

export const RegisterSchema = z
  .object({
    displayName: DisplayNameSchema,
    email: EmailSchema,
    password: NewPasswordSchema,
    ...honeypotField,
  })
  .refine(isNotSpam, SPAM_ERROR);

export const ForgotPasswordSchema = z.object({ email: EmailSchema, ...honeypotField }).refine(isNotSpam, SPAM_ERROR);

export const ResetPasswordSchema = z.object({ token: z.string(required), password: NewPasswordSchema });

export const ChangePasswordSchema = z
  .object({ currentPassword: CurrentPasswordSchema, newPassword: NewPasswordSchema })
  .refine((value) => value.currentPassword !== value.newPassword, { message: "validation.passwordSame", path: ["newPassword"] });
