import { and, eq, gt, inArray, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "#db/client";
import { groupBy } from "#db/collections";
import { locations, openingHours, partners, serviceLocations, services, serviceTerms, serviceTranslations, taxonomyTerms } from "#db/schema";
import { costKinds } from "#db/schema/directory-enums";
import { translatedAttribute, translatedAttributes, translatedLocales, translationLanguages } from "#search/content-languages";
import { anyOf, equals } from "#search/filters";
import { germanQuery, relaxedGermanQuery, searchKeywords, wordForms } from "#search/german";
import { fullOpenHours } from "#search/open-hours";
import { STOP_WORDS, synonymSettings } from "#search/synonyms";
import { pageOfIds } from "./paging";
import type { SearchAccess, SearchIndexDefinition, Visibility } from "./types";

/** One document per service and location (HSDS service_at_location), so distance sort works per place. */
export type ServiceDocument = {
  id: string;
  serviceId: string;
  slug: string;
  name: string;
  partnerId: string;
  partnerName: string;
  partnerSlug: string;
  description: string;
  keywords: string[];
  /** The other forms of the words of the description, labels and town (search/german.ts). */
  wordForms: string[];
  categories: string[];
  targetGroups: string[];
  termLabels: string[];
  languages: string[];
  cost: (typeof costKinds)[number];
  accessModes: string[];
  town: string | null;
  locationId: string | null;
  wheelchairAccessible: boolean;
  /** Hours of the week the location is open throughout (search/open-hours.ts). */
  openHours: number[];
  _geo?: { lat: number; lng: number };
  sortName: string;
  visibility: Visibility;
} & TranslatedTexts;

/** The fields of a service a partner may translate that search and the hits know: `name_ar`, `description_uk` … */
export const TRANSLATED_SERVICE_FIELDS = ["name", "description"] as const;
type TranslatedTexts = { [attribute: `${(typeof TRANSLATED_SERVICE_FIELDS)[number]}_${string}`]: string };

/**
 * SQL, for a query joining services and their partners: the service is listed — it and its partner
 * are active. What the directory shows, and all the index holds.
 */
export const listedService: SQL = and(eq(services.status, "active"), eq(partners.status, "active"))!;

/** A sort key that puts umlauts where German readers expect them (Meilisearch sorts by bytes). */
export function sortKey(text: string): string {
  return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/ß/g, "ss");
}

/**
 * The permission clause of the directory's indexes (services, partners): "public" entries for
 * everyone, "members" entries for signed-in people too.
 */
export function directoryPermission({ signedIn }: Pick<SearchAccess, "signedIn">): string {
  return signedIn ? anyOf("visibility", ["public", "members"]) : equals("visibility", "public");
}

/** What a service hit brings back to the directory and the search box. */
export const ServiceHitSchema = z.object({
  serviceId: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  partnerName: z.string(),
  partnerSlug: z.string(),
  town: z.string().nullable(),
  cost: z.enum(costKinds),
});

export const servicesIndex: SearchIndexDefinition<ServiceDocument, typeof ServiceHitSchema> = {
  name: "services",
  sourceKey: "serviceId",
  // 3: translated names and descriptions (name_ar, description_ar …).
  // 4: word forms of the German labels only.
  documentsVersion: 4,
  settings: {
    // A translated name weighs as the name, a translated description as the description.
    searchableAttributes: ["name", ...translatedAttributes("name"), "keywords", "partnerName", "termLabels", "town", "description", ...translatedAttributes("description"), "wordForms"],
    localizedAttributes: translatedLocales(TRANSLATED_SERVICE_FIELDS),
    filterableAttributes: [
      "id",
      "serviceId",
      "partnerId",
      "locationId",
      "visibility",
      "categories",
      "targetGroups",
      "languages",
      "town",
      "cost",
      "accessModes",
      "wheelchairAccessible",
      "openHours",
      "_geo",
    ],
    // A chosen sort (name, distance) orders all matches; relevance decides only without one.
    rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
    sortableAttributes: ["sortName", "_geo"],
    distinctAttribute: "serviceId",
    displayedAttributes: ["*"],
    synonyms: synonymSettings(),
    stopWords: STOP_WORDS,
    // Nothing asks the engine for facet values by text: not building that structure makes every write cheaper.
    facetSearch: false,
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { "*": "count" } },
    pagination: { maxTotalHits: 10000 },
  },
  permission: directoryPermission,
  queryText: germanQuery,
  relaxedQueryText: relaxedGermanQuery,
  hit: ServiceHitSchema,
  load: loadServiceDocuments,
  listChangedSince: async (db, since) =>
    (
      await db
        .selectDistinct({ id: services.id })
        .from(services)
        .innerJoin(partners, eq(partners.id, services.partnerId))
        .leftJoin(serviceLocations, eq(serviceLocations.serviceId, services.id))
        .leftJoin(locations, eq(locations.id, serviceLocations.locationId))
        .leftJoin(serviceTranslations, eq(serviceTranslations.serviceId, services.id))
        .where(or(gt(services.updatedAt, since), gt(partners.updatedAt, since), gt(locations.updatedAt, since), gt(serviceTranslations.updatedAt, since)))
    ).map((row) => row.id),
  listSourceIds: (db, afterId, limit) => pageOfIds(db, services, services.id, afterId, limit),
};

