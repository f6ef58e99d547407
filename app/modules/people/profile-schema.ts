import { z } from "zod";
import { contactVisibilities } from "#db/schema/user-enums";
import { textOrEmpty } from "#app/utils/form-fields";
import { ABOUT_MAX, FUNCTION_MAX, ORGANISATIONS_MAX } from "./profile-limits";

export { ABOUT_MAX, FUNCTION_MAX, ORGANISATION_ROWS_MIN, ORGANISATIONS_MAX } from "./profile-limits";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const many = (item: z.ZodType<string>) => z.array(item).max(60, "validation.tooLong").default([]);

/** A phone number, checked loosely: digits, spaces and + ( ) / -, 5 to 30 characters, at least 3 digits. */
export const PhoneSchema = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || null)
  .refine((value) => value === null || (/^[\d\s+()/-]{5,30}$/.test(value) && (value.match(/\d/g)?.length ?? 0) >= 3), "people.validation.phone");

/** One organisation row: a partner and the function there. An empty row is no organisation. */
const OrganisationRowSchema = z.object({
  partnerId: z.string().optional(),
  function: z.string().trim().max(FUNCTION_MAX, "validation.tooLong").optional(),
});

/** The organisation rows: a function needs its organisation, and no organisation comes twice. */
const OrganisationRowsSchema = z
  .array(OrganisationRowSchema)
  .max(ORGANISATIONS_MAX, "validation.tooLong")
  .default([])
  .superRefine((rows, context) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      if (!row.partnerId) {
        // A function without its organisation would be lost silently.
        if (row.function) context.addIssue({ code: "custom", message: "people.validation.chooseOrganisation", path: [index, "partnerId"] });
        return;
      }
      if (!UUID.test(row.partnerId)) context.addIssue({ code: "custom", message: "people.validation.unknownChoice", path: [index, "partnerId"] });
      else if (seen.has(row.partnerId)) context.addIssue({ code: "custom", message: "people.validation.duplicateOrganisation", path: [index, "partnerId"] });
      seen.add(row.partnerId);
    });
  });

/**
 * The profile form ("Wer ist wer"), shared by the browser and the action. That the partners, topics
 * and languages exist is checked against the database in the write.
 */
export const ProfileFormSchema = z
  .object({
    intent: z.literal("profile"),
    organisations: OrganisationRowsSchema,
    languages: many(z.string().regex(/^[a-z]{2,3}$/, "people.validation.unknownChoice")),
    topics: many(z.string().regex(/^[a-z0-9-]{1,60}$/, "people.validation.unknownChoice")),
    about: textOrEmpty(ABOUT_MAX),
    phone: PhoneSchema,
    phoneVisibility: z.enum(contactVisibilities, { error: "validation.required" }),
    emailVisibility: z.enum(contactVisibilities, { error: "validation.required" }),
  })
  .transform(({ organisations, ...rest }) => ({
    ...rest,
    languages: [...new Set(rest.languages)],
    topics: [...new Set(rest.topics)],
    // `row` is the row of the form it came from, so that a refusal stands at that row's field.
    organisations: organisations.flatMap((row, index) => (row.partnerId ? [{ partnerId: row.partnerId, function: row.function ?? "", row: index }] : [])),
  }));

export type ProfileForm = z.output<typeof ProfileFormSchema>;
