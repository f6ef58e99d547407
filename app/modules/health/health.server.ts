import { db, getSql } from "#db/client";
import { getAdminClient } from "#search/client";
import { getSearchSyncLag } from "#search/sync";

const CHECK_TIMEOUT_MS = 2000;

type Check = { status: "ok" | "down" | "degraded"; latencyMs: number; error?: string };

async function timed(check: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref())]);
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "down", latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

/**
 * Readiness: PostgreSQL must answer (without it nothing works); Meilisearch and the search sync may
 * lag or be down, which degrades search but not the site.
 */
export async function checkReadiness() {
  const [database, search] = await Promise.all([timed(() => getSql()`select 1`), timed(() => getAdminClient().health())]);
  let sync: { status: "ok" | "degraded" | "unknown"; pending: number; lagSeconds: number } = { status: "unknown", pending: 0, lagSeconds: 0 };
  if (database.status === "ok") {
    const lag = await getSearchSyncLag(db).catch(() => null);
    if (lag) sync = { status: lag.lagSeconds > 60 ? "degraded" : "ok", ...lag };
  }
  const ready = database.status === "ok";
  const status = !ready ? "down" : search.status === "ok" && sync.status === "ok" ? "ok" : "degraded";
  return { ready, body: { status, checks: { postgres: database, meilisearch: search.status === "ok" ? search : { ...search, status: "degraded" as const }, searchSync: sync } } };
}