/** A service's translations as document attributes; a field left untranslated is left out. */
function translatedTexts(rows: { lang: string; name: string | null; description: string | null }[]): TranslatedTexts {
  const texts: TranslatedTexts = {};
  for (const row of rows) {
    for (const field of TRANSLATED_SERVICE_FIELDS) {
      const text = row[field];
      if (text) texts[`${field}_${row.lang}`] = text;
    }
  }
  return texts;
}

/** The attributes of a hit's texts in a language (none for German, the fields themselves): to retrieve and highlight. */
export function translatedHitAttributes(lang: string): string[] {
  return translationLanguages().includes(lang) ? TRANSLATED_SERVICE_FIELDS.map((field) => translatedAttribute(field, lang)) : [];
}

async function loadServiceDocuments(db: Database, serviceIds: string[]): Promise<ServiceDocument[]> {
  if (serviceIds.length === 0) return [];
  // Ended services and those of archived partners leave the index.
  const rows = await db
    .select({ service: services, partner: { id: partners.id, name: partners.name, shortName: partners.shortName, slug: partners.slug } })
    .from(services)
    .innerJoin(partners, eq(partners.id, services.partnerId))
    .where(and(inArray(services.id, serviceIds), listedService));
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.service.id);
  const [terms, places, translations] = await Promise.all([
    db
      .select({ serviceId: serviceTerms.serviceId, kind: taxonomyTerms.kind, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels, keywords: taxonomyTerms.keywords })
      .from(serviceTerms)
      .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTerms.termId))
      .where(inArray(serviceTerms.serviceId, ids)),
    db
      .select({ serviceId: serviceLocations.serviceId, location: locations })
      .from(serviceLocations)
      .innerJoin(locations, eq(locations.id, serviceLocations.locationId))
      .where(inArray(serviceLocations.serviceId, ids)),
    db
      .select({ serviceId: serviceTranslations.serviceId, lang: serviceTranslations.lang, name: serviceTranslations.name, description: serviceTranslations.description })
      .from(serviceTranslations)
      .where(and(inArray(serviceTranslations.serviceId, ids), inArray(serviceTranslations.lang, translationLanguages()))),
  ]);
  const locationIds = [...new Set(places.map((place) => place.location.id))];
  const hours = locationIds.length
    ? await db
        .select({ locationId: openingHours.locationId, weekday: openingHours.weekday, opens: openingHours.opens, closes: openingHours.closes })
        .from(openingHours)
        .where(inArray(openingHours.locationId, locationIds))
    : [];
  const hoursOf = groupBy(hours, (row) => row.locationId);
  const termsOf = groupBy(terms, (term) => term.serviceId);
  const placesOf = groupBy(places, (place) => place.serviceId);
  const translationsOf = groupBy(translations, (translation) => translation.serviceId);
  const openHoursOf = new Map(locationIds.map((id) => [id, fullOpenHours(hoursOf.get(id) ?? [])]));
  return rows.flatMap(({ service, partner }): ServiceDocument[] => {
    const own = termsOf.get(service.id) ?? [];
    const termLabels = own.flatMap((term) => Object.values(term.labels));
    // German word forms of German text only: stems of the other languages' labels would match German words by chance.
    const germanLabels = own.flatMap((term) => (term.labels.de ? [term.labels.de] : []));
    const wordFormsOf = (town: string | null) => wordForms([service.description, ...germanLabels, ...(town ? [town] : [])]);
    const base = {
      serviceId: service.id,
      slug: service.slug,
      name: service.name,
      partnerId: partner.id,
      partnerName: partner.shortName ? `${partner.name} (${partner.shortName})` : partner.name,
      partnerSlug: partner.slug,
      description: service.description,
      // The service's own keywords and those coordinators keep for its categories and target groups.
      keywords: searchKeywords([service.name, partner.name], [...new Set([...service.keywords, ...own.flatMap((term) => term.keywords)])]),
      categories: own.filter((term) => term.kind === "category").map((term) => term.slug),
      targetGroups: own.filter((term) => term.kind === "target_group").map((term) => term.slug),
      termLabels,
      languages: service.languages,
      cost: service.cost,
      accessModes: service.accessModes,
      sortName: sortKey(service.name),
      visibility: "public" as const,
      ...translatedTexts(translationsOf.get(service.id) ?? []),
    } satisfies Partial<ServiceDocument>;
    const at = (placesOf.get(service.id) ?? []).map((place) => place.location);
    if (at.length === 0) return [{ ...base, id: service.id, town: null, wordForms: wordFormsOf(null), locationId: null, wheelchairAccessible: false, openHours: [] }];
    return at.map((location) => ({
      ...base,
      id: `${service.id}_${location.id}`,
      town: location.town,
      wordForms: wordFormsOf(location.town),
      locationId: location.id,
      wheelchairAccessible: location.wheelchairAccessible,
      openHours: openHoursOf.get(location.id) ?? [],
      ...(location.latitude !== null && location.longitude !== null ? { _geo: { lat: location.latitude, lng: location.longitude } } : {}),
    }));
  });
}
