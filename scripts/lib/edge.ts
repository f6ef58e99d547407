import type { RequestHandler, Response } from "express";
import onHeaders from "on-headers";
import { IMPORT_FILE_MAX_BYTES, INVITATION_FILE_MAX_BYTES } from "#app/utils/upload-limits";

/** Every form body (urlencoded, JSON, a multipart form without an upload): more is refused with 413. */
export const FORM_BODY_LIMIT = 256 * 1024;

/**
 * Multipart uploads by their route's own limit, plus room for the form's other fields and part
 * headers. Up to this size the route answers a too-large file itself, at the field.
 */
export const UPLOAD_BODY_LIMITS: Readonly<Record<string, number>> = {
  "/verzeichnis/import": IMPORT_FILE_MAX_BYTES + 64 * 1024,
  // The page reads a larger file than its limit only to say so, together with the pasted addresses.
  "/verwaltung/einladungen": 2 * INVITATION_FILE_MAX_BYTES,
};

/** The body limit of a request to this path. */
export function bodyLimit(path: string, multipart: boolean): number {
  if (!multipart) return FORM_BODY_LIMIT;
  // Routes match without regard to case or a trailing slash.
  const route = path.toLowerCase().replace(/\/+$/, "");
  return UPLOAD_BODY_LIMITS[route] ?? FORM_BODY_LIMIT;
}

/**
 * Whether a character code is refused: C0 control characters and DEL. Tab, line feed and carriage
 * return are text in form fields (a textarea, a pasted table), so `text` allows them.
 */
function refusedCode(code: number, text: boolean): boolean {
  if (text && (code === 0x09 || code === 0x0a || code === 0x0d)) return false;
  return code < 0x20 || code === 0x7f;
}

/** Whether decoded text holds a refused control character (`text`: tab, CR and LF allowed). */
export function hasControlCharacter(value: string, text: boolean): boolean {
  for (let index = 0; index < value.length; index++) if (refusedCode(value.charCodeAt(index), text)) return true;
  return false;
}

const PERCENT_ESCAPE = /%([0-9a-f]{2})/gi;

/**
 * Whether percent-encoded text (a path, a query string, an urlencoded body) holds a refused control
 * character, raw or escaped. One escape is one byte, and UTF-8 never uses bytes below 0x80 inside a
 * multi-byte character, so the escapes need no decoding.
 */
export function hasEncodedControlCharacter(encoded: string, text: boolean): boolean {
  if (hasControlCharacter(encoded, text)) return true;
  for (const match of encoded.matchAll(PERCENT_ESCAPE)) if (refusedCode(Number.parseInt(match[1]!, 16), text)) return true;
  return false;
}

/** Whether a parsed JSON value holds a refused control character in any key or string. */
export function jsonHasControlCharacter(value: unknown): boolean {
  if (typeof value === "string") return hasControlCharacter(value, true);
  if (Array.isArray(value)) return value.some(jsonHasControlCharacter);
  if (value && typeof value === "object") return Object.entries(value).some(([key, item]) => hasControlCharacter(key, true) || jsonHasControlCharacter(item));
  return false;
}

export const REFUSALS = {
  control: "Abgelehnt: Die Anfrage enthält Steuerzeichen, die hier nicht erlaubt sind.\nRefused: the request contains control characters that are not allowed here.\n",
  unreadable: "Abgelehnt: Die Anfrage konnte nicht gelesen werden.\nRefused: the request could not be read.\n",
  method: "Abgelehnt: Diese Methode wird hier nicht unterstützt.\nRefused: this method is not supported here.\n",
  tooLarge: (limit: number) => `Abgelehnt: Die Anfrage ist zu groß (höchstens ${Math.floor(limit / 1024)} kB).\nRefused: the request is too large (at most ${Math.floor(limit / 1024)} kB).\n`,
};

/**
 * A plain refusal page. When the request body was not read to its end, the connection closes after
 * the answer, so that the rest of the body is never read.
 */
