/**
 * The process's life as the web layer sees it: once draining (a SIGTERM arrived), readiness answers
 * 503 and responses close their connections, so a load balancer moves on while in-flight requests finish.
 * It also remembers when the database last made a request give up (a statement, lock or pool timeout),
 * so that readiness can tell.
 *
 * The state lives on globalThis: the server scripts and the app's build each load their own copy of
 * this module, and both must see the same process.
 */
import { getSql } from "#db/client";

type Lifecycle = { draining: boolean; databaseTimeouts: number[] };

const state = ((globalThis as unknown as { __kurzeWegeLifecycle?: Lifecycle }).__kurzeWegeLifecycle ??= { draining: false, databaseTimeouts: [] });

/** How long a client should wait before asking again after a 503 for a busy database. */
export const RETRY_AFTER_SECONDS = 5;

/** How far back readiness looks for database timeouts. */
export const TIMEOUT_WINDOW_MS = 60_000;

export function startDraining(): void {
  state.draining = true;
}

export function isDraining(): boolean {
  return state.draining;
}

/** Records that a request gave up because the database did not answer in time. */
export function noteDatabaseTimeout(now = Date.now()): void {
  state.databaseTimeouts = [...state.databaseTimeouts.filter((at) => at > now - TIMEOUT_WINDOW_MS), now].slice(-1000);
}

/** The database timeouts of the last minute: how many, and how many seconds ago the last one was. */
export function recentDatabaseTimeouts(now = Date.now()): { count: number; lastSecondsAgo: number | null } {
  const recent = state.databaseTimeouts.filter((at) => at > now - TIMEOUT_WINDOW_MS);
  const last = recent.at(-1);
  return { count: recent.length, lastSecondsAgo: last === undefined ? null : Math.round((now - last) / 1000) };
}

const LOCK_PROBE_TIMEOUT_MS = 1000;

/** This app's connections that wait for a lock now, and the longest wait in seconds; null when the probe does not answer in time. */
export async function databaseLockWaits(): Promise<{ waiting: number; longestSeconds: number } | null> {
  const probe = getSql()<{ waiting: number; longestSeconds: number }[]>`
    select count(*)::int as waiting, coalesce(round(extract(epoch from max(now() - query_start)))::int, 0) as "longestSeconds"
    from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), LOCK_PROBE_TIMEOUT_MS).unref());
  return Promise.race([probe.then(([row]) => row ?? null), timeout]).catch(() => null);
}
