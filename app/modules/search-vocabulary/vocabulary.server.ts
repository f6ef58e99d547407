import { asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Database, Executor } from "#db/client";
import { searchSynonyms, serviceTerms, taxonomyTerms, zeroResultSearches } from "#db/schema";
import { enqueueSearchSyncForQuery } from "#search/sync";
import { enqueueSynonymSettings } from "#search/synonym-sync";
import { termLabel } from "#app/modules/directory/term-label";
import { daysBefore, RETENTION } from "#app/modules/privacy/retention-periods";
import { normaliseQuery } from "./vocabulary-schema";

export type SynonymGroup = { id: string; words: string[]; updatedAt: string };

/** The coordinators' synonym groups, oldest first (the shipped ones are in search/data/synonyms.json). */
export async function listSynonymGroups(db: Executor): Promise<SynonymGroup[]> {
  const rows = await db.select().from(searchSynonyms).orderBy(asc(searchSynonyms.createdAt), asc(searchSynonyms.id));
  return rows.map((row) => ({ id: row.id, words: row.words, updatedAt: row.updatedAt.toISOString() }));
}

/** Adds a group; the indexes learn it through the job queue right after the commit. */
export async function createSynonymGroup(db: Database, words: string[], userId: string): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(searchSynonyms).values({ words, createdBy: userId }).returning({ id: searchSynonyms.id });
    await enqueueSynonymSettings(tx);
    return row!.id;
  });
}

/** Replaces a group's words; false when the group is gone. */
export async function updateSynonymGroup(db: Database, id: string, words: string[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.update(searchSynonyms).set({ words, updatedAt: new Date() }).where(eq(searchSynonyms.id, id)).returning({ id: searchSynonyms.id });
    if (rows.length === 0) return false;
    await enqueueSynonymSettings(tx);
    return true;
  });
}

/** Deletes a group; false when it was gone already. */
export async function deleteSynonymGroup(db: Database, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.delete(searchSynonyms).where(eq(searchSynonyms.id, id)).returning({ id: searchSynonyms.id });
    if (rows.length === 0) return false;
    await enqueueSynonymSettings(tx);
    return true;
  });
}

export type TermKeywords = { id: string; kind: "category" | "target_group"; label: string; keywords: string[]; retired: boolean };

/** Every category and target group with its extra search words, in the taxonomy's order. */
export async function listTermKeywords(db: Executor, lang: string): Promise<TermKeywords[]> {
  const rows = await db
    .select({ id: taxonomyTerms.id, kind: taxonomyTerms.kind, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels, keywords: taxonomyTerms.keywords, retiredAt: taxonomyTerms.retiredAt })
    .from(taxonomyTerms)
    .orderBy(asc(taxonomyTerms.kind), asc(taxonomyTerms.position), asc(taxonomyTerms.slug));
  return rows.map((row) => ({ id: row.id, kind: row.kind, label: termLabel(row.labels, lang, row.slug), keywords: row.keywords, retired: row.retiredAt !== null }));
}

/**
 * Sets a term's extra search words. Every service of the term gets them in its search document: the
 * services' sync is enqueued in the same transaction. False when the term is gone.
 */
export async function setTermKeywords(db: Database, termId: string, keywords: string[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.update(taxonomyTerms).set({ keywords }).where(eq(taxonomyTerms.id, termId)).returning({ id: taxonomyTerms.id });
    if (rows.length === 0) return false;
    await enqueueSearchSyncForQuery(tx, "services", sql`select ${serviceTerms.serviceId}::text as id from ${serviceTerms} where ${serviceTerms.termId} = ${termId}`);
    return true;
  });
}

/** The calendar day of a moment in the network's time zone (the report counts per day). */
function dayOf(now: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" }).format(now);
}

/**
 * Counts a search that found nothing: the normalised query and the day, nothing about who searched
 * or which filters were set.
 */
export async function recordZeroResultSearch(db: Executor, query: string, now = new Date()): Promise<void> {
  const normalised = normaliseQuery(query);
  if (!normalised) return;
  await db
    .insert(zeroResultSearches)
    .values({ query: normalised, day: dayOf(now), count: 1 })
    .onConflictDoUpdate({ target: [zeroResultSearches.query, zeroResultSearches.day], set: { count: sql`${zeroResultSearches.count} + 1` } });
}

export type ZeroResultRow = { query: string; count: number; lastDay: string };

/** The queries of the kept period that found nothing, most frequent first. */
export async function zeroResultReport(db: Executor, now = new Date(), limit = 200): Promise<ZeroResultRow[]> {
  const since = dayOf(daysBefore(now, RETENTION.zeroResultSearchDays));
  const total = sql<number>`sum(${zeroResultSearches.count})::int`;
  return db
    .select({ query: zeroResultSearches.query, count: total, lastDay: sql<string>`max(${zeroResultSearches.day})::text` })
    .from(zeroResultSearches)
    .where(gte(zeroResultSearches.day, since))
    .groupBy(zeroResultSearches.query)
    .orderBy(desc(total), asc(zeroResultSearches.query))
    .limit(limit);
}

/** Deletes the days older than the period (the daily retention job). */
export async function pruneZeroResultSearches(db: Executor, now = new Date()): Promise<number> {
  const cutoff = dayOf(daysBefore(now, RETENTION.zeroResultSearchDays));
  const rows = await db.delete(zeroResultSearches).where(lt(zeroResultSearches.day, cutoff)).returning({ query: zeroResultSearches.query });
  return rows.length;
}
