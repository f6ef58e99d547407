import { z } from "zod";
import { taxonomyKinds } from "#db/schema/directory-enums";
import { slugify } from "#app/utils/slug";
import terms from "./standard-taxonomy.json";

const TermSeedSchema = z.object({
  kind: z.enum(taxonomyKinds),
  slug: z.string().refine((slug) => slugify(slug) === slug, "not a slug"),
  // German is the directory's language: every term needs its German label.
  labels: z.record(z.string(), z.string().min(1)).refine((labels) => Boolean(labels.de), "needs a German label"),
});
export type TermSeed = z.infer<typeof TermSeedSchema>;

const TermSeedListSchema = z.array(TermSeedSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  for (const [index, term] of list.entries()) {
    if (seen.has(`${term.kind}:${term.slug}`)) ctx.addIssue({ code: "custom", path: [index, "slug"], message: `${term.kind} "${term.slug}" is listed twice` });
    seen.add(`${term.kind}:${term.slug}`);
  }
});

/** The managed taxonomy of a new network (standard-taxonomy.json): Themenfelder and Zielgruppen, labelled in each UI language, in display order. */
export const taxonomySeed: TermSeed[] = TermSeedListSchema.parse(terms);
