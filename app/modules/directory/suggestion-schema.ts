import { z } from "zod";

export const SuggestionSchema = z.object({
  intent: z.literal("suggest"),
  message: z.string({ error: "validation.required" }).trim().min(10, "directory.suggest.tooShort").max(2000, "validation.tooLong"),
});

export const CloseSuggestionSchema = z.object({
  intent: z.enum(["suggestion-done", "suggestion-declined"]),
  suggestionId: z.string().uuid(),
});
