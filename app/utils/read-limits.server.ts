import type { AppLoadContext } from "@remix-run/node";
import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";
import { db } from "#db/client";
import { getSessionState } from "#app/modules/auth/session.server";
import { apiError } from "#app/modules/directory/api-errors.server";
import { ConfigError } from "./env.server";
import { consumeRateLimit, type RateLimit } from "./rate-limit.server";

/** What a read costs from: the search pages, Atom and calendar feeds, the CSV export, the JSON API. */
export const READ_KINDS = ["search", "feed", "csv", "api"] as const;
export type ReadKind = (typeof READ_KINDS)[number];

type Allowance = { perMinute: number };
export type ReadLimits = Record<ReadKind, { anonymous: Allowance; signedIn: Allowance }>;

/**
 * Requests per minute per client (a person's account when signed in, else the address), each also
 * the burst a fresh bucket allows. Decision record 069 says why these numbers.
 */
export const READ_LIMITS: ReadLimits = Object.freeze({
  search: { anonymous: { perMinute: 60 }, signedIn: { perMinute: 240 } },
  feed: { anonymous: { perMinute: 30 }, signedIn: { perMinute: 120 } },
  csv: { anonymous: { perMinute: 10 }, signedIn: { perMinute: 30 } },
  api: { anonymous: { perMinute: 60 }, signedIn: { perMinute: 300 } },
});

/**
 * READ_LIMIT_FACTOR multiplies every read limit: above 1 for a site whose visitors share one address
 * (a library's terminals behind one NAT) or for a load benchmark, below 1 under attack.
 */
function parseFactor(value: string | undefined): number {
  const parsed = z.coerce
    .number()
    .positive()
    .max(10_000)
    .default(1)
    .safeParse(value === "" ? undefined : value);
  if (!parsed.success) throw new ConfigError(`Configuration: READ_LIMIT_FACTOR=${JSON.stringify(value)} is not valid (a number above 0, at most 10000).`);
  return parsed.data;
}

const FACTOR = parseFactor(process.env.READ_LIMIT_FACTOR);

let limitsInForce: ReadLimits = READ_LIMITS;

/** Replaces the limits in this process (tests use small ones); `null` goes back to READ_LIMITS. */
export function setReadLimits(limits: ReadLimits | null): void {
  limitsInForce = limits ?? READ_LIMITS;
}

function bucketLimit(allowance: Allowance): RateLimit {
  const capacity = Math.max(1, Math.round(allowance.perMinute * FACTOR));
  return { capacity, refillPerSecond: capacity / 60 };
}

/**
 * The part of an address that names one client: an IPv4 address as it is (also when written as
 * IPv6-mapped), an IPv6 address by its /64 network, since one household or server gets a whole /64
 * and could otherwise take a fresh bucket for every request.
 */
export function addressKey(address: string | undefined): string {
  const plain = (address ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  if (isIPv4(plain)) return plain;
  if (!isIPv6(plain)) return "unknown";
  const [head = "", tail = ""] = plain.replace(/%.*$/, "").split("::");
  const groups = (part: string) => (part ? part.split(":") : []);
  // An embedded IPv4 tail stands for two groups; only the first four matter here anyway.
  const known = [...groups(head), ...groups(tail)].length;
  const full = plain.includes("::") ? [...groups(head), ...Array<string>(Math.max(0, 8 - known)).fill("0"), ...groups(tail)] : groups(head);
  return `${full
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

function tooManyRequests(kind: ReadKind, retryAfterSeconds: number): Response {
  const headers = { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" };
  if (kind === "api") {
    const response = apiError(429, `too many requests; try again in ${retryAfterSeconds} seconds`);
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }
  const text = `Zu viele Anfragen. Bitte versuchen Sie es in ${retryAfterSeconds} Sekunden noch einmal.\nToo many requests. Please try again in ${retryAfterSeconds} seconds.\n`;
  return new Response(text, { status: 429, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * Takes one read of this kind from the client's bucket in PostgreSQL (so every app process counts
 * together) and throws a 429 with Retry-After when it is empty. The client is the signed-in person
 * (pass `user` when the loader has it already, null for nobody) or else the address the load context
 * names, which follows TRUST_PROXY and never a header a client could choose.
 */
export async function requireReadAllowance(request: Request, context: AppLoadContext, kind: ReadKind, user?: { id: string } | null): Promise<void> {
  const userId = user === undefined ? await signedInUserId(request) : (user?.id ?? null);
  const limits = limitsInForce[kind];
  const key = userId ? `read:${kind}:user:${userId}` : `read:${kind}:address:${addressKey(context.clientAddress)}`;
  const result = await consumeRateLimit(db, key, bucketLimit(userId ? limits.signedIn : limits.anonymous));
  if (!result.allowed) throw tooManyRequests(kind, result.retryAfterSeconds);
}

// Feeds are fetched without the site's pages around them: a session still owing its second step
// counts as nobody here rather than sending a calendar app to the two-factor setup.
async function signedInUserId(request: Request): Promise<string | null> {
  const state = await getSessionState(request);
  return state && state.twoFactor === null ? state.user.id : null;
}
