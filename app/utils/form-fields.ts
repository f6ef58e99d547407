import { z } from "zod";

/** An optional text field: trimmed, at most `max` characters, and null when left empty. */
export const optionalText = (max: number) =>
  z
    .string()
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
