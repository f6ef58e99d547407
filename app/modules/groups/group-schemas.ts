import { z } from "zod";

export const JoinRequestSchema = z.object({
  message: z.string().trim().max(1000, "validation.tooLong").optional().transform((value) => value ?? ""),
});

export const DecideSchema = z.object({ intent: z.enum(["approve", "decline"]), requestId: z.string().uuid() });
