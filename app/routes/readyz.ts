import { json } from "@remix-run/node";
import { checkReadiness } from "#app/modules/health/health.server";
import { databaseLockWaits, isDraining, recentDatabaseTimeouts } from "#app/utils/lifecycle.server";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Readiness. 503 while the process drains (a SIGTERM arrived) or PostgreSQL does not answer; 200 with
 * status "degraded" while search lags, requests waited for locks, or gave up on database timeouts in the
 * last minute (answered 503 with Retry-After themselves): the site is up, but not all is well.
 */
export async function loader() {
  if (isDraining()) return new Response(JSON.stringify({ status: "draining" }), { status: 503, headers: { ...NO_STORE, "Content-Type": "application/json; charset=utf-8" } });
  const { ready, body } = await checkReadiness();
  const timeouts = recentDatabaseTimeouts();
  const locks = ready ? await databaseLockWaits() : null;
  const busy = timeouts.count > 0 || (locks?.waiting ?? 0) > 0;
  const database = { status: busy ? ("degraded" as const) : ("ok" as const), timeoutsLastMinute: timeouts.count, lastTimeoutSecondsAgo: timeouts.lastSecondsAgo, lockWaits: locks };
  const status = body.status === "ok" && busy ? "degraded" : body.status;
  return json({ ...body, status, checks: { ...body.checks, database } }, { status: ready ? 200 : 503, headers: NO_STORE });
}
