import { and, inArray } from "drizzle-orm";
import { db } from "#db/client";
import { topics } from "#db/schema";
import { getSearchClient, indexUid } from "#search/client";
import { publicTopic, topicLanguageFilter, topicPermission, TOPICS_INDEX } from "#search/indexes/topics";
import { log } from "#app/utils/log.server";

// The topics index finds, PostgreSQL decides what is shown.

/** Ids of visible topics matching the words (written in `language`, if given), best first; null when search is unavailable. */
export async function searchTopicIds(query: string, limit: number, options: { language?: string | null } = {}): Promise<number[] | null> {
  try {
    const client = await getSearchClient();
    const filter = [topicPermission(), ...(options.language ? [topicLanguageFilter(options.language)] : [])];
    const result = await client.index(indexUid(TOPICS_INDEX)).search(query, { filter, limit, attributesToRetrieve: ["id"] });
    return result.hits.map((hit) => Number(hit.id)).filter((id) => Number.isInteger(id) && id > 0);
  } catch (error) {
    log.warn({ component: "open-mic", error: (error as Error).message }, "similar topics search unavailable");
    return null;
  }
}

/** Existing topics like the title being typed, to avoid duplicates (at most `limit`, re-checked). */
export async function findSimilarTopics(query: string, limit = 5) {
  const ids = await searchTopicIds(query, limit * 2);
  if (!ids?.length) return [];
  const rows = await db
    .select({ id: topics.id, title: topics.title, status: topics.status })
    .from(topics)
    .where(and(inArray(topics.id, ids), publicTopic));
  return ids.flatMap((id) => rows.filter((row) => row.id === id)).slice(0, limit);
}
