import { and, eq, inArray } from "drizzle-orm";
import { db } from "../../../db/client";
import { partners } from "../../../db/schema";
import { activeServiceIds } from "~/modules/directory/directory.server";
import { getSearchClient, indexUid } from "../../../search/client";
import type { SessionUser } from "~/modules/auth/session.server";
import { MARK_END, MARK_START, toMarkedText, type MarkedText } from "~/modules/directory/directory-filters";
import { visibilityFilter } from "~/modules/directory/directory-search.server";

import { SEARCH_TYPES, type SearchType } from "./search-types";

export { QUERY_MAX, SEARCH_TYPES, type SearchType } from "./search-types";

export type SearchHit = { type: SearchType; id: string; title: string; url: string; snippet: MarkedText; subtitle: string | null };
export type SearchOutcome = { status: "ok"; hits: SearchHit[]; totals: Record<SearchType, number> } | { status: "unavailable" };

type Source = {
  index: string;
  attributes: string[];
  toHit: (document: Record<string, unknown>, formatted: Record<string, string>) => Omit<SearchHit, "type">;
  /** Ids of these rows that PostgreSQL still shows: a stale index never shows what is gone. */
  stillVisible: (ids: string[]) => Promise<Set<string>>;
};

const SOURCES: Record<SearchType, Source> = {
  service: {
    index: "services",
    attributes: ["serviceId", "slug", "name", "description", "partnerName", "town"],
    toHit: (document, formatted) => ({
      id: String(document.serviceId),
      title: String(document.name),
      url: `/verzeichnis/angebote/${String(document.slug)}`,
      snippet: toMarkedText(formatted.description ?? String(document.description)),
      subtitle: [document.partnerName, document.town].filter(Boolean).join(" · "),
    }),
    stillVisible: activeServiceIds,
  },
  partner: {
    index: "partners",
    attributes: ["id", "slug", "name", "description", "towns"],
    toHit: (document, formatted) => ({
      id: String(document.id),
      title: String(document.name),
      url: `/verzeichnis/partner/${String(document.slug)}`,
      snippet: toMarkedText(formatted.description ?? String(document.description)),
      subtitle: Array.isArray(document.towns) ? document.towns.join(", ") : null,
    }),
    stillVisible: async (ids) =>
      new Set((await db.select({ id: partners.id }).from(partners).where(and(inArray(partners.id, ids), eq(partners.status, "active")))).map((row) => row.id)),
  },
};

/**
 * Searches the chosen kinds at once (one federated multi-search: hits of all kinds ranked best
 * first), with the asking user's permission clause, and re-checks every hit against PostgreSQL.
 */
export async function searchEverything(query: string, user: SessionUser | null, options: { types?: SearchType[]; limit?: number; perKind?: boolean } = {}): Promise<SearchOutcome> {
  const types = options.types?.length ? options.types : [...SEARCH_TYPES];
  const limit = options.limit ?? 20;
  const filter = [visibilityFilter(user)];
  const queryFor = (type: SearchType) => ({
    indexUid: indexUid(SOURCES[type].index),
    q: query,
    filter,
    attributesToRetrieve: SOURCES[type].attributes,
    attributesToHighlight: ["description"],
    attributesToCrop: ["description"],
    cropLength: 24,
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
  });
  let found: { type: SearchType; document: Record<string, unknown> }[];
  let counts: { estimatedTotalHits?: number }[];
  try {
    const client = await getSearchClient();
    if (options.perKind) {
      // Grouped by kind (the search page): the best `limit` of each kind, counted in the same answer.
      const { results } = await client.multiSearch({ queries: types.map((type) => ({ ...queryFor(type), limit })) });
      found = results.flatMap((result, position) => result.hits.map((document) => ({ type: types[position]!, document: document as Record<string, unknown> })));
      counts = results;
    } else {
      // Ranked across kinds (the API): one federated search, and a hits-free one to count each kind.
      const [federated, counted] = await Promise.all([
        client.multiSearch({ federation: { limit }, queries: types.map(queryFor) }),
        client.multiSearch({ queries: types.map((type) => ({ indexUid: indexUid(SOURCES[type].index), q: query, filter, limit: 0 })) }),
      ]);
      const typeOf = (uid: string) => types.find((type) => indexUid(SOURCES[type].index) === uid)!;
      found = federated.hits.map((document) => ({ type: typeOf(document._federation!.indexUid), document: document as Record<string, unknown> }));
      counts = counted.results;
    }
  } catch (error) {
    console.warn("[search] unavailable:", (error as Error).message);
    return { status: "unavailable" };
  }
  const hits = found.map(({ type, document }) => ({ type, ...SOURCES[type].toHit(document, (document._formatted ?? {}) as Record<string, string>) }));
  const visible = new Map<SearchType, Set<string>>();
  for (const type of types) {
    const ids = hits.filter((hit) => hit.type === type).map((hit) => hit.id);
    visible.set(type, ids.length ? await SOURCES[type].stillVisible(ids) : new Set());
  }
  const totals = Object.fromEntries(SEARCH_TYPES.map((type) => [type, 0])) as Record<SearchType, number>;
  for (const [position, type] of types.entries()) totals[type] = counts[position]?.estimatedTotalHits ?? 0;
  return { status: "ok", hits: hits.filter((hit) => visible.get(hit.type)!.has(hit.id)), totals };
}

/** A snippet as HTML for the JSON API: escaped first, then marked. */
export function snippetHtml(parts: MarkedText): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  return parts.map((part) => (part.marked ? `<mark>${escape(part.text)}</mark>` : escape(part.text))).join("");
}
