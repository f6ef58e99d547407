import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import pino, { type DestinationStream, type Level, type Logger } from "pino";
import type { prettyFactory as PrettyFactory } from "pino-pretty";

// One logger for the app and the scripts. NOTE: the Remix build bundles its own copy of this module
// while the server scripts load theirs, so the request context and the logger live on globalThis:
// a request line written by the scripts and a sign-in logged by the app share one context.

/** What every log line written while serving a request carries: its id, the client address and, once known, the actor. */
export type RequestContext = { requestId: string; clientAddress: string; userId?: string };

export type LogFormat = "json" | "pretty";

export type LoggerOptions = { format: LogFormat; level: Level | "silent"; destination: DestinationStream };

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Fields that hold secrets wherever they appear (one level deep too): they never reach a log. */
const REDACTED_PATHS = [
  "password",
  "currentPassword",
  "newPassword",
  "token",
  "secret",
  "totpSecret",
  "link",
  "cookie",
  "authorization",
  "*.password",
  "*.currentPassword",
  "*.newPassword",
  "*.token",
  "*.secret",
  "*.totpSecret",
  "*.link",
  "*.cookie",
  "*.authorization",
  'headers["set-cookie"]',
];

// C0 controls, DEL, C1 controls (ESC's 8-bit twin CSI among them), line separators and bidi overrides.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// What JSON itself leaves raw of those: escaped in every written line (inside a JSON string a `\uXXXX` escape reads back the same).
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const C0 = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join("");

/** Writes control characters as visible `\uXXXX` escapes (all but those in `keep`), so no logged value can drive a terminal. */
export function escapeControlCharacters(text: string, keep = ""): string {
  return text.replace(TERMINAL_UNSAFE, (char) => (keep.includes(char) ? char : unicodeEscape(char)));
}

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

// The paths whose next segment is itself a secret link's token: invitation, first-admin setup, private calendar, personal plan.
const SECRET_SEGMENT_AFTER = ["/einladung/", "/einrichten/", "/kalender/privat/", "/plan/"];
// A segment that looks like a random token (mixed case and digits, long): never a slug, an id or a word.
const TOKEN_LIKE = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[A-Za-z0-9_-]{20,}$/;

/** A path fit for the log: the token segments of secret links and anything token-like become `:token`. */
export function scrubPath(path: string): string {
  const prefix = SECRET_SEGMENT_AFTER.find((start) => path.startsWith(start) && path.length > start.length);
  const kept = prefix ? `${prefix}:token${path.slice(prefix.length).replace(/^[^/]*/, "")}` : path;
  return kept
    .split("/")
    .map((segment) => (TOKEN_LIKE.test(segment) ? ":token" : segment))
    .join("/");
}

/** A URL or path+query fit for the log: the scrubbed path and the query's keys only (values may be tokens), e.g. `/suche?q&seite`. */
export function scrubUrl(url: string): string {
  const parsed = new URL(url, "http://log.invalid");
  const keys = [...new Set(parsed.searchParams.keys())];
  const path = scrubPath(parsed.pathname);
  return keys.length ? `${path}?${keys.map((key) => encodeURIComponent(key)).join("&")}` : path;
}

/** An e-mail address as the log may show it: masked, with a short hash to tie attempts on one address together. */
export function maskEmail(email: string): { email: string; emailHash: string } {
  const normalised = email.trim().toLowerCase();
  const [local = "", domain = ""] = normalised.split(/@(?=[^@]*$)/);
  const emailHash = createHash("sha256").update(normalised).digest("hex").slice(0, 12);
  return { email: `${local.slice(0, 1)}***${domain ? `@${domain}` : ""}`, emailHash };
}

type Fields = { [key: string]: unknown };

function escapeValues(value: unknown, keep: string): unknown {
  if (typeof value === "string") return escapeControlCharacters(value, keep);
  if (Array.isArray(value)) return value.map((item) => escapeValues(item, keep));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeValues(item, keep)]));
  return value;
}

/**
 * The human-readable form for development. pino-pretty prints the message and an error's stack as they
 * are, so those are escaped here (a stack keeps its line breaks); other values it prints as JSON, which
 * escapes C0 itself, so only what JSON leaves raw is escaped in them.
 */
function forTerminal(record: Fields): Fields {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => {
      if (key === "msg") return [key, escapeValues(value, "")];
      if (key === "err" || key === "error") return [key, escapeValues(value, "\n")];
      return [key, escapeValues(value, C0)];
    }),
  );
}

/** pino-pretty is a development dependency: a production install has none and keeps to JSON. */
function prettyStream(out: DestinationStream, colorize: boolean): DestinationStream | null {
  try {
    const { prettyFactory } = createRequire(import.meta.url)("pino-pretty") as { prettyFactory: typeof PrettyFactory };
    const format = prettyFactory({ colorize, translateTime: "HH:MM:ss.l", ignore: "pid,hostname" });
    return { write: (line: string) => out.write(format(forTerminal(JSON.parse(line) as Fields))) };
  } catch {
    return null;
  }
}

