import { and, avg, eq, isNotNull, or, sql } from "drizzle-orm";
import { db } from "#db/client";
import { locations, taxonomyTerms, type CostKind } from "#db/schema";
import { getSearchClient, indexUid } from "#search/client";
import { anyOf, equals } from "#search/filters";
import { germanQuery, relaxedGermanQuery } from "#search/german";
import { directoryPermission, ServiceHitSchema, servicesIndex, translatedHitAttributes } from "#search/indexes/services";
import { coordinatesFor } from "#search/places";
import type { SessionUser } from "#app/modules/auth/session.server";
import { recordZeroResultSearch } from "#app/modules/search-vocabulary/vocabulary.server";
import { zeroResultHelp, type ZeroResultHelp } from "#app/modules/search-vocabulary/zero-result-help.server";
import { log } from "#app/utils/log.server";
import { activeServiceIds } from "./directory.server";
import { openNowFilter } from "./open-now.server";
import { directoryTowns, findPlace, type PlaceInQuery } from "./place-query.server";
import { termLabel } from "./term-label";
import { DEFAULT_LANGUAGE } from "#app/utils/i18n";
import { FACET_NAMES, FACET_PREVIEW, hasFilters, MARK_END, MARK_START, PAGE_SIZE, toMarkedText, type DirectoryQuery, type FacetName, type MarkedText } from "./directory-filters";

export type FacetValue = { value: string; label: string; count: number; selected: boolean };
export type DirectoryHit = {
  serviceId: string;
  slug: string;
  /** In the page's language where the service has a translation, else German: `nameLang` says which. */
  name: MarkedText;
  nameLang: string;
  description: MarkedText;
  descriptionLang: string;
  partnerName: string;
  partnerSlug: string;
  town: string | null;
  cost: CostKind;
  distanceKm: number | null;
};
export type DirectoryResult =
  | {
      status: "ok";
      hits: DirectoryHit[];
      total: number;
      /** Whether `total` is exact: the engine's count is an estimate unless every match is on this page. */
      exact: boolean;
      page: number;
      pages: number;
      facets: Record<FacetName, FacetValue[]>;
      /** How many more values a facet has than it shows (none when shown whole). */
      moreFacetValues: Partial<Record<FacetName, number>>;
      origin: { label: string; found: boolean } | null;
      /**
       * A place read from the query: the other words searched in that town only ("narrowed"), or
       * everywhere, nearest first ("ranked").
       */
      place: { label: string; mode: "narrowed" | "ranked" } | null;
      /** The words found nothing as they stand; the results are for their parts (relaxedGermanQuery). */
      loosened: boolean;
      /** For a query that found nothing: a spelling that finds something, the closest terms. */
      help: ZeroResultHelp | null;
    }
  | { status: "unavailable" };

type Point = { lat: number; lng: number };
const PLACE_TTL_MS = 5 * 60_000;
const PLACES_KEPT = 500;
const places = new Map<string, { point: Point | null; expiresAt: number }>();

/**
 * The centre of a town or postal code: from the directory's own locations, else from the shipped
 * German place tables (no outside geocoder). Towns do not move: the answer is kept a few minutes
 * for the next search from the same place.
 */
async function locate(place: string): Promise<Point | null> {
  const key = place.trim().toLowerCase();
  const kept = places.get(key);
  if (kept && kept.expiresAt > Date.now()) return kept.point;
  const point = await centreOf(place);
  if (places.size >= PLACES_KEPT) places.clear();
  places.set(key, { point, expiresAt: Date.now() + PLACE_TTL_MS });
  return point;
}

async function centreOf(place: string): Promise<Point | null> {
  const [row] = await db
    .select({ lat: avg(locations.latitude).mapWith(Number), lng: avg(locations.longitude).mapWith(Number) })
    .from(locations)
    .where(and(isNotNull(locations.latitude), or(sql`lower(${locations.town}) = lower(${place})`, eq(locations.postalCode, place))));
  if (row && Number.isFinite(row.lat) && Number.isFinite(row.lng)) return { lat: row.lat, lng: row.lng };
  return /^\d{5}$/.test(place.trim()) ? coordinatesFor({ postalCode: place }) : coordinatesFor({ town: place });
}

// Coordinators change the taxonomy now and then (/verzeichnis/themen): a copy a few seconds old
// spares busy searches a query, and a new or renamed term shows its label within seconds in every
// app process. Retired terms stay in it: services keep them until they are edited.
const TAXONOMY_TTL_MS = 5_000;
type TermRow = { kind: string; slug: string; labels: Record<string, string> };
let taxonomyCache: { rows: TermRow[]; expiresAt: number } | null = null;

