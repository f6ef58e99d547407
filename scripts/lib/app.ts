import { closeDb, db } from "#db/client";
import type { Env } from "#app/utils/env.server";
import { startDraining } from "#app/utils/lifecycle.server";
import { log } from "#app/utils/log.server";
import { applySearchSettings, rebuildOutdatedIndexes } from "#search/reindex";
import { startHttpServer } from "./http";
import { startWorker } from "./worker";

export type RunningApp = { port: number; stop: () => Promise<void> };

/** Applies the indexes' settings and rebuilds those whose documents changed with an upgrade (once per start, not per process). */
export async function prepareSearch(): Promise<void> {
  await applySearchSettings()
    .then(() => rebuildOutdatedIndexes(db, (index, done) => console.info(`  · search index ${index}: ${done} documents`)))
    .catch((error: Error) => log.warn({ component: "search", error: error.message }, "search not prepared now; the index catches up later"));
}

/**
 * The HTTP server and the job worker over servers that are already up. `prepareSearch: false` in the
 * server processes of a group, whose primary prepared the search once.
 */
export async function startApp(env: Env, options: { development: boolean; prepareSearch?: boolean }): Promise<RunningApp> {
  if (options.prepareSearch !== false) await prepareSearch();
  const worker = await startWorker(process.env.DATABASE_URL!);
  const http = await startHttpServer(env, options);
  return {
    port: http.port,
    // In order: readiness 503; no new connections, idle keep-alive connections closed, in-flight
    // requests finished; the job worker lets its running jobs finish; then the pools close.
    stop: async () => {
      startDraining();
      await http.close();
      await worker.stop();
      await worker.pool.end();
      await closeDb();
    },
  };
}
