import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type Express, type RequestHandler } from "express";
import helmet from "helmet";
import onHeaders from "on-headers";
import type { Env } from "#app/utils/env.server";
import { isDraining } from "#app/utils/lifecycle.server";
import { cachePolicy, markPublicFile, refuseEchoMethods, refuseOddUrl } from "./edge";
import { readBody } from "./edge-body";
import { remixHandler } from "./edge-remix";
import { requestLog } from "./request-log";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Where mails' List-Unsubscribe-Post requests go. */
export const ONE_CLICK_UNSUBSCRIBE_PATH = "/benachrichtigungen/abbestellen";

/**
 * Refuses every state-changing request that does not come from this site. The site's origin is
 * APP_URL, never a request header; without an Origin header, Sec-Fetch-Site must say same-origin.
 */
export function originCheck(appOrigin: string): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    // A mail program's one-click unsubscribe (RFC 8058) comes from no site at all; the signed token
    // in its address is the authority there, and the action changes nothing else.
    if (req.path === ONE_CLICK_UNSUBSCRIBE_PATH) return next();
    const origin = req.get("origin");
    const sameSite = origin ? origin === appOrigin : req.get("sec-fetch-site") === "same-origin";
    if (sameSite) return next();
    res.status(403).type("text/plain").send("Abgelehnt: Diese Anfrage kam nicht von dieser Website.\nRefused: this request did not come from this site.\n");
  };
}

/** Helmet with a per-response script nonce; HSTS only for an https site. */
export function securityHeaders(env: Env, development: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        // Only scripts carrying this response's nonce run, and what they load ('strict-dynamic').
        "script-src": ["'strict-dynamic'", "'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
        "script-src-attr": ["'none'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": development ? ["'self'", "ws:"] : ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "upgrade-insecure-requests": env.secure ? [] : null,
      },
    },
    strictTransportSecurity: env.secure ? { maxAge: 63072000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: "deny" },
  });
}

export type AppServer = { port: number; close: () => Promise<void> };

export type EdgeOptions = { development: boolean; publicDir?: string };

/**
 * The site's express app: the request log, security headers and the cache policy, then the edge's
 * refusals (TRACE, control characters, cross-site writes), the public files, the body within its
 * limits, and `handler` (the Remix build) last.
 */
export function createEdgeApp(env: Env, options: EdgeOptions, handler: RequestHandler): Express {
  const publicDir = options.publicDir ?? "public";
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);
  app.use(requestLog());
  app.use(compression());
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(securityHeaders(env, options.development));
  app.use(cachePolicy());
  app.use(refuseEchoMethods());
  app.use(refuseOddUrl());
  app.use(originCheck(env.appOrigin));
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y", setHeaders: markPublicFile }));
  app.use(express.static(publicDir, { maxAge: "1h", setHeaders: markPublicFile }));
  app.use(readBody());
  app.all("*", handler);
  return app;
}

/**
 * Listens on `port`. While the process drains (SIGTERM) or the server closes, answers carry
 * `Connection: close`. `close` stops accepting, closes idle keep-alive connections at once, lets
 * in-flight requests finish (their connections close after them) and resolves when all are done.
 */
export async function listen(app: Express, port: number): Promise<AppServer> {
  let closing = false;
  const server = createServer();
  const inFlight = new Set<ServerResponse>();
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    onHeaders(res, () => {
      if (closing || isDraining()) res.setHeader("Connection", "close");
    });
    res.once("close", () => {
      inFlight.delete(res);
      // An answer whose headers went out before the close began left its connection open: idle now.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "EADDRINUSE" ? `Port ${port} is in use: stop what runs there or set PORT to a free port.` : `HTTP server: ${error.message}`)),
    );
    server.listen(port, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** Serves the Remix build behind the edge; `close` lets in-flight requests finish. */
export async function startHttpServer(env: Env, options: EdgeOptions): Promise<AppServer> {
  const buildUrl = pathToFileURL(path.resolve("build/index.js")).href;
  const build = (await import(buildUrl)) as ServerBuild;
  const handler = remixHandler({
    build,
    mode: options.development ? "development" : "production",
    siteOrigin: env.appOrigin,
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientAddress: req.ip ?? "unknown" }),
  });
  const server = await listen(createEdgeApp(env, options, handler), env.PORT);
  if (options.development) await broadcastDevReady(build);
  return server;
}
