// A full reindex as `npm run search:reindex` does it, timed as a whole and per index.
import { performance } from "node:perf_hooks";
import { db } from "#db/client";
import { getAdminClient, indexUid } from "#search/client";
import { searchIndexes } from "#search/indexes";
import type { SearchIndexDefinition } from "#search/indexes/types";
import { reindexAll } from "#search/reindex";

const PROGRESS_EVERY = 20_000;
// As reindexAll reads them.
const BATCH = 1000;

export type IndexBuild = { name: string; documents: number; ms: number; readMs: number };
export type Reindex = { ms: number; indexes: IndexBuild[] };

/**
 * Rebuilds every index (reindexAll: a fresh index per definition, filled in batches, swapped in).
 * The time of one index is the span of the engine's tasks on it, from the first enqueued
 * to the last finished: reindexAll builds one index after the other, so the spans add up to nearly
 * the whole. Reading the rows alone is timed afterwards, to tell the database's share from the engine's.
 */
export async function timedReindex(): Promise<Reindex> {
  const documents = new Map<string, number>();
  const reported = new Map<string, number>();
  const startedAt = new Date();
  const started = performance.now();
  await reindexAll(db, (index, done) => {
    documents.set(index, done);
    if (done - (reported.get(index) ?? 0) >= PROGRESS_EVERY) {
      reported.set(index, done);
      console.info(`  · ${index}: ${done} documents after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  });
  const ms = performance.now() - started;
  const indexes: IndexBuild[] = [];
  for (const definition of searchIndexes) {
    indexes.push({
      name: definition.name,
      documents: documents.get(definition.name) ?? 0,
      ms: await taskSpan(indexUid(definition.name), startedAt),
      readMs: await readTime(definition),
    });
  }
  return { ms, indexes };
}

/** Reading an index's documents from PostgreSQL alone, batch by batch: the part of its build that is not the engine's. */
async function readTime(definition: SearchIndexDefinition): Promise<number> {
  const started = performance.now();
  let afterId: string | null = null;
  for (;;) {
    const ids = await definition.listSourceIds(db, afterId, BATCH);
    if (ids.length === 0) break;
    await definition.load(db, ids);
    afterId = ids[ids.length - 1]!;
  }
  return performance.now() - started;
}

/**
 * The span of the engine's tasks on an index's live and fresh copy since the reindex began. A swap
 * swaps the indexes' task histories too, so both names are asked for.
 */
async function taskSpan(live: string, since: Date): Promise<number> {
  const tasks = [];
  let from: number | null | undefined;
  do {
    const page = await getAdminClient().tasks.getTasks({ indexUids: [live, `${live}_rebuild`], afterEnqueuedAt: since.toISOString(), limit: 1000, ...(from == null ? {} : { from }) });
    tasks.push(...page.results);
    from = page.next;
  } while (from != null);
  const enqueued = tasks.map((task) => Date.parse(task.enqueuedAt));
  const finished = tasks.flatMap((task) => (task.finishedAt ? [Date.parse(task.finishedAt)] : []));
  return tasks.length && finished.length ? Math.max(...finished) - Math.min(...enqueued) : Number.NaN;
}
