import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { db } from "#db/client";
import { groupMemberships, partners, topics, workingGroups } from "#db/schema";
import { getSearchClient, indexUid } from "#search/client";
import { groupContentIndex } from "#search/indexes/group-content";
import { partnersIndex } from "#search/indexes/partners";
import { servicesIndex } from "#search/indexes/services";
import { publicTopic, topicIds, topicsIndex } from "#search/indexes/topics";
import type { SearchAccess, SearchIndexDefinition, Visibility } from "#search/indexes/types";
import type { SessionUser } from "#app/modules/auth/session.server";
import { activeServiceIds } from "#app/modules/directory/directory.server";
import { MARK_END, MARK_START, toMarkedText, type MarkedText } from "#app/modules/directory/directory-filters";
import { log } from "#app/utils/log.server";
import { visibleGroupContent } from "./group-content-visibility.server";
import { SEARCH_TYPES, type SearchType } from "./search-types";

/** `lang`: the language title and snippet are written in (null: the network's own, German). */
export type SearchHit = { type: SearchType; id: string; title: string; url: string; snippet: MarkedText; subtitle: string | null; lang: string | null };
export type SearchOutcome = { status: "ok"; hits: SearchHit[]; totals: Record<SearchType, number> } | { status: "unavailable" };

type Shown = Omit<SearchHit, "type" | "snippet" | "lang"> & { lang?: string | null };

/** What a query needs of an index: its name, its permission clause and the schema of its hits. */
type Searched<S extends z.ZodObject = z.ZodObject> = Pick<SearchIndexDefinition<{ id: string; visibility: Visibility }, S>, "name" | "permission" | "hit" | "queryText" | "relaxedQueryText">;

type Source = {
  index: Searched;
  /** The attribute the snippet is cut from. */
  snippet: string;
  toHit: (document: Record<string, unknown>) => Omit<SearchHit, "type">;
  /** Ids of these rows that PostgreSQL still shows this user: a stale index never shows what is gone. */
  stillVisible: (ids: string[], user: SessionUser | null) => Promise<Set<string>>;
};

/** A kind of hit: read through its index's hit schema, with the snippet cut from `snippet`. */
function source<S extends z.ZodObject>(index: Searched<S>, snippet: keyof z.infer<S> & string, show: (hit: z.infer<S>) => Shown, stillVisible: Source["stillVisible"]): Source {
  return {
    index,
    snippet,
    stillVisible,
    toHit: (document) => {
      const hit = index.hit.parse(document);
      const formatted = (document._formatted ?? {}) as Record<string, string>;
      return { lang: null, ...show(hit), snippet: toMarkedText(formatted[snippet] ?? String(hit[snippet])) };
    },
  };
}

const SOURCES: Record<SearchType, Source> = {
  service: source(
    servicesIndex,
    "description",
    (hit) => ({ id: hit.serviceId, title: hit.name, url: `/verzeichnis/angebote/${hit.slug}`, subtitle: [hit.partnerName, hit.town].filter(Boolean).join(" · ") }),
    activeServiceIds,
  ),
  partner: source(
    partnersIndex,
    "description",
    (hit) => ({ id: hit.id, title: hit.name, url: `/verzeichnis/partner/${hit.slug}`, subtitle: hit.towns.join(", ") }),
    async (ids) =>
      new Set(
        (
          await db
            .select({ id: partners.id })
            .from(partners)
            .where(and(inArray(partners.id, ids), eq(partners.status, "active")))
        ).map((row) => row.id),
      ),
  ),
  group: source(groupContentIndex, "text", (hit) => ({ id: hit.id, title: hit.title, url: hit.url, subtitle: hit.groupName }), visibleGroupContent),
  topic: source(
    topicsIndex,
    "text",
    (hit) => ({ id: hit.id, title: hit.title, url: `/open-mic/${hit.id}`, subtitle: hit.town, lang: hit.language }),
    // PostgreSQL decides: still approved, not hidden, not merged into another topic.
    async (ids) => {
      const numbers = topicIds(ids);
      if (numbers.length === 0) return new Set();
      const rows = await db
        .select({ id: topics.id })
        .from(topics)
        .where(and(inArray(topics.id, numbers), publicTopic));
      return new Set(rows.map((row) => String(row.id)));
    },
  ),
};

