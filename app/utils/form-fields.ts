import { z } from "zod";

/** An optional text field: trimmed, at most `max` characters, and null when left empty. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((value) => value || null);
