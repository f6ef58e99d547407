import { z } from "zod";
import { optionalText } from "#app/utils/form-fields";
import { parseOpeningHours } from "./import/opening-hours";
import { parseOpeningExceptions } from "./opening-exceptions";

const coordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? Number(value.replace(",", ".")) : null))
    .refine((value) => value === null || (Number.isFinite(value) && value >= min && value <= max), "directory.validation.coordinate");

/** A location with its weekly hours, written one line per part: "Mo-Fr 09:00-12:00". */
export const LocationFormSchema = z
  .object({
    name: optionalText(120),
    street: z.string({ error: "validation.required" }).trim().min(3, "validation.required").max(120, "validation.tooLong"),
    postalCode: z
      .string({ error: "validation.required" })
      .trim()
      .regex(/^\d{5}$/, "directory.validation.postalCode"),
    town: z.string({ error: "validation.required" }).trim().min(2, "validation.required").max(80, "validation.tooLong"),
    latitude: coordinate(-90, 90),
    longitude: coordinate(-180, 180),
    accessibilityNote: optionalText(500),
    wheelchairAccessible: z
      .literal("on")
      .optional()
      .transform((value) => value === "on"),
    openingHours: z
      .string()
      .max(1000, "validation.tooLong")
      .optional()
      .transform((value, context) => {
        const { slots, errors } = parseOpeningHours((value ?? "").replace(/\r?\n/g, "|"));
        if (errors.length > 0) context.addIssue({ code: "custom", message: "directory.validation.openingHours" });
        return slots;
      }),
    exceptions: z
      .string()
      .max(4000, "validation.tooLong")
      .optional()
      .transform((value, context) => {
        const { exceptions, badLines } = parseOpeningExceptions(value ?? "");
        if (badLines.length > 0) context.addIssue({ code: "custom", message: "directory.validation.exceptions" });
        return exceptions;
      }),
  })
  .refine((value) => (value.latitude === null) === (value.longitude === null), { message: "directory.validation.bothCoordinates", path: ["longitude"] });

export type LocationForm = z.infer<typeof LocationFormSchema>;
