import type { SessionUser } from "~/modules/auth/session.server";
import { getSearchClient, indexUid } from "../../../search/client";
import { searchIndexes } from "../../../search/indexes";

export type SearchHit = { type: string; id: string; title: string; url: string; snippet: string };
export type SearchOutcome = { status: "ok"; groups: { type: string; hits: SearchHit[]; total: number }[] } | { status: "unavailable" };

export const QUERY_MAX = 200;

/**
 * Searches every kind at once (one multi-search) with the permission clause of the asking user.
 * When Meilisearch cannot be reached the page says so instead of failing.
 */
export async function searchEverything(query: string, user: SessionUser | null): Promise<SearchOutcome> {
  const visibility = user ? "visibility IN [public, members]" : "visibility = public";
  try {
    const client = await getSearchClient();
    const { results } = await client.multiSearch({
      queries: searchIndexes.map((definition) => ({ indexUid: indexUid(definition.name), q: query, limit: 5, filter: [visibility] })),
    });
    return {
      status: "ok",
      groups: results.map((result, index) => ({
        type: searchIndexes[index]!.type,
        total: result.estimatedTotalHits ?? result.hits.length,
        hits: result.hits as unknown as SearchHit[],
      })),
    };
  } catch (error) {
    console.warn("[search] unavailable:", (error as Error).message);
    return { status: "unavailable" };
  }
}
