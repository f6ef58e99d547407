import type { Settings } from "meilisearch";
import type { z } from "zod";
import type { Database } from "#db/client";

/** Who asks, as plain facts: the permission clause of every query is built from this, on the server. */
export type SearchAccess = {
  signedIn: boolean;
  /** The private groups the viewer belongs to right now (read from PostgreSQL at every search). */
  privateGroupIds: string[];
};

/** Every document says who may see it; queries filter on it, always positively. */
export type Visibility = "public" | "members" | `group:${string}`;

/**
 * One kind of searchable thing: everything Meilisearch needs to know about it lives here. A source
 * row (a service, a partner …) may become several documents (a service at each of its locations):
 * `sourceKey` names the attribute that holds the row's id.
 */
export type SearchIndexDefinition<TDocument extends { id: string; visibility: Visibility } = { id: string; visibility: Visibility }, THit extends z.ZodObject = z.ZodObject> = {
  /** The index name before the installation's prefix. */
  name: string;
  sourceKey: keyof TDocument & string;
  settings: Settings;
  /**
   * How its documents are made: raise it when `load` makes different documents from the same rows
   * (new attributes, another word analysis). A start rebuilds an index built with another version.
   */
  documentsVersion: number;
  /** The documents for these rows as they are now; a row without documents is removed from the index. */
  load: (db: Database, sourceIds: string[]) => Promise<TDocument[]>;
  /** Every row id, page by page, for a full rebuild. */
  listSourceIds: (db: Database, afterId: string | null, limit: number) => Promise<string[]>;
  /** Rows whose documents may have changed since then (for what a rebuild missed while it ran). */
  listChangedSince: (db: Database, since: Date) => Promise<string[]>;
  /** The permission clause for this viewer: always positive, always its own element of the filter array. */
  permission: (access: SearchAccess) => string;
  /** The query text as the engine should match it, when the documents carry analysed word forms (search/german.ts). */
  queryText?: (text: string) => string;
  /** A looser form of a query that found nothing, or null when there is none (search/german.ts). */
  relaxedQueryText?: (text: string) => string | null;
  /** What a hit brings back (the attributes a query retrieves), checked when it arrives. */
  hit: THit;
};
