import { and, eq, isNull } from "drizzle-orm";
import { db } from "#db/client";
import { taxonomyTerms, termMappings } from "#db/schema";
import { kindOfKey } from "./foreign-terms";
import { decideMapping, listUnsettledTerms, localTermChoices, type Decision } from "./foreign-terms.server";

// The data of /verzeichnis/import/zuordnung: unsettled foreign terms and the local terms to map them to.

export async function loadTermMappingPage() {
  const [terms, local] = await Promise.all([listUnsettledTerms(db), localTermChoices(db)]);
  return { terms, local };
}

export type SettleOutcome = { ok: true; published: number } | { ok: false; field: "decision" | "termId"; message: string };

/**
 * Stores a coordinator's decision about one unsettled term and publishes the drafts it completes, in
 * one transaction. A term decided meanwhile, or a local term that is not of the same kind, is refused.
 */
export async function settleTerm(userId: string, mappingId: string, decision: Decision): Promise<SettleOutcome> {
  return db.transaction(async (tx) => {
    const [mapping] = await tx
      .select({ key: termMappings.key })
      .from(termMappings)
      .where(and(eq(termMappings.id, mappingId), isNull(termMappings.decision)))
      .for("update");
    if (!mapping) return { ok: false, field: "decision", message: "vocabularyImport.page.gone" } as const;
    if ("map" in decision) {
      const [term] = await tx
        .select({ id: taxonomyTerms.id })
        .from(taxonomyTerms)
        .where(and(eq(taxonomyTerms.id, decision.map), eq(taxonomyTerms.kind, kindOfKey(mapping.key)), isNull(taxonomyTerms.retiredAt)));
      if (!term) return { ok: false, field: "termId", message: "vocabularyImport.page.chooseTerm" } as const;
    }
    const { published } = await decideMapping(tx, mappingId, decision, userId);
    return { ok: true, published: published.length } as const;
  });
}
