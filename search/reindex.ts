import { db as appDb, type Database } from "#db/client";
import { searchIndexBuilds } from "#db/schema";
import { getAdminClient, indexUid, waitForTask } from "./client";
import { searchIndexes } from "./indexes";
import { effectiveSettings } from "./synonym-sync";
import { syncDocument } from "./sync";
import type { SearchIndexDefinition } from "./indexes/types";

const BATCH = 1000;
const MAX_BATCHES_IN_FLIGHT = 4;

export type ReindexProgress = (index: string, done: number) => void;

async function rebuild(db: Database, definition: SearchIndexDefinition, progress: ReindexProgress): Promise<void> {
  // Edits during the rebuild go to the live index, which the swap replaces: they are synced again after it.
  const startedAt = new Date(Date.now() - 1000);
  const client = getAdminClient();
  const live = indexUid(definition.name);
  const fresh = `${live}_rebuild`;
  await client.deleteIndexIfExists(fresh);
  await waitForTask(client.createIndex(fresh, { primaryKey: "id" }));
  // Settings first: documents added before them would be indexed twice.
  await waitForTask(client.index(fresh).updateSettings(await effectiveSettings(db, definition)));
  let afterId: string | null = null;
  let done = 0;
  // Reading the next rows overlaps with Meilisearch indexing the last ones: batches are handed over
  // as they are read (the engine takes them in order) and waited for at the end, a few at most in flight.
  const inFlight: ReturnType<ReturnType<typeof client.index>["addDocuments"]>[] = [];
  for (;;) {
    const ids = await definition.listSourceIds(db, afterId, BATCH);
    if (ids.length === 0) break;
    const documents = await definition.load(db, ids);
    if (documents.length > 0) {
      const task = client.index(fresh).addDocuments(documents, { primaryKey: "id" });
      await task;
      inFlight.push(task);
      if (inFlight.length > MAX_BATCHES_IN_FLIGHT) await waitForTask(inFlight.shift()!, 600_000);
    }
    done += documents.length;
    afterId = ids[ids.length - 1]!;
    progress(definition.name, done);
  }
  for (const task of inFlight) await waitForTask(task, 600_000);
  if (
    !(await client.getIndex(live).then(
      () => true,
      () => false,
    ))
  ) {
    await waitForTask(client.createIndex(live, { primaryKey: "id" }));
  }
  // The swap is atomic: searches answer from the old index until the new one takes its place.
  await waitForTask(client.swapIndexes([{ indexes: [live, fresh], rename: false }]));
  await waitForTask(client.deleteIndex(fresh));
  await db
    .insert(searchIndexBuilds)
    .values({ index: live, version: definition.documentsVersion })
    .onConflictDoUpdate({ target: searchIndexBuilds.index, set: { version: definition.documentsVersion, builtAt: new Date() } });
  for (const id of await definition.listChangedSince(db, startedAt)) await syncDocument(db, definition.name, id);
}

/** Rebuilds every index from PostgreSQL into a fresh index and swaps it in. */
export async function reindexAll(db: Database, progress: ReindexProgress = () => {}): Promise<void> {
  for (const definition of searchIndexes) await rebuild(db, definition, progress);
}

/**
 * Rebuilds the indexes whose documents are missing or outdated: empty while PostgreSQL has rows for
 * them (a new or wiped Meilisearch), or built with another `documentsVersion` (an upgrade that
 * changed how documents are made). The index is derived, so it is simply made again.
 */
export async function rebuildOutdatedIndexes(db: Database, progress: ReindexProgress = () => {}): Promise<void> {
  const client = getAdminClient();
  const builds = new Map((await db.select().from(searchIndexBuilds)).map((build) => [build.index, build.version]));
  for (const definition of searchIndexes) {
    const uid = indexUid(definition.name);
    const stats = await client
      .index(uid)
      .getStats()
      .catch(() => null);
    const hasRows = (await definition.listSourceIds(db, null, 1)).length > 0;
    const empty = (stats?.numberOfDocuments ?? 0) === 0;
    const outdated = builds.get(uid) !== definition.documentsVersion;
    if (hasRows && (empty || outdated)) await rebuild(db, definition, progress);
  }
}

/**
 * Makes sure every index exists with its current settings, the coordinators' synonyms included (at
 * start; cheap when nothing changed).
 */
export async function applySearchSettings(db: Database = appDb): Promise<void> {
  const client = getAdminClient();
  for (const definition of searchIndexes) {
    const uid = indexUid(definition.name);
    if (
      !(await client.getIndex(uid).then(
        () => true,
        () => false,
      ))
    )
      await waitForTask(client.createIndex(uid, { primaryKey: "id" }));
    await waitForTask(client.index(uid).updateSettings(await effectiveSettings(db, definition)));
  }
}