async function taxonomyRows(): Promise<TermRow[]> {
  if (taxonomyCache && taxonomyCache.expiresAt > Date.now()) return taxonomyCache.rows;
  const rows = await db.select({ kind: taxonomyTerms.kind, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels }).from(taxonomyTerms);
  // An empty taxonomy (before the seed) is not kept: the first terms count at once.
  taxonomyCache = rows.length ? { rows, expiresAt: Date.now() + TAXONOMY_TTL_MS } : null;
  return rows;
}

/** Taxonomy labels in the language, by slug: the allow-list for facet values. */
export async function taxonomyLabels(lang: string) {
  const rows = await taxonomyRows();
  const label = (row: TermRow) => termLabel(row.labels, lang, row.slug);
  return {
    category: new Map(rows.filter((row) => row.kind === "category").map((row) => [row.slug, label(row)])),
    targetGroup: new Map(rows.filter((row) => row.kind === "target_group").map((row) => [row.slug, label(row)])),
  };
}

function facetValues(distribution: Record<string, number> | undefined, selected: string[], label: (value: string) => string | undefined): FacetValue[] {
  const values = Object.entries(distribution ?? {}).map(([value, count]) => ({ value, count }));
  // A selected value stays visible even when the other filters leave none of it.
  for (const value of selected) if (!values.some((entry) => entry.value === value)) values.push({ value, count: 0 });
  return values
    .map(({ value, count }) => ({ value, count, label: label(value) ?? value, selected: selected.includes(value) }))
    .filter((facet) => facet.label !== undefined)
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "de"));
}

/**
 * The Meilisearch query for a validated directory query: the permission clause first, then filters
 * built only from values that exist (unknown taxonomy slugs are dropped, never passed on).
 */
export async function directorySearchParams(query: DirectoryQuery, user: SessionUser | null, labels: Awaited<ReturnType<typeof taxonomyLabels>>, pageSize = PAGE_SIZE, lang = DEFAULT_LANGUAGE) {
  const kategorie = query.kategorie.filter((slug) => labels.category.has(slug));
  const zielgruppe = query.zielgruppe.filter((slug) => labels.targetGroup.has(slug));
  const filter: string[] = [directoryPermission({ signedIn: Boolean(user) })];
  if (kategorie.length) filter.push(anyOf("categories", kategorie));
  if (zielgruppe.length) filter.push(anyOf("targetGroups", zielgruppe));
  if (query.sprache.length) filter.push(anyOf("languages", query.sprache));
  if (query.ort.length) filter.push(anyOf("town", query.ort));
  if (query.zugang.length) filter.push(anyOf("accessModes", query.zugang));
  if (query.kostenlos) filter.push(equals("cost", "free"));
  if (query.rollstuhl) filter.push(equals("wheelchairAccessible", "true"));
  if (query.offen) filter.push(await openNowFilter());
  const origin = query.von ? await locate(query.von) : null;
  const sort = query.sortierung === "name" ? ["sortName:asc"] : query.sortierung === "entfernung" && origin ? [`_geoPoint(${origin.lat}, ${origin.lng}):asc`] : undefined;
  // The texts in the page's language come along where a service has them (name_ar, description_ar).
  const [translatedName, translatedDescription] = translatedHitAttributes(lang);
  const translated = [translatedName, translatedDescription].filter((attribute): attribute is string => Boolean(attribute));
  const params = {
    filter,
    sort,
    // offset/limit with an estimated total: page/hitsPerPage makes the engine count every match
    // exactly, which with the distinct attribute costs tens of milliseconds (bench:search).
    offset: (query.seite - 1) * pageSize,
    limit: pageSize,
    facets: ["categories", "targetGroups", "languages", "town", "accessModes", "wheelchairAccessible", "cost"],
    attributesToHighlight: ["name", "description", ...translated],
    attributesToCrop: ["description", ...(translatedDescription ? [translatedDescription] : [])],
    // The export wants whole descriptions; the page a short excerpt.
    cropLength: pageSize > PAGE_SIZE ? 1000 : 28,
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
    attributesToRetrieve: [...Object.keys(ServiceHitSchema.shape), ...translated, "_geo"],
  };
  return { params, kategorie, zielgruppe, originFound: Boolean(origin) };
}

