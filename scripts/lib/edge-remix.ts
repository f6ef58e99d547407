import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { edgeBody } from "./edge-body";
import { refuse, REFUSALS } from "./edge";

/**
 * The request's URL on the site: APP_URL's origin and the path asked for. The edge has already checked
 * that a write comes from APP_URL's origin, so the app sees every request as addressed to the site,
 * whatever Host header a proxy passes on (a Host header never decides a link or a redirect).
 */
function requestUrl(req: ExpressRequest, siteOrigin: string): URL | null {
  try {
    // Concatenated, not resolved: a path like "//other.example/" stays a path on the site.
    return new URL(`${siteOrigin}${req.originalUrl}`);
  } catch {
    return null;
  }
}

/** The request's headers, with the site's host: Remix compares an action's Origin with it. */
function requestHeaders(req: ExpressRequest, url: URL): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === "host" || name === "x-forwarded-host") continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  headers.set("host", url.host);
  return headers;
}

/**
 * The Fetch request for Remix, with the body the edge read and checked (see edge-body.ts). The
 * signal aborts when the client goes away before the answer, or when the edge refused the body.
 */
function fetchRequest(req: ExpressRequest, res: ExpressResponse, url: URL): Request {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const body = edgeBody(res);
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: requestHeaders(req, url), signal: controller.signal };
  if (body?.kind === "stream") {
    init.signal = AbortSignal.any([controller.signal, body.signal]);
    init.body = createReadableStreamFromReadable(body.stream);
    init.duplex = "half";
  } else if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = body ? Uint8Array.from(body.data) : new Uint8Array(0);
  }
  return new Request(url, init);
}

async function sendResponse(req: ExpressRequest, res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  // An answer given before the app read the whole body (an upload it did not want) ends the
  // connection, so the rest of that body is not taken for the next request.
  if (!req.complete) res.setHeader("Connection", "close");
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * Serves the Remix build from express, in place of @remix-run/express's handler: the same request and
 * answer, but the body comes from the edge, which has already read (or is streaming) it within its
 * limits. When the edge has answered a refused body itself, the app's answer is dropped.
 */
export function remixHandler(options: {
  build: ServerBuild;
  mode: string;
  /** APP_URL's origin. */
  siteOrigin: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}): RequestHandler {
  const handleRequest = createRequestHandler(options.build, options.mode);
  return (req, res, next) => {
    const url = requestUrl(req, options.siteOrigin);
    if (!url) return refuse(res, 400, REFUSALS.unreadable);
    handleRequest(fetchRequest(req, res, url), options.getLoadContext(req, res))
      .then(async (response) => {
        // The edge answers a body it refused itself (edge-body.ts), also when it answers only later.
        if (res.headersSent || res.locals.edgeRefused === true) return void (await response.body?.cancel());
        await sendResponse(req, res, response);
      })
      .catch((error: unknown) => (res.locals.edgeRefused === true ? undefined : next(error)));
  };
}