function mixin(): Fields {
  const context = getRequestContext();
  return context ? { reqId: context.requestId, addr: context.clientAddress, userId: context.userId } : {};
}

/** A logger with the house settings (redaction, the request context on every line, scrubbed URLs), writing to `destination`. */
export function createLogger(options: LoggerOptions): Logger {
  const pretty = options.format === "pretty" ? prettyStream(options.destination, false) : null;
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      mixin,
      formatters: {
        level: (label) => ({ level: label }),
        log: (record) => (typeof record.url === "string" ? { ...record, url: scrubUrl(record.url) } : record),
      },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: { streamWrite: (line) => line.replace(RAW_IN_JSON, unicodeEscape) },
    },
    pretty ?? options.destination,
  );
}

/**
 * JSON in production, human-readable in development; LOG_FORMAT decides when set. `npm start` always
 * runs with NODE_ENV=production and passes what the person gave as START_NODE_ENV: someone who typed
 * `npm start` at a terminal without choosing production (the demo on their own machine) reads the
 * log, so it is human-readable there; a service manager's output (no terminal) stays JSON.
 */
export function logFormatFor(env: Record<string, string | undefined>, atTerminal: boolean): LogFormat {
  if (env.LOG_FORMAT === "json" || env.LOG_FORMAT === "pretty") return env.LOG_FORMAT;
  if (env.NODE_ENV !== "production") return "pretty";
  return env.START_NODE_ENV === "" && atTerminal ? "pretty" : "json";
}

function settingsFromEnvironment(): { format: LogFormat; level: Level | "silent" } {
  const level = LEVELS.find((name) => name === process.env.LOG_LEVEL?.trim().toLowerCase());
  const format = logFormatFor(process.env, Boolean(process.stdout.isTTY));
  // Tests keep their output to warnings unless LOG_LEVEL asks for more; captureLogs reads every level.
  return { format, level: level ?? (process.env.NODE_ENV === "test" ? "warn" : "info") };
}

type Shared = { context: AsyncLocalStorage<RequestContext>; logger: Logger; target: DestinationStream };
const SHARED_KEY = Symbol.for("kurze-wege.log");

function shared(): Shared {
  const holder = globalThis as typeof globalThis & { [SHARED_KEY]?: Shared };
  if (!holder[SHARED_KEY]) {
    const settings = settingsFromEnvironment();
    const stdout = pino.destination({ dest: 1, sync: true });
    const target = (settings.format === "pretty" && prettyStream(stdout, Boolean(process.stdout.isTTY))) || stdout;
    // The logger writes JSON lines to `target` (through this indirection, so a test can read them with captureLogs).
    const state: Shared = { context: new AsyncLocalStorage(), target, logger: undefined as unknown as Logger };
    state.logger = createLogger({ format: "json", level: settings.level, destination: { write: (line: string) => state.target.write(line) } });
    holder[SHARED_KEY] = state;
    if (process.env.LOG_FORMAT === "pretty" && target === stdout) state.logger.warn("LOG_FORMAT=pretty needs pino-pretty, a development dependency: logging JSON");
  }
  return holder[SHARED_KEY];
}

/** The logger of the app and the scripts: JSON in production, human-readable in development (LOG_FORMAT overrides), level from LOG_LEVEL. */
export const log: Logger = shared().logger;

/** Runs `fn` with a request context; every line logged inside it carries the request id, the address and the actor. */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return shared().context.run(context, fn);
}

/** The context of the request being served, if any. */
export function getRequestContext(): RequestContext | undefined {
  return shared().context.getStore();
}

/** Records who is acting in this request (the signed-in user), for the request line and every later line. */
export function setRequestActor(userId: string): void {
  const context = getRequestContext();
  if (context) context.userId = userId;
}

/** A security event (sign-in, sign-out, refusal, admin action): one line with `event`, the actor and the client address. */
export function logSecurityEvent(event: string, fields: Fields = {}, level: "info" | "warn" = "info"): void {
  log[level]({ event, ...fields }, event);
}

/**
 * For tests: the shared logger's lines, parsed, from now until `stop()`, at every level. Reads what
 * the real logger writes (redaction and all), through its destination.
 */
export function captureLogs(): { lines: () => Fields[]; stop: () => void } {
  const state = shared();
  const written: string[] = [];
  const previous = { target: state.target, level: state.logger.level };
  state.target = { write: (line: string) => void written.push(line) };
  state.logger.level = "trace";
  return {
    lines: () => written.map((line) => JSON.parse(line) as Fields),
    stop: () => {
      state.target = previous.target;
      state.logger.level = previous.level;
    },
  };
}
