import { and, asc, eq, gt, inArray, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { taxonomyTerms, topicReplies, topics } from "#db/schema";
import { equals } from "#search/filters";
import { searchKeywords } from "#search/german";
import { STOP_WORDS, synonymSettings } from "#search/synonyms";
import type { SearchIndexDefinition, Visibility } from "./types";

/**
 * An Open Mic topic as the search box finds it: only approved, visible topics that were not merged
 * into another, with the text of their visible replies. Nothing about who wrote it: an anonymous
 * author must not be findable.
 */
export type TopicDocument = {
  /** The topic's number, as text. */
  id: string;
  title: string;
  text: string;
  keywords: string[];
  /** The language the topic is written in (ISO 639-1): a filter and facet. */
  language: string;
  status: string;
  category: string | null;
  town: string | null;
  url: string;
  /** Seconds since 1970: when the topic was raised. */
  date: number;
  visibility: Visibility;
};

export const TOPICS_INDEX = "topics";

/** What everyone may see of the Open Mic (and search finds): approved, not hidden, not merged. */
export const publicTopic: SQL = and(isNotNull(topics.approvedAt), isNull(topics.hiddenAt), isNull(topics.mergedIntoId))!;

// Enough of a long discussion for search; the rest is still on its page.
const MAX_TEXT = 20_000;

/** The topic numbers among these document ids (anything else names no topic). */
export const topicIds = (ids: string[]) => ids.filter((id) => /^\d{1,10}$/.test(id)).map(Number);

/** The permission clause: only what everyone may see is indexed at all (see `publicTopic`). */
export const topicPermission = () => equals("visibility", "public");

/** Topics written in this language only. */
export const topicLanguageFilter = (language: string) => equals("language", language);

/** What a topic hit brings back to the search box. */
export const TopicHitSchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  url: z.string(),
  town: z.string().nullable(),
  // Documents written before topics had a language were German.
  language: z.string().default("de"),
});

export const topicsIndex: SearchIndexDefinition<TopicDocument, typeof TopicHitSchema> = {
  name: TOPICS_INDEX,
  sourceKey: "id",
  // 2: documents carry the topic's language.
  documentsVersion: 2,
  permission: topicPermission,
  hit: TopicHitSchema,
  settings: {
    searchableAttributes: ["title", "keywords", "text", "town"],
    filterableAttributes: ["id", "visibility", "status", "category", "town", "language"],
    rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
    sortableAttributes: ["date"],
    synonyms: synonymSettings(),
    stopWords: STOP_WORDS,
    pagination: { maxTotalHits: 10000 },
  },
  load: async (db, sourceIds) => {
    const ids = topicIds(sourceIds);
    if (ids.length === 0) return [];
    const rows = await db
      .select({ id: topics.id, title: topics.title, body: topics.body, language: topics.language, status: topics.status, town: topics.town, createdAt: topics.createdAt, category: taxonomyTerms.slug })
      .from(topics)
      .leftJoin(taxonomyTerms, eq(taxonomyTerms.id, topics.categoryId))
      .where(and(inArray(topics.id, ids), publicTopic));
    if (rows.length === 0) return [];
    const replies = await db
      .select({ topicId: topicReplies.topicId, body: topicReplies.body })
      .from(topicReplies)
      .where(
        and(
          inArray(
            topicReplies.topicId,
            rows.map((row) => row.id),
          ),
          isNull(topicReplies.hiddenAt),
        ),
      )
      .orderBy(asc(topicReplies.createdAt), asc(topicReplies.id));
    return rows.map((row) => {
      const text = [row.body, ...replies.filter((reply) => reply.topicId === row.id).map((reply) => reply.body)].join("\n\n").slice(0, MAX_TEXT);
      return {
        id: String(row.id),
        title: row.title,
        text,
        keywords: searchKeywords([row.title]),
        language: row.language,
        status: row.status,
        category: row.category ?? null,
        town: row.town,
        url: `/open-mic/${row.id}`,
        date: Math.floor(row.createdAt.getTime() / 1000),
        visibility: "public" as const,
      };
    });
  },
  listSourceIds: async (db, afterId, limit) => {
    const after = afterId && /^\d+$/.test(afterId) ? Number(afterId) : null;
    const rows = await db
      .select({ id: topics.id })
      .from(topics)
      .where(after === null ? undefined : gt(topics.id, after))
      .orderBy(asc(topics.id))
      .limit(limit);
    return rows.map((row) => String(row.id));
  },
  listChangedSince: async (db, since) => {
    const [changed, replied] = await Promise.all([
      db
        .select({ id: topics.id })
        .from(topics)
        .where(or(gt(topics.updatedAt, since), gt(topics.lastActivityAt, since))),
      db
        .selectDistinct({ id: topicReplies.topicId })
        .from(topicReplies)
        .where(or(gt(topicReplies.createdAt, since), gt(topicReplies.editedAt, since), gt(topicReplies.hiddenAt, since))),
    ]);
    return [...new Set([...changed, ...replied].map((row) => String(row.id)))];
  },
};
