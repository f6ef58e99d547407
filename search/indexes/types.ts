import type { Settings } from "meilisearch";
import type { Database } from "../../db/client";

/** Who asks: the permission clause of every query is built from this, on the server. */
export type SearchAccess = { signedIn: boolean; groupIds: string[] };

/** One kind of searchable thing: everything Meilisearch needs to know about it lives here. */
export type SearchIndexDefinition<TDocument extends { id: string } = { id: string }> = {
  /** The index name before the installation's prefix. */
  name: string;
  /** The hit type in grouped results and `/api/v1/search`. */
  type: string;
  settings: Settings;
  /** The documents for these ids as they are now; ids missing from the result are deleted from the index. */
  load: (db: Database, ids: string[]) => Promise<TDocument[]>;
  /** Every id, page by page, for a full rebuild. */
  listIds: (db: Database, afterId: string | null, limit: number) => Promise<string[]>;
};
