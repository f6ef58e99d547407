import { and, asc, eq, gt, inArray, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { groupBy } from "#db/collections";
import type { Executor } from "#db/client";
import { partners, taxonomyTerms, userOrganizations, users, userTopics, type ContactVisibility } from "#db/schema";
import { equals } from "#search/filters";
import { searchKeywords } from "#search/german";
import { STOP_WORDS, synonymSettings } from "#search/synonyms";
import { sortKey } from "./services";
import type { SearchAccess, SearchIndexDefinition, Visibility } from "./types";

/**
 * A person as "Wer ist wer" finds them: only what they showed to the network's members. Contact
 * fields are in the document only while their visibility is "members", and are never searchable.
 */
export type PersonDocument = {
  /** The user id. */
  id: string;
  handle: string;
  displayName: string;
  partnerIds: string[];
  organisationNames: string[];
  functions: string[];
  topicIds: string[];
  topicLabels: string[];
  languages: string[];
  about: string;
  phone: string | null;
  email: string | null;
  keywords: string[];
  sortName: string;
  visibility: Visibility;
};

export const PEOPLE_INDEX = "people";

/**
 * SQL over `users`: the person is listed in "Wer ist wer" — confirmed, not blocked, not deleted.
 * Everything that shows people (the index, the pages, the pickers) asks this one rule.
 */
export const listedPerson: SQL = and(isNull(users.deletedAt), isNull(users.blockedAt), isNotNull(users.emailVerifiedAt))!;

/** The columns of a person that members may see, with the visibilities that decide about the contact fields. */
export const personColumns = {
  id: users.id,
  handle: users.handle,
  displayName: users.displayName,
  email: users.email,
  emailVisibility: users.emailVisibility,
  phone: users.phone,
  phoneVisibility: users.phoneVisibility,
  languages: users.languages,
  about: users.about,
};

/** A person's contact fields as members see them: each only while its visibility is "members". Pages and the index both use it. */
export function membersSeeContact(row: { email: string; emailVisibility: ContactVisibility; phone: string | null; phoneVisibility: ContactVisibility }) {
  return { email: row.emailVisibility === "members" ? row.email : null, phone: row.phoneVisibility === "members" ? row.phone : null };
}

/** The permission clause: people are for the network's members only; a guest's query matches nothing. */
/**
 * Listed people (see `listedPerson`) with what members may see of them: their columns, their
 * organisations at active partners in their order, and their topics in the taxonomy's order. The
 * index and the pages (which read every hit again) both load people this way.
 */
export async function loadListedPeople(db: Executor, ids: string[]) {
  const rows =
    ids.length === 0
      ? []
      : await db
          .select(personColumns)
          .from(users)
          .where(and(inArray(users.id, ids), listedPerson));
  const listed = rows.map((row) => row.id);
  const [organisations, topics] =
    listed.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .select({ userId: userOrganizations.userId, partnerId: partners.id, slug: partners.slug, name: partners.name, shortName: partners.shortName, function: userOrganizations.function })
            .from(userOrganizations)
            .innerJoin(partners, eq(partners.id, userOrganizations.partnerId))
            .where(and(inArray(userOrganizations.userId, listed), eq(partners.status, "active")))
            .orderBy(asc(userOrganizations.position)),
          db
            .select({ userId: userTopics.userId, termId: taxonomyTerms.id, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels })
            .from(userTopics)
            .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, userTopics.termId))
            .where(inArray(userTopics.userId, listed))
            .orderBy(asc(taxonomyTerms.position)),
        ]);
  return { rows, organisationsOf: groupBy(organisations, (row) => row.userId), topicsOf: groupBy(topics, (row) => row.userId) };
}

export function peoplePermission({ signedIn }: Pick<SearchAccess, "signedIn">): string {
  return signedIn ? equals("visibility", "members") : equals("visibility", "public");
}

/** What a person hit brings back: who it is. The page reads everything it shows from PostgreSQL. */
export const PersonHitSchema = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const peopleIndex: SearchIndexDefinition<PersonDocument, typeof PersonHitSchema> = {
  name: PEOPLE_INDEX,
  sourceKey: "id",
  documentsVersion: 1,
  permission: peoplePermission,
  hit: PersonHitSchema,
  settings: {
    searchableAttributes: ["displayName", "handle", "organisationNames", "functions", "topicLabels", "keywords", "about"],
    filterableAttributes: ["id", "visibility", "partnerIds", "topicIds", "languages"],
    rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
    sortableAttributes: ["sortName"],
    displayedAttributes: ["*"],
    synonyms: synonymSettings(),
    stopWords: STOP_WORDS,
    faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { "*": "count" } },
    pagination: { maxTotalHits: 10000 },
  },
  load: async (db, sourceIds) => {
    const ids = sourceIds.filter((id) => UUID.test(id));
    if (ids.length === 0) return [];
    const { rows, organisationsOf, topicsOf } = await loadListedPeople(db, ids);
    return rows.map((row) => {
      const own = organisationsOf.get(row.id) ?? [];
      const ownTopics = topicsOf.get(row.id) ?? [];
      const functions = own.map((organisation) => organisation.function).filter(Boolean);
      return {
        id: row.id,
        handle: row.handle,
        displayName: row.displayName,
        partnerIds: own.map((organisation) => organisation.partnerId),
        organisationNames: own.flatMap((organisation) => (organisation.shortName ? [organisation.name, organisation.shortName] : [organisation.name])),
        functions,
        topicIds: ownTopics.map((topic) => topic.termId),
        topicLabels: [...new Set(ownTopics.flatMap((topic) => Object.values(topic.labels)))],
        languages: row.languages,
        about: row.about,
        ...membersSeeContact(row),
        keywords: searchKeywords([row.displayName, ...functions, ...own.map((organisation) => organisation.name)]),
        sortName: sortKey(row.displayName),
        visibility: "members" as const,
      };
    });
  },
  // Only people who can have a document: a rebuild of an installation without any is no rebuild.
  listSourceIds: async (db, afterId, limit) => {
    const rows = await db
      .select({ id: users.id })
      .from(users)
      .where(and(listedPerson, afterId ? gt(users.id, afterId) : undefined))
      .orderBy(asc(users.id))
      .limit(limit);
    return rows.map((row) => row.id);
  },
  listChangedSince: async (db, since) =>
    (
      await db
        .selectDistinct({ id: users.id })
        .from(users)
        .leftJoin(userOrganizations, eq(userOrganizations.userId, users.id))
        .leftJoin(partners, eq(partners.id, userOrganizations.partnerId))
        .where(or(gt(users.updatedAt, since), gt(partners.updatedAt, since)))
    ).map((row) => row.id),
};
