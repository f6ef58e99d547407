import { z } from "zod";

/** A text without NUL bytes, which a PostgreSQL text column cannot store: taken out before anything is checked. */
export const withoutNul = (value: string) => value.split(String.fromCharCode(0)).join("");

/** An optional text field: trimmed, at most `max` characters, and null when left empty. */
export const optionalText = (max: number) =>
  z
    .string()
    .overwrite(withoutNul)
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((value) => value || null);

/** An optional text field that stays a text: trimmed, at most `max` characters, "" when left out. */
export const textOrEmpty = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((value) => value ?? "");

/** A checkbox: ticked when the browser sends "on" (with or without JavaScript). */
export const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on");

/** The honeypot field of public forms (`HoneypotField` renders it): hidden from people, so only bots fill it. */
export const honeypotField = { website: z.string().optional() };

/** True unless the honeypot was filled; use with `.refine(isNotSpam, SPAM_ERROR)`. */
export const isNotSpam = (value: { website?: string }) => !value.website;

/** The honeypot's error belongs to the form: its field is hidden from people. */
export const SPAM_ERROR = { message: "validation.spam", path: [] };
