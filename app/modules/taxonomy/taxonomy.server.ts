import { and, asc, eq, sql } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { serviceTerms, taxonomyTerms, termMappings, topics, userTopics, type TaxonomyKind } from "#db/schema";
import { PEOPLE_INDEX } from "#search/indexes/people";
import { TOPICS_INDEX } from "#search/indexes/topics";
import { enqueueSearchSyncForQuery } from "#search/sync";
import type { Refusal } from "#app/utils/http";
import { slugify } from "#app/utils/slug";

export type TermListRow = {
  id: string;
  kind: TaxonomyKind;
  slug: string;
  labels: Record<string, string>;
  position: number;
  retiredAt: Date | null;
  services: number;
};

/** Every term of both kinds, in their order, with how many services carry each. */
export async function listTerms(executor: Executor = db): Promise<TermListRow[]> {
  return executor
    .select({
      id: taxonomyTerms.id,
      kind: taxonomyTerms.kind,
      slug: taxonomyTerms.slug,
      labels: taxonomyTerms.labels,
      position: taxonomyTerms.position,
      retiredAt: taxonomyTerms.retiredAt,
      services: sql<number>`(select count(*)::int from ${serviceTerms} where ${serviceTerms.termId} = ${taxonomyTerms.id})`,
    })
    .from(taxonomyTerms)
    .orderBy(asc(taxonomyTerms.kind), asc(taxonomyTerms.position), asc(taxonomyTerms.slug));
}

/** One term, for its edit page. */
export async function getTerm(id: string) {
  const [term] = await db.select({ id: taxonomyTerms.id, kind: taxonomyTerms.kind, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels }).from(taxonomyTerms).where(eq(taxonomyTerms.id, id));
  return term ?? null;
}

/**
 * Records, in the caller's transaction, that everything showing the term must be re-indexed: its
 * services, the partners offering them (their documents carry the labels) and the people who name
 * it as a topic. Open Mic topics carry only the slug and are re-indexed where it changes (merge).
 */
async function enqueueTermSync(tx: Executor, termId: string): Promise<void> {
  await enqueueSearchSyncForQuery(tx, "services", sql`select service_id::text as id from service_terms where term_id = ${termId}`);
  await enqueueSearchSyncForQuery(tx, "partners", sql`select distinct s.partner_id::text as id from service_terms st join services s on s.id = st.service_id where st.term_id = ${termId}`);
  await enqueueSearchSyncForQuery(tx, PEOPLE_INDEX, sql`select user_id::text as id from user_topics where term_id = ${termId}`);
}

export type AddTermRefusal = Refusal<"slugTaken">;

/**
 * Adds a term at the end of its kind. Its slug is made from the German label and never changes
 * afterwards; a slug the kind already has is refused (two terms must not read the same).
 */
export async function addTerm(input: { kind: TaxonomyKind; labels: Record<string, string> }): Promise<{ ok: true; id: string; slug: string } | AddTermRefusal> {
  const slug = slugify(input.labels.de ?? "");
  return db.transaction(async (tx) => {
    // NOTE: serialises additions, so two at once cannot both take the last position or the same slug.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('taxonomy_terms'))`);
    const [taken] = await tx
      .select({ id: taxonomyTerms.id })
      .from(taxonomyTerms)
      .where(and(eq(taxonomyTerms.kind, input.kind), eq(taxonomyTerms.slug, slug)));
    if (taken) return { ok: false, error: "slugTaken" } as const;
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${taxonomyTerms.position}), -1)::int` })
      .from(taxonomyTerms)
      .where(eq(taxonomyTerms.kind, input.kind));
    const [row] = await tx
      .insert(taxonomyTerms)
      .values({ kind: input.kind, slug, labels: input.labels, position: (last?.position ?? -1) + 1 })
      .returning({ id: taxonomyTerms.id });
    return { ok: true, id: row!.id, slug } as const;
  });
}

/** New labels for a term (the slug stays, so links and saved filters keep working); its services, partners and people are re-indexed. */
export async function renameTerm(id: string, labels: Record<string, string>): Promise<{ ok: true } | Refusal<"notFound">> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(taxonomyTerms).set({ labels }).where(eq(taxonomyTerms.id, id)).returning({ id: taxonomyTerms.id });
    if (!row) return { ok: false, error: "notFound" } as const;
    await enqueueTermSync(tx, id);
    return { ok: true } as const;
  });
}

/**
 * Moves a term one place up or down within its kind. Positions are renumbered 0, 1, 2 … in the
 * order shown, so gaps or ties left by seeds and imports never make a move do nothing.
 */
export async function moveTerm(id: string, direction: "up" | "down"): Promise<{ ok: true } | Refusal<"notFound">> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('taxonomy_terms'))`);
    const [term] = await tx.select({ kind: taxonomyTerms.kind }).from(taxonomyTerms).where(eq(taxonomyTerms.id, id));
    if (!term) return { ok: false, error: "notFound" } as const;
    const order = (await tx.select({ id: taxonomyTerms.id }).from(taxonomyTerms).where(eq(taxonomyTerms.kind, term.kind)).orderBy(asc(taxonomyTerms.position), asc(taxonomyTerms.slug))).map(
      (row) => row.id,
    );
    const from = order.indexOf(id);
    const to = direction === "up" ? from - 1 : from + 1;
    if (to >= 0 && to < order.length) [order[from], order[to]] = [order[to]!, order[from]!];
    for (const [position, termId] of order.entries()) await tx.update(taxonomyTerms).set({ position }).where(eq(taxonomyTerms.id, termId));
    // The order of terms is the order services list them in.
    await enqueueSearchSyncForQuery(tx, "services", sql`select distinct service_id::text as id from service_terms where term_id = ${id} or term_id = ${order[from]!}`);
    return { ok: true } as const;
  });
}

