import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleDataRequestFunction, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isDatabaseUnavailable } from "#db/client";
import { noteDatabaseTimeout, RETRY_AFTER_SECONDS } from "./utils/lifecycle.server";
import { serverMessageCatalog } from "./utils/i18n.server";
import { setMessageCatalog } from "./utils/message-catalog";
import { NonceProvider } from "./utils/nonce";

setMessageCatalog(serverMessageCatalog);

const ABORT_DELAY = 5_000;

// Requests whose loader or action gave up because the database was busy or away (a statement, lock or
// pool timeout): they are answered 503 with Retry-After instead of 500, pages and data requests alike.
const databaseUnavailable = new WeakSet<Request>();

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (isDatabaseUnavailable(error)) {
    databaseUnavailable.add(request);
    noteDatabaseTimeout();
    // The cause only: the query's own message would carry its parameters.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : (error as Error);
    console.warn(`[db] ${request.method} ${new URL(request.url).pathname}: ${cause.message}`);
    return;
  }
  if (!request.signal.aborted) console.error(error);
};

function markUnavailable(headers: Headers): void {
  headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  headers.set("Cache-Control", "no-store");
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  if (!databaseUnavailable.has(request)) return response;
  const headers = new Headers(response.headers);
  markUnavailable(headers);
  return new Response(response.body, { status: 503, headers });
};

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = loadContext.cspNonce ?? "";
  if (databaseUnavailable.has(request)) {
    responseStatusCode = 503;
    markUnavailable(responseHeaders);
  }
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
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
