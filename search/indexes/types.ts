import type { Settings } from "meilisearch";
import type { Database } from "#db/client";

/** Who asks: the permission clause of every query is built from this, on the server. */
export type SearchAccess = { signedIn: boolean; groupIds: string[] };

/** Every document says who may see it; queries filter on it, always positively. */
export type Visibility = "public" | "members" | `group:${string}`;

/**
 * One kind of searchable thing: everything Meilisearch needs to know about it lives here. A source
 * row (a service, a partner …) may become several documents (a service at each of its locations):
 * `sourceKey` names the attribute that holds the row's id.
 */
export type SearchIndexDefinition<TDocument extends { id: string; visibility: Visibility } = { id: string; visibility: Visibility }> = {
  /** The index name before the installation's prefix. */
  name: string;
  /** The hit type in grouped results and `/api/v1/search`. */
  type: string;
  sourceKey: keyof TDocument & string;
  settings: Settings;
  /** The documents for these rows as they are now; a row without documents is removed from the index. */
  load: (db: Database, sourceIds: string[]) => Promise<TDocument[]>;
  /** Every row id, page by page, for a full rebuild. */
  listSourceIds: (db: Database, afterId: string | null, limit: number) => Promise<string[]>;
  /** Rows whose documents may have changed since then (for what a rebuild missed while it ran). */
  listChangedSince: (db: Database, since: Date) => Promise<string[]>;
};
