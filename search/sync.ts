import { sql, type SQL } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { Database, Executor } from "#db/client";
import { getAdminClient, indexUid, waitForTask } from "./client";
import { findIndexDefinition } from "./indexes";

export const SEARCH_SYNC_TASK = "search_sync";

const SyncPayloadSchema = z.object({ index: z.string(), id: z.string() });

/**
 * Records, inside the caller's transaction, that the index must learn the current state of one
 * document. The job key makes repeated edits of the same document one job.
 */
export async function enqueueSearchSync(executor: Executor, index: string, id: string): Promise<void> {
  const payload = JSON.stringify({ index, id });
  await executor.execute(
    // One queue per index runs its jobs one at a time, so an older state can never be written after a
    // newer one; the job key folds repeated edits of a document into one job. A sync never gives up:
    // the backoff grows to hours, and the index catches up whenever Meilisearch is back.
    sql`select graphile_worker.add_job(${SEARCH_SYNC_TASK}, ${payload}::json, queue_name => ${`search_${index}`}, job_key => ${`${index}:${id}`}, max_attempts => 32000)`,
  );
}

/**
 * The same for many rows at once, in one statement: a job for every id the query yields (its only
 * column must be named `id`), with the payload, queue and job key `enqueueSearchSync` gives one.
 */
export async function enqueueSearchSyncForQuery(executor: Executor, index: string, ids: SQL): Promise<void> {
  await executor.execute(
    sql`select graphile_worker.add_job(${SEARCH_SYNC_TASK}, json_build_object('index', ${index}::text, 'id', source.id)::json,
          queue_name => ${`search_${index}`}, job_key => ${index}::text || ':' || source.id, max_attempts => 32000)
        from (${ids}) as source`,
  );
}

/**
 * Pushes one row's current documents to Meilisearch and removes the ones it no longer has (a
 * location taken away, a service ended); safe to run again. New documents go in before stale ones
 * go out, so the row never disappears from search in between.
 */
export async function syncDocument(db: Database, index: string, id: string): Promise<void> {
  const definition = findIndexDefinition(index);
  if (!definition) return;
  const documents = await definition.load(db, [id]);
  const target = getAdminClient().index(indexUid(definition.name));
  if (documents.length > 0) await waitForTask(target.addDocuments(documents, { primaryKey: "id" }));
  const keep = documents.map((document) => JSON.stringify(document.id)).join(", ");
  const stale = `${definition.sourceKey} = ${JSON.stringify(id)}${keep ? ` AND id NOT IN [${keep}]` : ""}`;
  // Most edits leave the row's documents as they were: asking first (a read, answered at once)
  // spares the engine a write task, which would queue before the next edit's documents (bench:search).
  const { results } = await target.getDocuments({ filter: stale, fields: ["id"], limit: 1 });
  if (results.length > 0) await waitForTask(target.deleteDocuments({ filter: stale }));
}

/** The graphile-worker task: a thrown error makes the queue retry with exponential backoff. */
export function createSearchSyncTask(db: Database): Task {
  return async (payload) => {
    const { index, id } = SyncPayloadSchema.parse(payload);
    await syncDocument(db, index, id);
  };
}

/** Seconds since the oldest change that the index has not learnt yet; 0 when it is up to date. */
export async function getSearchSyncLag(db: Database): Promise<{ pending: number; lagSeconds: number }> {
  const rows = await db.execute<{ pending: number; lag: number | null }>(
    sql`select count(*)::int as pending, extract(epoch from now() - min(created_at))::float8 as lag
        from graphile_worker.jobs where task_identifier = ${SEARCH_SYNC_TASK}`,
  );
  const row = rows[0];
  return { pending: row?.pending ?? 0, lagSeconds: Math.max(0, Math.round((row?.lag ?? 0) * 10) / 10) };
}

/**
 * Sync jobs that failed while Meilisearch was unreachable wait for their retry with a growing
 * backoff (up to hours). Once Meilisearch answers again they are made due at once, so the index
 * catches up within seconds of its return. The worker calls this every few seconds; it returns how
 * many jobs it brought forward.
 */
export async function retrySyncJobsIfSearchIsBack(db: Database): Promise<number> {
  const waiting = await db.execute<{ id: string }>(
    sql`select id::text as id from graphile_worker.jobs
        where task_identifier = ${SEARCH_SYNC_TASK} and attempts > 0 and locked_at is null and run_at > now()`,
  );
  if (waiting.length === 0) return 0;
  if (
    !(await getAdminClient()
      .isHealthy()
      .catch(() => false))
  )
    return 0;
  const ids = `{${waiting.map((row) => row.id).join(",")}}`;
  await db.execute(sql`select graphile_worker.reschedule_jobs(${ids}::bigint[], run_at := now())`);
  return waiting.length;
}
