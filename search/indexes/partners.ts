import { and, eq, gt, inArray, or } from "drizzle-orm";
import { z } from "zod";
import { locations, partners, partnerTranslations, services, serviceTerms, taxonomyTerms } from "#db/schema";
import { translatedAttribute, translatedAttributes, translatedLocales, translationLanguages } from "#search/content-languages";
import { germanQuery, relaxedGermanQuery, searchKeywords, wordForms } from "#search/german";
import { STOP_WORDS, synonymSettings } from "#search/synonyms";
import { pageOfIds } from "./paging";
import { directoryPermission, sortKey } from "./services";
import type { SearchIndexDefinition, Visibility } from "./types";

export type PartnerDocument = {
  id: string;
  slug: string;
  name: string;
  shortName: string | null;
  kind: string;
  description: string;
  keywords: string[];
  /** The other forms of the words of the description, service names, labels and towns (search/german.ts). */
  wordForms: string[];
  towns: string[];
  categories: string[];
  termLabels: string[];
  serviceNames: string[];
  sortName: string;
  visibility: Visibility;
} & { [attribute: `description_${string}`]: string };

/** What a partner hit brings back to the search box. */
export const PartnerHitSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  towns: z.array(z.string()),
});

export const partnersIndex: SearchIndexDefinition<PartnerDocument, typeof PartnerHitSchema> = {
  name: "partners",
  sourceKey: "id",
  // 3: translated descriptions (description_ar …).
  // 4: German and English labels, word forms of the German ones only.
  documentsVersion: 4,
  // The same rule as the services': partners are directory entries too.
  permission: directoryPermission,
  queryText: germanQuery,
  relaxedQueryText: relaxedGermanQuery,
  hit: PartnerHitSchema,
  settings: {
    searchableAttributes: ["name", "shortName", "keywords", "serviceNames", "termLabels", "towns", "description", ...translatedAttributes("description"), "wordForms"],
    localizedAttributes: translatedLocales(["description"]),
    filterableAttributes: ["id", "visibility", "kind", "towns", "categories"],
    // A chosen sort (name, distance) orders all matches; relevance decides only without one.
    rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
    sortableAttributes: ["sortName"],
    synonyms: synonymSettings(),
    stopWords: STOP_WORDS,
    // Nothing asks the engine for facet values by text: not building that structure makes every write cheaper.
    facetSearch: false,
    pagination: { maxTotalHits: 10000 },
  },
  listSourceIds: (db, afterId, limit) => pageOfIds(db, partners, partners.id, afterId, limit),
  listChangedSince: async (db, since) =>
    (
      await db
        .selectDistinct({ id: partners.id })
        .from(partners)
        .leftJoin(services, eq(services.partnerId, partners.id))
        .leftJoin(partnerTranslations, eq(partnerTranslations.partnerId, partners.id))
        .where(or(gt(partners.updatedAt, since), gt(services.updatedAt, since), gt(partnerTranslations.updatedAt, since)))
    ).map((row) => row.id),
  load: async (db, ids) => {
    if (ids.length === 0) return [];
    const rows = await db
      .select()
      .from(partners)
      .where(and(inArray(partners.id, ids), eq(partners.status, "active")));
    if (rows.length === 0) return [];
    const active = rows.map((row) => row.id);
    const [places, offered, terms, translations] = await Promise.all([
      db.select({ partnerId: locations.partnerId, town: locations.town }).from(locations).where(inArray(locations.partnerId, active)),
      db
        .select({ partnerId: services.partnerId, name: services.name, keywords: services.keywords })
        .from(services)
        .where(and(inArray(services.partnerId, active), eq(services.status, "active"))),
      db
        .selectDistinct({ partnerId: services.partnerId, kind: taxonomyTerms.kind, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels })
        .from(services)
        .innerJoin(serviceTerms, eq(serviceTerms.serviceId, services.id))
        .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTerms.termId))
        .where(and(inArray(services.partnerId, active), eq(services.status, "active"))),
      db
        .select({ partnerId: partnerTranslations.partnerId, lang: partnerTranslations.lang, description: partnerTranslations.description })
        .from(partnerTranslations)
        .where(and(inArray(partnerTranslations.partnerId, active), inArray(partnerTranslations.lang, translationLanguages()))),
    ]);
    return rows.map((partner) => {
      const own = terms.filter((term) => term.partnerId === partner.id);
      const serviceNames = offered.filter((service) => service.partnerId === partner.id).map((service) => service.name);
      const towns = [...new Set(places.filter((place) => place.partnerId === partner.id).map((place) => place.town))];
      // The German and English labels: a partner is found by its services' fields in the words people
      // search with; labels in every language made partners outrank the services themselves.
      const termLabels = [...new Set(own.flatMap((term) => [term.labels.de, term.labels.en].filter((label): label is string => Boolean(label))))];
      return {
        id: partner.id,
        slug: partner.slug,
        name: partner.name,
        shortName: partner.shortName,
        kind: partner.kind,
        description: partner.description,
        keywords: searchKeywords([partner.name, partner.shortName ?? ""]),
        // German word forms of German text only (the stems of other languages' labels match German words by chance).
        wordForms: wordForms([partner.description, ...serviceNames, ...own.flatMap((term) => (term.labels.de ? [term.labels.de] : [])), ...towns]),
        towns,
        categories: own.filter((term) => term.kind === "category").map((term) => term.slug),
        termLabels,
        serviceNames,
        sortName: sortKey(partner.name),
        visibility: "public",
        ...Object.fromEntries(translations.filter((row) => row.partnerId === partner.id).map((row) => [translatedAttribute("description", row.lang), row.description])),
      };
    });
  },
};