type SearchParams = Awaited<ReturnType<typeof directorySearchParams>>["params"];
type Placed<R> = { response: R; text: string; place: PlaceInQuery | null; mode: "narrowed" | "ranked" | null };

/**
 * The search with a place of the query applied: a town narrows the other words to it when they
 * find something there; otherwise (and for a postal code) the matches are ranked by distance from
 * the place — unless the person chose a sort, or the place has no coordinates. Then, and without a
 * place, the whole query is searched as words.
 */
async function searchWithPlace<R extends { hits: unknown[]; estimatedTotalHits?: number }>(
  query: DirectoryQuery,
  placed: PlaceInQuery | null,
  params: SearchParams,
  search: (text: string, params: SearchParams) => Promise<R>,
): Promise<Placed<R>> {
  if (placed) {
    if (placed.kind === "town") {
      const narrowed = await search(placed.rest, { ...params, filter: [...params.filter, equals("town", placed.place)] });
      if ((narrowed.estimatedTotalHits ?? narrowed.hits.length) > 0) return { response: narrowed, text: placed.rest, place: placed, mode: "narrowed" };
    }
    const point = params.sort ? null : await locate(placed.place);
    if (point) return { response: await search(placed.rest, { ...params, sort: [`_geoPoint(${point.lat}, ${point.lng}):asc`] }), text: placed.rest, place: placed, mode: "ranked" };
  }
  return { response: await search(query.q, params), text: query.q, place: null, mode: null };
}

/**
 * Searches the directory with the validated query, the user's permission clause and facets. A
 * place in the query narrows or ranks (searchWithPlace) unless `literal` asks for the words alone.
 */
export async function searchDirectory(
  query: DirectoryQuery,
  user: SessionUser | null,
  lang: string,
  options: { pageSize?: number; assist?: boolean; literal?: boolean } = {},
): Promise<DirectoryResult> {
  const labels = await taxonomyLabels(lang);
  const pageSize = options.pageSize ?? PAGE_SIZE;
  // The page records and helps with searches that find nothing; exports and other callers do not.
  const assist = options.assist ?? options.pageSize === undefined;
  const { params, kategorie, zielgruppe, originFound } = await directorySearchParams(query, user, labels, pageSize, lang);
  const placed = (options.literal ?? query.woertlich === "1") ? null : findPlace(query.q, await directoryTowns());
  let found;
  let hits: DirectoryHit[];
  let client;
  let loosened = false;
  try {
    client = await getSearchClient();
    const index = client.index(indexUid(servicesIndex.name));
    // Words that find nothing are searched again in their looser form (compound parts, the verb of
    // an -ung noun): "Flüchtlingsberatung" then finds what speaks of Flüchtlinge and Beratung.
    const engine = async (text: string, withPlace: SearchParams) => {
      const stemmed = germanQuery(text);
      const strict = await index.search(stemmed, withPlace);
      const hasHits = (response: typeof strict) => (response.estimatedTotalHits ?? response.hits.length) > 0;
      // Words of a translation in a language written in Latin letters are not German: as typed they
      // may match where the German stem does not (Polish "kursem" is no "kurs").
      if (!hasHits(strict) && stemmed !== text) {
        const typed = await index.search(text, withPlace);
        if (hasHits(typed)) return typed;
      }
      const relaxed = !hasHits(strict) ? relaxedGermanQuery(text) : null;
      if (!relaxed) return strict;
      const loose = await index.search(relaxed, withPlace);
      if (!hasHits(loose)) return strict;
      loosened = true;
      return loose;
    };
    found = await searchWithPlace(query, placed, params, engine);
    hits = found.response.hits.map((document) => toHit(document, lang));
  } catch (error) {
    log.warn({ component: "search", error: (error as Error).message }, "directory search unavailable");
    return { status: "unavailable" };
  }
  const { response } = found;
  const distribution = response.facetDistribution ?? {};
  const visible = await activeServiceIds(hits.map((hit) => hit.serviceId));
  const languageNames = new Intl.DisplayNames([lang], { type: "language" });
  const facets: Record<FacetName, FacetValue[]> = {
    kategorie: facetValues(distribution.categories, kategorie, (value) => labels.category.get(value)),
    zielgruppe: facetValues(distribution.targetGroups, zielgruppe, (value) => labels.targetGroup.get(value)),
    sprache: facetValues(distribution.languages, query.sprache, (value) => languageNames.of(value)),
    ort: facetValues(distribution.town, query.ort, (value) => value),
    zugang: facetValues(distribution.accessModes, query.zugang, (value) => value),
    rollstuhl: facetValues(distribution.wheelchairAccessible, query.rollstuhl ? ["true"] : [], (value) => value).filter((facet) => facet.value === "true"),
    kostenlos: facetValues(distribution.cost, query.kostenlos ? ["free"] : [], (value) => (value === "free" ? value : undefined)).filter((facet) => facet.value === "free"),
  };
  // A long facet shows its most frequent values (and every selected one) until asked for all: the
  // page stays short and quick to render.
  const moreFacetValues: Partial<Record<FacetName, number>> = {};
  for (const name of FACET_NAMES) {
    if (query.mehr.includes(name) || facets[name].length <= FACET_PREVIEW) continue;
    const shown = facets[name].filter((facet, position) => position < FACET_PREVIEW || facet.selected);
    if (shown.length === facets[name].length) continue;
    moreFacetValues[name] = facets[name].length - shown.length;
    facets[name] = shown;
  }
  // offset/limit keeps the page fast (see directorySearchParams), so the engine's total is an
  // estimate; it is exact only when the first page holds every match.
  const exact = query.seite === 1 && response.hits.length < pageSize;
  const total = exact ? response.hits.length : (response.estimatedTotalHits ?? 0);
  let help: ZeroResultHelp | null = null;
  if (assist && total === 0 && found.text.trim()) {
    const search = client;
    help = await assistZeroResults(query, found.text, lang, (spelled) =>
      search
        .index(indexUid(servicesIndex.name))
        .search(germanQuery(spelled), { filter: params.filter, limit: 1, attributesToRetrieve: ["serviceId"] })
        .then((spelledFound) => spelledFound.hits.length > 0),
    );
    // The suggestion keeps the place as it was typed: "Kita in Lindach" for "Kitta in Lindach".
    const typed = found.place?.typed;
    if (help?.suggestion && typed) help = { ...help, suggestion: `${typed.before}${help.suggestion}${typed.after}` };
  }
  return {
    status: "ok",
    hits: hits.filter((hit) => visible.has(hit.serviceId)),
    total,
    exact,
    page: query.seite,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    help,
    origin: query.von ? { label: query.von, found: originFound } : null,
    place: found.place && found.mode ? { label: found.place.place, mode: found.mode } : null,
    loosened,
    facets,
    moreFacetValues,
  };
}

