import { z } from "zod";
import { MAX_FLAGS_TO_HIDE } from "./flag-threshold";

const invalid = "posting.flagThreshold.invalid";

/** The admin's form for the number of people whose flags hide a post (0: never). */
export const FlagThresholdSchema = z.object({
  intent: z.literal("flag-threshold"),
  flagsToHide: z.number({ error: invalid }).int(invalid).min(0, invalid).max(MAX_FLAGS_TO_HIDE, invalid),
});