/**
 * Retires a term (offered nowhere from now on; services keep it until they are edited) or brings it
 * back. Its services are re-indexed, so a change to what the index shows of retired terms follows.
 */
export async function setTermRetired(id: string, retired: boolean): Promise<{ ok: true } | Refusal<"notFound">> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(taxonomyTerms)
      .set({ retiredAt: retired ? sql`coalesce(${taxonomyTerms.retiredAt}, now())` : null })
      .where(eq(taxonomyTerms.id, id))
      .returning({ id: taxonomyTerms.id });
    if (!row) return { ok: false, error: "notFound" } as const;
    await enqueueTermSync(tx, id);
    return { ok: true } as const;
  });
}

export type MergeRefusal = Refusal<"notFound" | "same" | "otherKind">;

/**
 * Merges term A into term B of the same kind, in one transaction: A's services and people get B
 * (none twice), import mappings and Open Mic topics that named A name B, then A is deleted.
 * Everything that showed A or B is re-indexed.
 */
export async function mergeTerms(sourceId: string, targetId: string): Promise<{ ok: true; moved: { services: number; people: number } } | MergeRefusal> {
  if (sourceId === targetId) return { ok: false, error: "same" };
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('taxonomy_terms'))`);
    const found = await tx
      .select({ id: taxonomyTerms.id, kind: taxonomyTerms.kind })
      .from(taxonomyTerms)
      .where(sql`${taxonomyTerms.id} in (${sourceId}, ${targetId})`)
      .for("update");
    const source = found.find((row) => row.id === sourceId);
    const target = found.find((row) => row.id === targetId);
    if (!source || !target) return { ok: false, error: "notFound" } as const;
    if (source.kind !== target.kind) return { ok: false, error: "otherKind" } as const;

    // Recorded before the rows move, while they still name A; the jobs read the state after commit.
    await enqueueTermSync(tx, sourceId);
    await enqueueSearchSyncForQuery(tx, TOPICS_INDEX, sql`select id::text as id from topics where category_id = ${sourceId}`);

    const movedServices = await tx.execute(
      sql`insert into service_terms (service_id, term_id) select service_id, ${targetId}::uuid from service_terms where term_id = ${sourceId} on conflict do nothing`,
    );
    const movedPeople = await tx.execute(sql`insert into user_topics (user_id, term_id) select user_id, ${targetId}::uuid from user_topics where term_id = ${sourceId} on conflict do nothing`);
    await tx.update(termMappings).set({ termId: targetId }).where(eq(termMappings.termId, sourceId));
    await tx.update(topics).set({ categoryId: targetId }).where(eq(topics.categoryId, sourceId));
    // Deleting A removes its own service_terms and user_topics rows (on delete cascade).
    await tx.delete(serviceTerms).where(eq(serviceTerms.termId, sourceId));
    await tx.delete(userTopics).where(eq(userTopics.termId, sourceId));
    await tx.delete(taxonomyTerms).where(eq(taxonomyTerms.id, sourceId));
    return { ok: true, moved: { services: movedServices.count, people: movedPeople.count } } as const;
  });
}
