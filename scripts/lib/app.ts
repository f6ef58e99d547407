import { closeDb, db } from "#db/client";
import type { Env } from "#app/utils/env.server";
import { startDraining } from "#app/utils/lifecycle.server";
import { applySearchSettings, rebuildOutdatedIndexes } from "#search/reindex";
import { startHttpServer } from "./http";
import { startWorker } from "./worker";

export type RunningApp = { port: number; stop: () => Promise<void> };

/** The HTTP server and the job worker over servers that are already up. */
export async function startApp(env: Env, options: { development: boolean }): Promise<RunningApp> {
  await applySearchSettings()
    .then(() => rebuildOutdatedIndexes(db, (index, done) => console.info(`  · search index ${index}: ${done} documents`)))
    .catch((error: Error) => console.warn(`[search] not prepared now (${error.message}); the index catches up later.`));
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