export function refuse(res: Response, status: number, text: string, options: { closeConnection?: boolean } = {}): void {
  if (res.headersSent) return;
  if (options.closeConnection) res.setHeader("Connection", "close");
  res.status(status).type("text/plain").send(text);
}

/** The methods this site answers; TRACE and TRACK echo a request back and are never handed on. */
export const ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
const ECHO_METHODS = new Set(["TRACE", "TRACK"]);

/** TRACE (and TRACK) answer 405 with `Allow`. */
export function refuseEchoMethods(): RequestHandler {
  return (req, res, next) => {
    if (!ECHO_METHODS.has(req.method)) return next();
    res.setHeader("Allow", ALLOWED_METHODS);
    refuse(res, 405, REFUSALS.method);
  };
}

/**
 * Control characters in the path or the query string, raw or percent-encoded, answer 400. In the
 * query string tab, CR and LF pass, as in form bodies: they are values of GET forms.
 */
export function refuseOddUrl(): RequestHandler {
  return (req, res, next) => {
    const target = req.originalUrl;
    const queryStart = target.indexOf("?");
    const path = queryStart === -1 ? target : target.slice(0, queryStart);
    const query = queryStart === -1 ? "" : target.slice(queryStart + 1);
    if (hasEncodedControlCharacter(path, false) || hasEncodedControlCharacter(query, true)) return refuse(res, 400, REFUSALS.control);
    next();
  };
}

/** The session cookie's names (app/modules/auth/lucia.server.ts): `__Host-` on an https site. */
export const SESSION_COOKIE_NAMES = ["kw_session", "__Host-kw_session"];

/** Whether the request carries a (non-empty) session cookie: a signed-in person, as far as the edge can tell. */
export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((pair) => {
    const separator = pair.indexOf("=");
    if (separator === -1) return false;
    return SESSION_COOKIE_NAMES.includes(pair.slice(0, separator).trim()) && pair.slice(separator + 1).trim() !== "";
  });
}

/**
 * Pages that are personal even for a guest: sign-in and account pages, links carrying a token, a
 * private calendar or plan. Their documents and their data requests (`?_data=`) are never stored.
 */
const PRIVATE_PATHS = [
  "/anmelden",
  "/registrieren",
  "/abmelden",
  "/konto",
  "/verwaltung",
  "/personen",
  "/passwort-vergessen",
  "/passwort-zuruecksetzen",
  "/e-mail-bestaetigen",
  "/einladung",
  "/einrichten",
  "/benachrichtigungen",
  "/kalender/privat",
  "/plan",
  "/arbeitsgruppen/einladungen",
  "/arbeitsgruppen/anfragen",
];

export function isPrivatePath(path: string): boolean {
  const lower = path.toLowerCase();
  return PRIVATE_PATHS.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
}

/** Marks a response as a file of the site's public folder (express.static's `setHeaders`). */
export function markPublicFile(res: Response): void {
  res.locals.publicFile = true;
}

/**
 * `Cache-Control: no-store` on every response for a signed-in person, on private pages and their
 * data requests, on every response that sets a cookie, and on every error (status ≥ 400). Files of the
 * public folder (/build keeps its year-long, immutable cache) and versioned resources the app marks
 * `immutable` keep their caching: they are the same for everyone. Decided when the headers go out.
 */
export function cachePolicy(): RequestHandler {
  return (req, res, next) => {
    const personal = hasSessionCookie(req.headers.cookie) || isPrivatePath(req.path);
    onHeaders(res, () => {
      const sharedFile = res.locals.publicFile === true || /\bimmutable\b/.test(String(res.getHeader("Cache-Control") ?? ""));
      if (res.statusCode < 400 && sharedFile) return;
      // A route's own no-store ("private, no-store") already says as much: it stays as the route set it.
      if (/\bno-store\b/.test(String(res.getHeader("Cache-Control") ?? ""))) return;
      if (personal || res.statusCode >= 400 || res.hasHeader("Set-Cookie")) res.setHeader("Cache-Control", "no-store");
    });
    next();
  };
}
