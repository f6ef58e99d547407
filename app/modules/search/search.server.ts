import { and, eq, inArray } from "drizzle-orm";
import { db } from "#db/client";
import { groupMemberships, partners, topics, workingGroups } from "#db/schema";
import { activeServiceIds } from "#app/modules/directory/directory.server";
import { getSearchClient, indexUid } from "#search/client";
import type { SessionUser } from "#app/modules/auth/session.server";
import { MARK_END, MARK_START, toMarkedText, type MarkedText } from "#app/modules/directory/directory-filters";
import { visibilityFilter } from "#app/modules/directory/directory-search.server";

import { visibleGroupContent } from "./group-content-visibility.server";
import { SEARCH_TYPES, type SearchType } from "./search-types";
import { publicTopic } from "#search/indexes/topics";

export { QUERY_MAX, SEARCH_TYPES, type SearchType } from "./search-types";

export type SearchHit = { type: SearchType; id: string; title: string; url: string; snippet: MarkedText; subtitle: string | null };
export type SearchOutcome = { status: "ok"; hits: SearchHit[]; totals: Record<SearchType, number> } | { status: "unavailable" };

/** Who asks, as the permission clauses need it: signed in or not, and the private groups they belong to. */
export type SearchViewer = { user: SessionUser | null; privateGroupIds: string[] };

type Source = {
  index: string;
  /** The permission clause: always positive, its own element of the filter array. */
  permission: (viewer: SearchViewer) => string;
  attributes: string[];
  toHit: (document: Record<string, unknown>, formatted: Record<string, string>) => Omit<SearchHit, "type">;
  /** Ids of these rows that PostgreSQL still shows this viewer: a stale index never shows what is gone. */
  stillVisible: (ids: string[], viewer: SearchViewer) => Promise<Set<string>>;
};

const SOURCES: Record<SearchType, Source> = {
  service: {
    index: "services",
    permission: (viewer) => visibilityFilter(viewer.user),
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
    permission: (viewer) => visibilityFilter(viewer.user),
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
  group: {
    index: "group_content",
    // Public groups' content for everyone; a private group's only for its members, named one by one.
    permission: (viewer) =>
      viewer.privateGroupIds.length ? `visibility = "public" OR visibility IN [${viewer.privateGroupIds.map((id) => JSON.stringify(`group:${id}`)).join(", ")}]` : `visibility = "public"`,
    attributes: ["id", "title", "text", "url", "groupName"],
    toHit: (document, formatted) => ({
      id: String(document.id),
      title: String(document.title),
      url: String(document.url),
      snippet: toMarkedText(formatted.text ?? String(document.text)),
      subtitle: typeof document.groupName === "string" ? document.groupName : null,
    }),
    stillVisible: (ids, viewer) => visibleGroupContent(ids, viewer.user),
  },
  topic: {
    index: "topics",
    // Only approved, visible topics are indexed at all; they are public.
    permission: () => `visibility = "public"`,
    attributes: ["id", "title", "text", "url", "town"],
    toHit: (document, formatted) => ({
      id: String(document.id),
      title: String(document.title),
      url: `/open-mic/${String(document.id)}`,
      snippet: toMarkedText(formatted.text ?? String(document.text)),
      subtitle: typeof document.town === "string" ? document.town : null,
    }),
    // PostgreSQL decides: still approved, not hidden, not merged into another topic.
    stillVisible: async (ids) => {
      const numbers = ids.filter((id) => /^\d{1,10}$/.test(id)).map(Number);
      if (numbers.length === 0) return new Set();
      const rows = await db
        .select({ id: topics.id })
        .from(topics)
        .where(and(inArray(topics.id, numbers), publicTopic));
      return new Set(rows.map((row) => String(row.id)));
    },
  },
};

/** The viewer's private groups, read from PostgreSQL at every search: leaving a group counts at once. */
async function searchViewer(user: SessionUser | null): Promise<SearchViewer> {
  if (!user) return { user, privateGroupIds: [] };
  const rows = await db
    .select({ id: workingGroups.id })
    .from(groupMemberships)
    .innerJoin(workingGroups, eq(workingGroups.id, groupMemberships.groupId))
    .where(and(eq(groupMemberships.userId, user.id), eq(workingGroups.visibility, "private")));
  return { user, privateGroupIds: rows.map((row) => row.id) };
}

/**
 * Searches the chosen kinds at once (one federated multi-search: hits of all kinds ranked best
 * first), with the asking user's permission clause, and re-checks every hit against PostgreSQL.
 */
export async function searchEverything(query: string, user: SessionUser | null, options: { types?: SearchType[]; limit?: number; perKind?: boolean } = {}): Promise<SearchOutcome> {
  const types = options.types?.length ? options.types : [...SEARCH_TYPES];
  const limit = options.limit ?? 20;
  const viewer = await searchViewer(user);
  const filterFor = (type: SearchType) => [SOURCES[type].permission(viewer)];
  const snippetAttribute = (type: SearchType) => (type === "group" || type === "topic" ? "text" : "description");
  const queryFor = (type: SearchType) => ({
    indexUid: indexUid(SOURCES[type].index),
    q: query,
    filter: filterFor(type),
    attributesToRetrieve: SOURCES[type].attributes,
    attributesToHighlight: [snippetAttribute(type)],
    attributesToCrop: [snippetAttribute(type)],
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
        client.multiSearch({ queries: types.map((type) => ({ indexUid: indexUid(SOURCES[type].index), q: query, filter: filterFor(type), limit: 0 })) }),
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
    visible.set(type, ids.length ? await SOURCES[type].stillVisible(ids, viewer) : new Set());
  }
  const shown = hits.filter((hit) => visible.get(hit.type)!.has(hit.id));
  const totals = Object.fromEntries(SEARCH_TYPES.map((type) => [type, 0])) as Record<SearchType, number>;
  for (const [position, type] of types.entries()) {
    // What the re-check took away is not counted either: a stale document leaks not even a number.
    const withdrawn = hits.filter((hit) => hit.type === type).length - shown.filter((hit) => hit.type === type).length;
    totals[type] = Math.max(0, (counts[position]?.estimatedTotalHits ?? 0) - withdrawn);
  }
  return { status: "ok", hits: shown, totals };
}

/** A snippet as HTML for the JSON API: escaped first, then marked. */
export function snippetHtml(parts: MarkedText): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  return parts.map((part) => (part.marked ? `<mark>${escape(part.text)}</mark>` : escape(part.text))).join("");
}
