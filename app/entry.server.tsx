import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleDataRequestFunction, type HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { markDatabaseBusy, noteDatabaseBusy } from "./utils/database-busy.server";
import { serverMessageCatalog } from "./utils/i18n.server";
import { log } from "./utils/log.server";
import { setMessageCatalog } from "./utils/message-catalog";
import { NonceProvider } from "./utils/nonce";

setMessageCatalog(serverMessageCatalog);

const ABORT_DELAY = 5_000;

// Requests whose loader or action gave up because the database was busy or away (a statement, lock or
// pool timeout): they are answered 503 with Retry-After instead of 500, pages and data requests alike.
// Resource routes answer so themselves (resourceRoute): Remix passes their answers through no hook here.
const databaseUnavailable = new WeakSet<Request>();

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (noteDatabaseBusy(error, request)) {
    databaseUnavailable.add(request);
    return;
  }
  if (request.signal.aborted) return;
  // Remix wraps an error it raised itself (a 405, a missing action) in an error response: the inner error says what happened.
  const inner = isRouteErrorResponse(error) ? (error as { error?: unknown }).error : undefined;
  log.error({ component: "remix", err: inner ?? error }, "request failed");
};

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  if (!databaseUnavailable.has(request)) return response;
  const headers = new Headers(response.headers);
  markDatabaseBusy(headers);
  return new Response(response.body, { status: 503, headers });
};

/**
 * A page whose action or loader answered 429 says when to come back. Remix keeps only the cookies of
 * a route's headers on a full page (without JavaScript a refused form is one), so the wait is taken over here.
 */
function keepRetryAfter(status: number, headers: Headers, context: EntryContext["staticHandlerContext"]): void {
  if (status !== 429 || headers.has("Retry-After")) return;
  const routeHeaders = [...Object.values(context.actionHeaders ?? {}), ...Object.values(context.loaderHeaders ?? {})];
  const wait = routeHeaders.map((each) => each.get("Retry-After")).find(Boolean);
  if (wait) headers.set("Retry-After", wait);
}

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = loadContext.cspNonce ?? "";
  if (databaseUnavailable.has(request)) {
    responseStatusCode = 503;
    markDatabaseBusy(responseHeaders);
  }
  keepRetryAfter(responseStatusCode, responseHeaders, remixContext.staticHandlerContext);
  // Crawlers get the whole page at once; people get the shell as soon as it is ready.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) log.error({ component: "remix", err: error }, "page rendering failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
