import { and, asc, count, eq, inArray, isNull, max, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { serviceForeignTerms, services, serviceTerms, taxonomyTerms, termMappings, type TaxonomyKind, type TermMappingDecision } from "#db/schema";
import { enqueueSearchSync } from "#search/sync";
import { slugify } from "#app/utils/slug";
import { foreignTermKey, kindOfKey } from "./foreign-terms";
import type { ForeignTermInput, RecordResult } from "./import-schema.server";

// Foreign terms on import (docs/decisions/056-foreign-vocabularies-on-import.md): kept per source in
// term_mappings, linked to the service through service_foreign_terms; a service with an unsettled term
// is a draft. A decision (map, adopt, ignore) is stored once and applied on every later import.

/** A stored mapping as the importer uses it: undecided, or decided with the local term's slug (map, adopt). */
export type StoredMapping = { id: string; taxonomy: string; key: string; code: string | null; name: string; decision: TermMappingDecision | null; slug: string | null };
/** Stored mappings of one source, by `mappingKey`. */
export type Mappings = Map<string, StoredMapping>;

export const mappingKey = (taxonomy: string, key: string) => `${taxonomy}\u0000${key}`;

export async function loadMappings(db: Executor, source: string): Promise<Mappings> {
  const rows = await db
    .select({
      id: termMappings.id,
      taxonomy: termMappings.taxonomy,
      key: termMappings.key,
      code: termMappings.code,
      name: termMappings.name,
      decision: termMappings.decision,
      slug: taxonomyTerms.slug,
    })
    .from(termMappings)
    .leftJoin(taxonomyTerms, eq(taxonomyTerms.id, termMappings.termId))
    .where(eq(termMappings.source, source));
  return new Map(rows.map((row) => [mappingKey(row.taxonomy, row.key), row]));
}

/** Whether a decision settles the term: ignore does; map and adopt while their local term exists. */
export const isSettled = (mapping: StoredMapping | undefined) => Boolean(mapping?.decision && (mapping.decision === "ignore" || mapping.slug));

/** An unknown term of a file, with how many of its records carry it. */
export type UnknownTerm = ForeignTermInput & { key: string; services: number };

/**
 * Applies stored decisions to the checked records: a mapped or adopted term joins the record's local
 * terms, an ignored one is dropped, and a record with any other foreign term becomes a draft. Returns
 * the terms still unsettled, with their counts, in the order the file names them.
 */
export function applyMappings(results: RecordResult[], mappings: Mappings): UnknownTerm[] {
  const unknown = new Map<string, UnknownTerm>();
  for (const result of results) {
    const service = result.record?.service;
    if (!service?.foreignTerms?.length) continue;
    let unsettled = false;
    for (const term of service.foreignTerms) {
      const key = foreignTermKey(term);
      const mapping = mappings.get(mappingKey(term.taxonomy, key));
      if (isSettled(mapping)) {
        if (mapping!.decision === "ignore") continue;
        const field = term.kind === "category" ? "categories" : "targetGroups";
        service[field] = [...new Set([...(service[field] ?? []), mapping!.slug!])];
        continue;
      }
      unsettled = true;
      const known = unknown.get(mappingKey(term.taxonomy, key));
      if (known) known.services++;
      else unknown.set(mappingKey(term.taxonomy, key), { ...term, key, services: 1 });
    }
    if (unsettled && (service.status ?? "active") === "active") service.status = "draft";
  }
  return [...unknown.values()];
}

/** The stored mapping rows of these terms, created undecided where missing; by `mappingKey`. */
export async function ensureMappings(tx: Executor, source: string, terms: ForeignTermInput[]): Promise<Map<string, string>> {
  const wanted = new Map(terms.map((term) => [mappingKey(term.taxonomy, foreignTermKey(term)), term]));
  if (wanted.size === 0) return new Map();
  await tx
    .insert(termMappings)
    .values([...wanted.values()].map((term) => ({ source, taxonomy: term.taxonomy, key: foreignTermKey(term), code: term.code, name: term.name })))
    .onConflictDoNothing();
  const rows = await tx
    .select({ id: termMappings.id, taxonomy: termMappings.taxonomy, key: termMappings.key })
    .from(termMappings)
    .where(
      and(
        eq(termMappings.source, source),
        inArray(
          termMappings.key,
          [...wanted.values()].map((term) => foreignTermKey(term)),
        ),
      ),
    );
  return new Map(rows.filter((row) => wanted.has(mappingKey(row.taxonomy, row.key))).map((row) => [mappingKey(row.taxonomy, row.key), row.id]));
}

/** Replaces the foreign terms a service carries (kept after they are settled, for the record). */
export async function linkForeignTerms(tx: Executor, serviceId: string, mappingIds: string[], fresh: boolean): Promise<void> {
  if (!fresh) await tx.delete(serviceForeignTerms).where(eq(serviceForeignTerms.serviceId, serviceId));
  const unique = [...new Set(mappingIds)];
  if (unique.length > 0) await tx.insert(serviceForeignTerms).values(unique.map((mappingId) => ({ serviceId, mappingId })));
}

/** A new local term for an adopted foreign one: its name as the German label, a free slug, placed last. */
async function adoptTerm(tx: Executor, kind: TaxonomyKind, name: string): Promise<string> {
  const base = slugify(name) || "begriff";
  const taken = new Set((await tx.select({ slug: taxonomyTerms.slug }).from(taxonomyTerms).where(eq(taxonomyTerms.kind, kind))).map((row) => row.slug));
  let slug = base;
  for (let number = 2; taken.has(slug); number++) slug = `${base}-${number}`;
  const [last] = await tx
    .select({ position: max(taxonomyTerms.position) })
    .from(taxonomyTerms)
    .where(eq(taxonomyTerms.kind, kind));
  const [row] = await tx
    .insert(taxonomyTerms)
    .values({ kind, slug, labels: { de: name }, position: (last?.position ?? 0) + 1 })
    .returning({ id: taxonomyTerms.id });
  return row!.id;
}

export type Decision = { map: string } | { adopt: true } | { ignore: true };

/**
 * Stores a decision about one foreign term (`map` names the local term's id) and applies it at once to
 * the services that carry the term: the local term is linked, and a draft whose terms are now all
 * settled is published, with its search document queued. Returns the ids of the published services.
 */
export async function decideMapping(tx: Executor, mappingId: string, decision: Decision, userId: string | null): Promise<{ published: string[] }> {
  const [mapping] = await tx.select().from(termMappings).where(eq(termMappings.id, mappingId)).for("update");
  if (!mapping) throw new Error(`no term mapping ${mappingId}`);
  const kind = kindOfKey(mapping.key);
  let termId: string | null = null;
  if ("map" in decision) termId = decision.map;
  else if ("adopt" in decision) termId = mapping.decision === "adopt" && mapping.termId ? mapping.termId : await adoptTerm(tx, kind, mapping.name);
  const name = "map" in decision ? "map" : "adopt" in decision ? "adopt" : "ignore";
  await tx.update(termMappings).set({ decision: name, termId, decidedBy: userId, decidedAt: new Date() }).where(eq(termMappings.id, mappingId));

  const carriers = (await tx.select({ id: serviceForeignTerms.serviceId }).from(serviceForeignTerms).where(eq(serviceForeignTerms.mappingId, mappingId))).map((row) => row.id);
  if (carriers.length === 0) return { published: [] };
  // A changed decision takes the old local term away from the services that got it through this mapping.
  if (mapping.termId && mapping.termId !== termId) await tx.delete(serviceTerms).where(and(inArray(serviceTerms.serviceId, carriers), eq(serviceTerms.termId, mapping.termId)));
  if (termId)
    await tx
      .insert(serviceTerms)
      .values(carriers.map((serviceId) => ({ serviceId, termId })))
      .onConflictDoNothing();

  // Drafts among them whose every foreign term is now settled.
  const open = await tx
    .select({ serviceId: serviceForeignTerms.serviceId })
    .from(serviceForeignTerms)
    .innerJoin(termMappings, eq(termMappings.id, serviceForeignTerms.mappingId))
    .where(and(inArray(serviceForeignTerms.serviceId, carriers), sql`(${termMappings.decision} is null or (${termMappings.decision} <> 'ignore' and ${termMappings.termId} is null))`));
  const unsettled = new Set(open.map((row) => row.serviceId));
  const ready = carriers.filter((id) => !unsettled.has(id));
  const published =
    ready.length > 0
      ? (
          await tx
            .update(services)
            .set({ status: "active", updatedAt: new Date() })
            .where(and(inArray(services.id, ready), eq(services.status, "draft")))
            .returning({ id: services.id })
        ).map((row) => row.id)
      : [];
  // Every carrier's document shows its terms; drafts are not listed, so only the active ones matter.
  const active = await tx
    .select({ id: services.id })
    .from(services)
    .where(and(inArray(services.id, carriers), eq(services.status, "active")));
  for (const service of active) await enqueueSearchSync(tx, "services", service.id);
  return { published };
}

/** The terms still waiting for a decision, for the mapping page: source, taxonomy, code or name, and how many services carry them. */
export async function listUnsettledTerms(db: Executor) {
  const rows = await db
    .select({
      id: termMappings.id,
      source: termMappings.source,
      taxonomy: termMappings.taxonomy,
      key: termMappings.key,
      code: termMappings.code,
      name: termMappings.name,
      services: count(serviceForeignTerms.serviceId),
    })
    .from(termMappings)
    .leftJoin(serviceForeignTerms, eq(serviceForeignTerms.mappingId, termMappings.id))
    .where(isNull(termMappings.decision))
    .groupBy(termMappings.id)
    .orderBy(asc(termMappings.source), asc(termMappings.taxonomy), asc(termMappings.name));
  return rows.map(({ key, ...row }) => ({ ...row, kind: kindOfKey(key) }));
}

/** The local terms a foreign one may be mapped to: every term not retired, by kind and position. */
export async function localTermChoices(db: Executor) {
  return db
    .select({ id: taxonomyTerms.id, kind: taxonomyTerms.kind, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels })
    .from(taxonomyTerms)
    .where(isNull(taxonomyTerms.retiredAt))
    .orderBy(asc(taxonomyTerms.kind), asc(taxonomyTerms.position), asc(taxonomyTerms.slug));
}
