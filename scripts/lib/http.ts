import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type RequestHandler } from "express";
import helmet from "helmet";
import type { Env } from "#app/utils/env.server";

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

/** Serves the Remix build with security headers and the Origin check; `close` lets in-flight requests finish. */
export async function startHttpServer(env: Env, options: { development: boolean }): Promise<AppServer> {
  const buildUrl = pathToFileURL(path.resolve("build/index.js")).href;
  const build = (await import(buildUrl)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);
  app.use(compression());
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(securityHeaders(env, options.development));
  app.use(originCheck(env.appOrigin));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: options.development ? "development" : "production",
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientAddress: req.ip ?? "unknown" }),
    }),
  );
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(env.PORT, () => resolve(listening));
    listening.once("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "EADDRINUSE" ? `Port ${env.PORT} is in use: stop what runs there or set PORT to a free port.` : `HTTP server: ${error.message}`)),
    );
  });
  if (options.development) await broadcastDevReady(build);
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : env.PORT,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
