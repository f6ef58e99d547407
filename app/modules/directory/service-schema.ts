import { z } from "zod";
import { accessModes, costKinds, entryStatuses } from "#db/schema/directory-enums";
import { optionalText } from "#app/utils/form-fields";
import { ServiceTranslationsSchema, TRANSLATION_LIMITS } from "./translation-schema";

const required = { error: "validation.required" };
/** The service form, shared by the browser and the action. Taxonomy and locations are checked against the database in the action. */
export const ServiceFormSchema = z.object({
  name: z.string(required).trim().min(3, "directory.validation.nameShort").max(160, "validation.tooLong"),
  description: z.string(required).trim().min(10, "directory.validation.descriptionShort").max(4000, "validation.tooLong"),
  categories: z.array(z.string()).min(1, "directory.validation.chooseCategory"),
  targetGroups: z.array(z.string()).min(1, "directory.validation.chooseTargetGroup"),
  languages: z
    .string(required)
    .transform((value) => [
      ...new Set(
        value
          .split(/[\s,]+/)
          .map((code) => code.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    // Checked as a whole, so the message stands at the one field the person typed into.
    .refine((codes) => codes.length > 0 && codes.every((code) => /^[a-z]{2,3}$/.test(code)), "directory.validation.languageCodes"),
  // A service whose cost nobody stated is "keine Angabe", never "kostenlos".
  cost: z.enum(costKinds, required).default("unknown"),
  costNote: optionalText(500),
  eligibility: optionalText(1000),
  // The steps to the service: sign-up, appointment, papers to bring (HSDS application_process).
  howToAccess: optionalText(TRANSLATION_LIMITS.howToAccess),
  accessModes: z.array(z.enum(accessModes)).min(1, "directory.validation.chooseAccess"),
  contactName: optionalText(120),
  // A person of the network who names the service's partner in their profile (checked in the write).
  contactUserId: z
    .string()
    .uuid("people.validation.contactPerson")
    .optional()
    .transform((value) => value ?? null),
  locationIds: z.array(z.string().uuid()).default([]),
  nextSteps: z.array(z.string().uuid()).max(30, "validation.tooLong").default([]),
  keywords: optionalText(500),
  status: z.enum(entryStatuses).default("active"),
  // Name, description, eligibility and how to access in the other UI languages.
  translations: ServiceTranslationsSchema,
});

export type ServiceForm = z.infer<typeof ServiceFormSchema>;

export { NEW_SERVICE_DEFAULTS } from "./service-form-defaults";