/**
 * What the permission clauses need to know of the user. Private groups are read from PostgreSQL at
 * every search: leaving a group counts at once.
 */
async function searchAccess(user: SessionUser | null): Promise<SearchAccess> {
  if (!user) return { signedIn: false, privateGroupIds: [] };
  const rows = await db
    .select({ id: workingGroups.id })
    .from(groupMemberships)
    .innerJoin(workingGroups, eq(workingGroups.id, groupMemberships.groupId))
    .where(and(eq(groupMemberships.userId, user.id), eq(workingGroups.visibility, "private")));
  return { signedIn: true, privateGroupIds: rows.map((row) => row.id) };
}

/**
 * Searches the chosen kinds at once (one federated multi-search: hits of all kinds ranked best
 * first), with the asking user's permission clause, and re-checks every hit against PostgreSQL.
 */
export async function searchEverything(query: string, user: SessionUser | null, options: { types?: SearchType[]; limit?: number; perKind?: boolean } = {}): Promise<SearchOutcome> {
  const types = options.types?.length ? options.types : [...SEARCH_TYPES];
  const limit = options.limit ?? 20;
  const access = await searchAccess(user);
  const uidOf = (type: SearchType) => indexUid(SOURCES[type].index.name);
  const filterFor = (type: SearchType) => [SOURCES[type].index.permission(access)];
  const textFor = (type: SearchType) => SOURCES[type].index.queryText?.(query) ?? query;
  const queryFor = (type: SearchType, text: (type: SearchType) => string) => ({
    indexUid: uidOf(type),
    q: text(type),
    filter: filterFor(type),
    attributesToRetrieve: Object.keys(SOURCES[type].index.hit.shape),
    attributesToHighlight: [SOURCES[type].snippet],
    attributesToCrop: [SOURCES[type].snippet],
    cropLength: 24,
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
  });
  const engineSearch = async (text: (type: SearchType) => string): Promise<{ found: { type: SearchType; document: Record<string, unknown> }[]; counts: { estimatedTotalHits?: number }[] }> => {
    const client = await getSearchClient();
    if (options.perKind) {
      // Grouped by kind (the search page): the best `limit` of each kind, counted in the same answer.
      const { results } = await client.multiSearch({ queries: types.map((type) => ({ ...queryFor(type, text), limit })) });
      return { found: results.flatMap((result, position) => result.hits.map((document) => ({ type: types[position]!, document }))), counts: results };
    }
    // Ranked across kinds (the API): one federated search, and a hits-free one to count each kind.
    const [federated, counted] = await Promise.all([
      client.multiSearch({ federation: { limit }, queries: types.map((type) => queryFor(type, text)) }),
      client.multiSearch({ queries: types.map((type) => ({ indexUid: uidOf(type), q: text(type), filter: filterFor(type), limit: 0 })) }),
    ]);
    const typeOf = (uid: string) => types.find((type) => uidOf(type) === uid)!;
    return { found: federated.hits.map((document) => ({ type: typeOf(document._federation!.indexUid), document })), counts: counted.results };
  };
  let hits: SearchHit[];
  let counts: { estimatedTotalHits?: number }[];
  try {
    let searched = await engineSearch(textFor);
    // Nothing found: the looser form of the words (compound parts, verbs of -ung nouns) where an index has one.
    const relaxed = new Map(types.map((type) => [type, SOURCES[type].index.relaxedQueryText?.(query) ?? null]));
    if (searched.found.length === 0 && [...relaxed.values()].some(Boolean)) searched = await engineSearch((type) => relaxed.get(type) ?? textFor(type));
    ({ counts } = searched);
    // A hit that does not match its schema fails the search as a whole, never shows half.
    hits = searched.found.map(({ type, document }) => ({ type, ...SOURCES[type].toHit(document) }));
  } catch (error) {
    log.warn({ component: "search", error: (error as Error).message }, "search unavailable");
    return { status: "unavailable" };
  }
  const visible = new Map<SearchType, Set<string>>();
  for (const type of types) {
    const ids = hits.filter((hit) => hit.type === type).map((hit) => hit.id);
    visible.set(type, ids.length ? await SOURCES[type].stillVisible(ids, user) : new Set());
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
