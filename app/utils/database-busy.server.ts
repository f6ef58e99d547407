/**
 * The rule for a database that is busy or away (a statement, lock or pool timeout, a refused or closed
 * connection): the request answers 503 with Retry-After and no-store instead of 500, is counted for
 * readiness and logged once. Pages and data requests reach it through entry.server's hooks; resource
 * routes, whose answers Remix hands to no hook of ours, through `resourceRoute`.
 */
import { isDatabaseUnavailable } from "#db/client";
import { apiError } from "#app/modules/directory/api-errors.server";
import { getFixedT, getLanguage } from "./i18n.server";
import { noteDatabaseTimeout, RETRY_AFTER_SECONDS } from "./lifecycle.server";
import { log, scrubPath } from "./log.server";

/** True when `error` says the database was busy or away; the request is then counted for readiness and logged. */
export function noteDatabaseBusy(error: unknown, request: Request): boolean {
  if (!isDatabaseUnavailable(error)) return false;
  noteDatabaseTimeout();
  // The cause's message only: the query's own message carries its parameters. The path is scrubbed
  // because some carry a secret (a private calendar's token, a plan's code).
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const reason = cause instanceof Error ? cause.message : String(cause);
  log.warn({ component: "db", method: request.method, path: scrubPath(new URL(request.url).pathname), error: reason }, "database busy: answered 503");
  return true;
}

/** Marks an answer to a busy database: when to ask again, and that it must not be cached. */
export function markDatabaseBusy(headers: Headers): void {
  headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  headers.set("Cache-Control", "no-store");
}

/** A resource route's 503: the JSON API's error object under /api/, else a line of text in the reader's language. */
async function databaseBusyResponse(request: Request): Promise<Response> {
  let response: Response;
  if (new URL(request.url).pathname.startsWith("/api/")) {
    response = apiError(503, `the database is busy; try again in ${RETRY_AFTER_SECONDS} seconds`);
  } else {
    const t = getFixedT(await getLanguage(request));
    response = new Response(`${t("busyErrors.unavailableText")}\n`, { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  markDatabaseBusy(response.headers);
  return response;
}

const resourceHandlers = new WeakSet<object>();

/**
 * A resource route's loader or action (feeds, CSV, the JSON API, downloads): when the database is busy
 * or away it throws the 503 with Retry-After that pages get from entry.server; every other error passes
 * on unchanged. Every route without a default export goes through it (database-busy.server.test.ts checks).
 */
export function resourceRoute<Args extends { request: Request }, Result>(handler: (args: Args) => Promise<Result>): (args: Args) => Promise<Result> {
  const guarded = async (args: Args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (noteDatabaseBusy(error, args.request)) throw await databaseBusyResponse(args.request);
      throw error;
    }
  };
  resourceHandlers.add(guarded);
  return guarded;
}

/** True for a handler made by `resourceRoute`. */
export function isResourceRouteHandler(handler: unknown): boolean {
  return typeof handler === "function" && resourceHandlers.has(handler);
}
