import { z } from "zod";

/** The one field of the check page's buttons: "all", "partner" or a service's id. */
export const CheckFormSchema = z.object({
  entry: z.union([z.literal("all"), z.literal("partner"), z.uuid()]),
});
