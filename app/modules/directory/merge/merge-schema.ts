import { z } from "zod";

/** The merge form: the slug of the partner that stays. */
export const MergePartnerSchema = z.object({
  into: z.string({ error: "partnerMerge.validation.chooseInto" }).trim().min(1, { error: "partnerMerge.validation.chooseInto" }),
});