/**
 * A search that found nothing: counted for the coordinators' report (only when no filter was set —
 * with filters, the filters may be why — and the text alone, nothing about the person), and help
 * for the words searched (the query without a place read from it). Neither may fail the page.
 */
async function assistZeroResults(query: DirectoryQuery, text: string, lang: string, finds: (spelled: string) => Promise<boolean>): Promise<ZeroResultHelp | null> {
  if (!hasFilters(query)) await recordZeroResultSearch(db, query.q).catch((error: Error) => log.warn({ component: "search", error: error.message }, "zero-result count failed"));
  return zeroResultHelp(db, text, lang, finds).catch((error: Error) => {
    log.warn({ component: "search", error: error.message }, "zero-result help failed");
    return null;
  });
}

/**
 * A hit as the page shows it: checked against the index's hit schema, matches marked, name and
 * description in the page's language where the service has them.
 */
function toHit(document: Record<string, unknown>, lang: string): DirectoryHit {
  const hit = ServiceHitSchema.parse(document);
  const formatted = (document._formatted ?? {}) as Record<string, unknown>;
  const geoDistance = document._geoDistance;
  const [translatedName, translatedDescription] = translatedHitAttributes(lang);
  const text = (field: "name" | "description", translated: string | undefined) => {
    const own = translated ? document[translated] : undefined;
    const [attribute, language] = typeof own === "string" && own ? [translated!, lang] : [field, DEFAULT_LANGUAGE];
    const shown = formatted[attribute] ?? document[attribute];
    return { text: toMarkedText(typeof shown === "string" ? shown : hit[field]), lang: language };
  };
  const name = text("name", translatedName);
  const description = text("description", translatedDescription);
  return {
    serviceId: hit.serviceId,
    slug: hit.slug,
    name: name.text,
    nameLang: name.lang,
    description: description.text,
    descriptionLang: description.lang,
    partnerName: hit.partnerName,
    partnerSlug: hit.partnerSlug,
    town: hit.town,
    cost: hit.cost,
    distanceKm: typeof geoDistance === "number" ? Math.round(geoDistance / 100) / 10 : null,
  };
}
