import { z } from "zod";
import { optionalText } from "#app/utils/form-fields";
import { partnerKinds } from "#db/schema/directory-enums";
import { PartnerTranslationsSchema } from "./translation-schema";

export const PartnerFormSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(3, "directory.validation.nameShort").max(160, "validation.tooLong"),
  shortName: optionalText(40),
  kind: z.enum(partnerKinds, { error: "validation.required" }),
  description: z.string({ error: "validation.required" }).trim().min(10, "directory.validation.descriptionShort").max(4000, "validation.tooLong"),
  website: z
    .string()
    .trim()
    .max(300, "validation.tooLong")
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || /^https?:\/\/[^\s]+\.[^\s]+$/.test(value), "directory.validation.website"),
  email: z
    .string()
    .trim()
    .max(254, "validation.tooLong")
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || z.email().safeParse(value).success, "validation.email"),
  phone: optionalText(40).refine((value) => value === null || /^[+0-9 ()/-]{5,40}$/.test(value), "directory.validation.phone"),
  // The description in the other UI languages.
  translations: PartnerTranslationsSchema,
});

export const EditorSchema = z.object({
  intent: z.literal("add-editor"),
  editorEmail: z
    .string({ error: "validation.required" })
    .trim()
    .pipe(z.email({ error: "validation.email" })),
});
export const RemoveEditorSchema = z.object({ intent: z.literal("remove-editor"), userId: z.string().uuid() });
export const PartnerStatusSchema = z.object({ intent: z.enum(["archive", "restore"]) });
