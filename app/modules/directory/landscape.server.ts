import { and, eq, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import { db } from "#db/client";
import { groupBy } from "#db/collections";
import { locations, partners, serviceLocations, services, serviceTerms, taxonomyTerms } from "#db/schema";
import { compoundParts, words } from "#search/german";
import { listedService } from "#search/indexes/services";
import { termLabel } from "./term-label";

export const STALE_AFTER_MONTHS = 12;

type Cell = { category: string; town: string; count: number };
export type DuplicateGroup = { town: string; category: string; services: { slug: string; name: string; partnerName: string }[] };

/** A query over services, joined to their categories and places, kept to active services of active partners. */
function inActiveCategoryPlaces<T extends PgSelect>(query: T) {
  return query
    .innerJoin(partners, eq(partners.id, services.partnerId))
    .innerJoin(serviceTerms, eq(serviceTerms.serviceId, services.id))
    .innerJoin(taxonomyTerms, and(eq(taxonomyTerms.id, serviceTerms.termId), eq(taxonomyTerms.kind, "category")))
    .innerJoin(serviceLocations, eq(serviceLocations.serviceId, services.id))
    .innerJoin(locations, eq(locations.id, serviceLocations.locationId))
    .where(listedService);
}

/** Active services per category and town: the "Angebotslandschaft" with its gaps (zero cells). */
export async function getLandscape(lang: string) {
  const [categories, towns, cells] = await Promise.all([
    db.select({ slug: taxonomyTerms.slug, labels: taxonomyTerms.labels }).from(taxonomyTerms).where(eq(taxonomyTerms.kind, "category")).orderBy(taxonomyTerms.position),
    db.selectDistinct({ town: locations.town }).from(locations).orderBy(locations.town),
    inActiveCategoryPlaces(
      db
        .select({ category: taxonomyTerms.slug, town: locations.town, count: sql<number>`count(distinct ${services.id})::int` })
        .from(services)
        .$dynamic(),
    ).groupBy(taxonomyTerms.slug, locations.town),
  ]);
  const counts = new Map((cells as Cell[]).map((cell) => [`${cell.category}|${cell.town}`, cell.count]));
  const count = (category: string, town: string) => counts.get(`${category}|${town}`) ?? 0;
  return {
    towns: towns.map((row) => row.town),
    rows: categories.map((category) => ({
      slug: category.slug,
      label: termLabel(category.labels, lang, category.slug),
      counts: towns.map((row) => count(category.slug, row.town)),
    })),
  };
}

/** The words of a name that say what it is: lower case, with the parts of compounds. */
function signature(name: string): Set<string> {
  const result = new Set<string>();
  for (const word of words(name.toLowerCase())) {
    result.add(word);
    for (const part of compoundParts(word)) result.add(part);
  }
  return result;
}

function similarity(a: Set<string>, b: Set<string>): number {
  const shared = [...a].filter((word) => b.has(word)).length;
  return shared / (a.size + b.size - shared || 1);
}

const SIMILAR = 0.5;

/**
 * Likely duplicates ("Doppelstrukturen"): active services of different partners in one town and
 * one category whose names share most of their words (compound parts included).
 */
export async function getLikelyDuplicates(): Promise<DuplicateGroup[]> {
  const rows = await inActiveCategoryPlaces(
    db
      .selectDistinct({ slug: services.slug, name: services.name, partnerId: services.partnerId, partnerName: partners.name, town: locations.town, category: taxonomyTerms.slug })
      .from(services)
      .$dynamic(),
  );
  const buckets = groupBy(rows, (row) => `${row.town}|${row.category}`);
  const groups: DuplicateGroup[] = [];
  const seen = new Set<string>();
  for (const bucket of buckets.values()) {
    for (const [index, first] of bucket.entries()) {
      const similar = bucket.slice(index + 1).filter((other) => other.partnerId !== first.partnerId && similarity(signature(first.name), signature(other.name)) >= SIMILAR);
      if (similar.length === 0) continue;
      const members = [first, ...similar];
      const key = members
        .map((member) => member.slug)
        .sort()
        .join("|");
      if (seen.has(key)) continue;
      seen.add(key);
      groups.push({ town: first.town, category: first.category, services: members.map(({ slug, name, partnerName }) => ({ slug, name, partnerName })) });
    }
  }
  return groups.sort((a, b) => a.town.localeCompare(b.town, "de") || a.category.localeCompare(b.category));
}

/** The one rule for "not checked": never, or not within STALE_AFTER_MONTHS (the overview, the reminders). */
export function uncheckedSince(column: typeof partners.lastVerifiedAt | typeof services.lastVerifiedAt): SQL {
  return or(isNull(column), lt(column, sql`now() - make_interval(months => ${STALE_AFTER_MONTHS})`))!;
}

/** Services and partners whose data nobody has checked for twelve months (or ever). */
export async function getStaleEntries() {
  const [staleServices, stalePartners] = await Promise.all([
    db
      .select({ slug: services.slug, name: services.name, partnerName: partners.name, lastVerifiedAt: services.lastVerifiedAt })
      .from(services)
      .innerJoin(partners, eq(partners.id, services.partnerId))
      .where(and(listedService, uncheckedSince(services.lastVerifiedAt)))
      .orderBy(services.lastVerifiedAt),
    db
      .select({ slug: partners.slug, name: partners.name, lastVerifiedAt: partners.lastVerifiedAt })
      .from(partners)
      .where(and(eq(partners.status, "active"), uncheckedSince(partners.lastVerifiedAt)))
      .orderBy(partners.lastVerifiedAt),
  ]);
  return { services: staleServices, partners: stalePartners };
}

/** True when an entry's data is older than the review interval (shown as a note on its page). */
export function isStale(lastVerifiedAt: Date | string | null): boolean {
  if (!lastVerifiedAt) return true;
  const limit = new Date();
  limit.setMonth(limit.getMonth() - STALE_AFTER_MONTHS);
  return new Date(lastVerifiedAt) < limit;
}

type Labels = { category: string; duplicates: string; town: string; service: string; partner: string; link: string };

/**
 * The landscape as spreadsheet rows: a header with the towns and one row per category, then, after
 * an empty row, the likely duplicates with links.
 */
export function landscapeRows(landscape: Awaited<ReturnType<typeof getLandscape>>, duplicates: DuplicateGroup[], labels: Labels, origin: string): (string | number)[][] {
  const categoryLabel = (slug: string) => landscape.rows.find((row) => row.slug === slug)?.label ?? slug;
  return [
    [labels.category, ...landscape.towns],
    ...landscape.rows.map((row) => [row.label, ...row.counts]),
    [],
    [labels.duplicates],
    [labels.town, labels.category, labels.service, labels.partner, labels.link],
    ...duplicates.flatMap((group) => group.services.map((service) => [group.town, categoryLabel(group.category), service.name, service.partnerName, `${origin}/verzeichnis/angebote/${service.slug}`])),
  ];
}
