import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import { log, runWithRequestContext, scrubPath, type RequestContext } from "#app/utils/log.server";

/** The header that carries the request id in and out. */
export const REQUEST_ID_HEADER = "X-Request-Id";

// A proxy's id is kept only when it is a short, plain token: anything else could forge or break log lines.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The request id: the incoming X-Request-Id when it is a short safe token, else a new one. */
export function requestIdFrom(incoming: string | undefined): string {
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The query's keys, never their values (a reset or unsubscribe token travels in one). */
function queryKeys(originalUrl: string): string[] | undefined {
  const start = originalUrl.indexOf("?");
  if (start < 0) return undefined;
  const keys = [...new Set(new URLSearchParams(originalUrl.slice(start + 1)).keys())];
  return keys.length ? keys : undefined;
}

/**
 * One structured log line per request: request id (also sent back as X-Request-Id), method, path (token
 * segments scrubbed), the query's keys, status, duration, client address (`req.ip`, so TRUST_PROXY
 * decides which hop is believed) and the actor once the auth code has named one. The rest of the
 * request runs inside the request context, so whatever the app logs carries the same id, address and
 * actor. A 403 also gets its own `refused` line, with the actor.
 */
export function requestLog(): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const context: RequestContext = { requestId: requestIdFrom(req.get(REQUEST_ID_HEADER)), clientAddress: req.ip ?? "unknown" };
    res.setHeader(REQUEST_ID_HEADER, context.requestId);
    const path = scrubPath(req.path);
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const fields = {
        event: "request",
        reqId: context.requestId,
        addr: context.clientAddress,
        userId: context.userId,
        method: req.method,
        path,
        query: queryKeys(req.originalUrl),
        status: res.statusCode,
        durationMs: Number((Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)),
        // A response the client gave up on before it was sent.
        aborted: res.writableFinished ? undefined : true,
      };
      if (res.statusCode >= 500) log.error(fields, "request");
      else log.info(fields, "request");
      if (res.statusCode === 403) log.warn({ ...fields, event: "refused" }, "refused");
    };
    res.once("finish", done);
    res.once("close", done);
    runWithRequestContext(context, next);
  };
}
