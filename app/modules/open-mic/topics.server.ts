import { and, asc, count, desc, eq, inArray, min, sql, type SQL } from "drizzle-orm";
import { db } from "#db/client";
import { taxonomyTerms, topicReplies, topicStatusChanges, topicSupports, topics } from "#db/schema";
import { publicTopic } from "#search/indexes/topics";
import type { TopicStatus } from "#db/schema/open-mic-enums";
import { searchTopicIds } from "./topic-search.server";
import type { TopicSort } from "./topic-schemas";
import { termLabel } from "#app/modules/directory/term-label";
import { activeTerm } from "#app/modules/taxonomy/active-term.server";

const TOPICS_PER_PAGE = 20;
const SEARCH_LIMIT = 1000;
const DAY_MS = 86_400_000;

/** Still waiting for an answer: nobody of the coordination has changed its status yet. */
const waitingTopic: SQL = and(publicTopic, eq(topics.status, "new"), sql`not exists (select 1 from ${topicStatusChanges} where ${topicStatusChanges.topicId} = ${topics.id})`)!;

/** A taxonomy term's label in the language (German when it has none), or the fallback. */

const ageInDays = (since: Date, now: number) => Math.max(0, Math.floor((now - since.getTime()) / DAY_MS));

/** The Themenfelder to choose from, labelled in the language, in the taxonomy's order. */
export async function listCategories(lang: string) {
  const rows = await db
    .select({ id: taxonomyTerms.id, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels })
    .from(taxonomyTerms)
    .where(and(eq(taxonomyTerms.kind, "category"), activeTerm))
    .orderBy(asc(taxonomyTerms.position), asc(taxonomyTerms.slug));
  return rows.map((row) => ({ id: row.id, slug: row.slug, label: termLabel(row.labels, lang, row.slug) }));
}

/** How many visible topics still wait for a first answer, and since when the oldest of them waits. */
export async function waitingForAnswer(): Promise<{ count: number; oldestSince: Date | null }> {
  const [row] = await db
    .select({ count: count(), oldest: min(topics.createdAt) })
    .from(topics)
    .where(waitingTopic);
  return { count: row?.count ?? 0, oldestSince: row?.oldest ? new Date(row.oldest) : null };
}

/** The same, as the pages show it: a count and the oldest one's age in whole days. */
export async function waitingSummary(now = Date.now()): Promise<{ count: number; oldestDays: number | null }> {
  const { count: waiting, oldestSince } = await waitingForAnswer();
  return { count: waiting, oldestDays: oldestSince ? ageInDays(oldestSince, now) : null };
}

type TopicListItem = {
  id: number;
  title: string;
  language: string;
  status: TopicStatus;
  town: string | null;
  category: string | null;
  createdAt: Date;
  supports: number;
  replies: number;
  ageDays: number;
};
type TopicList = { topics: TopicListItem[]; total: number; page: number; pages: number; search: "ok" | "unavailable" | null };

/** `language`: only topics written in it (a code the caller checked against our languages). */
type TopicListQuery = { q: string; sort: TopicSort | null; status: TopicStatus | null; category: string | null; language?: string | null; page: number; lang: string; perPage?: number };

/**
 * One page of visible topics with the chosen order, filters and search. With a search and no
 * chosen order, the best matches come first. `search` is "unavailable" when the index could not
 * answer (the list is then empty rather than wrong).
 */
export async function listTopics(query: TopicListQuery): Promise<TopicList> {
  const conditions: SQL[] = [publicTopic];
  if (query.status) conditions.push(eq(topics.status, query.status));
  if (query.category) conditions.push(eq(taxonomyTerms.slug, query.category));
  if (query.language) conditions.push(eq(topics.language, query.language));
  if (query.sort === "unbeantwortet") conditions.push(waitingTopic);
  let ranked: number[] | null = null;
  if (query.q) {
    ranked = await searchTopicIds(query.q, SEARCH_LIMIT, { language: query.language ?? null });
    if (!ranked) return { topics: [], total: 0, page: 1, pages: 1, search: "unavailable" };
    if (ranked.length === 0) return { topics: [], total: 0, page: 1, pages: 1, search: "ok" };
    conditions.push(inArray(topics.id, ranked));
  }
  const where = and(...conditions);
  const perPage = query.perPage ?? TOPICS_PER_PAGE;
  const [total] = await db.select({ value: count() }).from(topics).leftJoin(taxonomyTerms, eq(taxonomyTerms.id, topics.categoryId)).where(where);
  const pages = Math.max(1, Math.ceil((total?.value ?? 0) / perPage));
  const page = Math.min(Math.max(1, query.page), pages);
  const supports = sql<number>`(select count(*) from ${topicSupports} where ${topicSupports.topicId} = ${topics.id})::int`;
  const replies = sql<number>`(select count(*) from ${topicReplies} where ${topicReplies.topicId} = ${topics.id} and ${topicReplies.hiddenAt} is null)::int`;
  const order: SQL[] =
    query.sort === "unterstuetzt"
      ? [desc(supports), desc(topics.createdAt), desc(topics.id)]
      : query.sort === "aktiv"
        ? [desc(topics.lastActivityAt), desc(topics.id)]
        : query.sort === "unbeantwortet"
          ? [asc(topics.createdAt), asc(topics.id)]
          : ranked && !query.sort
            ? // Ids from the index are whole numbers (checked above): safe to write into the statement.
              [sql`array_position(${sql.raw(`ARRAY[${ranked.join(",")}]::int[]`)}, ${topics.id})`]
            : [desc(topics.createdAt), desc(topics.id)];
  const rows = await db
    .select({
      id: topics.id,
      title: topics.title,
      language: topics.language,
      status: topics.status,
      town: topics.town,
      categoryLabels: taxonomyTerms.labels,
      createdAt: topics.createdAt,
      supports,
      replies,
    })
    .from(topics)
    .leftJoin(taxonomyTerms, eq(taxonomyTerms.id, topics.categoryId))
    .where(where)
    .orderBy(...order)
    .limit(perPage)
    .offset((page - 1) * perPage);
  const now = Date.now();
  return {
    topics: rows.map(({ categoryLabels, ...row }) => ({ ...row, category: categoryLabels ? termLabel(categoryLabels, query.lang, "") : null, ageDays: ageInDays(row.createdAt, now) })),
    total: total?.value ?? 0,
    page,
    pages,
    search: query.q ? "ok" : null,
  };
}
