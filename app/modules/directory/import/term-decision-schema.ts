import { z } from "zod";
import { termMappingDecisions } from "#db/schema/directory-enums";

/** A coordinator's decision on a foreign term of an import: map it to a local term, adopt it, or ignore it. */
export const DecisionSchema = z
  .object({
    mappingId: z.uuid(),
    decision: z.enum(termMappingDecisions, { error: "vocabularyImport.page.chooseDecision" }),
    termId: z.uuid({ error: "vocabularyImport.page.chooseTerm" }).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "map" && !value.termId) ctx.addIssue({ code: "custom", path: ["termId"], message: "vocabularyImport.page.chooseTerm" });
  });
