import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie, type HeadersFunction } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { calendarTokens } from "#db/schema";
import { sha256 } from "#app/utils/crypto.server";
import { getEnv } from "#app/utils/env.server";
import { signingKey } from "#app/utils/secret.server";

// 32 random bytes, base64url: 43 characters.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Makes a new personal calendar token for the user, replacing the old one (whose address stops
 * working at once). Only its hash is stored: the token itself is shown once.
 */
export async function createCalendarToken(userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const tokenHash = sha256(token);
  await db
    .insert(calendarTokens)
    .values({ userId, tokenHash })
    .onConflictDoUpdate({ target: calendarTokens.userId, set: { tokenHash, createdAt: new Date() } });
  return token;
}

/** When the user's current token was made, or null when they have none. */
export async function getCalendarTokenCreatedAt(userId: string): Promise<Date | null> {
  const [row] = await db.select({ createdAt: calendarTokens.createdAt }).from(calendarTokens).where(eq(calendarTokens.userId, userId));
  return row?.createdAt ?? null;
}

/** Deletes the user's token: every address made with it answers 404 from then on. */
export async function deleteCalendarToken(userId: string): Promise<void> {
  await db.delete(calendarTokens).where(eq(calendarTokens.userId, userId));
}

/** The owner of a token, or null for anything that is not a current token. */
export async function userIdForCalendarToken(token: string | null | undefined): Promise<string | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const [row] = await db
    .select({ userId: calendarTokens.userId })
    .from(calendarTokens)
    .where(eq(calendarTokens.tokenHash, sha256(token)));
  return row?.userId ?? null;
}

// The new token travels to the next page in a short-lived cookie, so the form can redirect after
// its POST and a reload does not show (or make) it again.
function freshTokenCookie() {
  return createCookie("kw_calendar_token", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 120, secure: getEnv().secure });
}

/** Makes a new token for the user and redirects (303) to the page that shows it once. */
export async function redirectWithNewCalendarToken(userId: string, url: string): Promise<Response> {
  const token = await createCalendarToken(userId);
  const headers = new Headers({ Location: url, "Set-Cookie": await freshTokenCookie().serialize(token) });
  return new Response(null, { status: 303, headers });
}

/**
 * The token just made for this user, to show once, and the header that forgets it. A cookie that
 * does not hold the user's current token shows nothing.
 */
export async function takeNewCalendarToken(request: Request, userId: string): Promise<{ token: string | null; setCookie: string | null }> {
  const cookie = freshTokenCookie();
  const value: unknown = await cookie.parse(request.headers.get("Cookie"));
  if (typeof value !== "string" || value === "") return { token: null, setCookie: null };
  const setCookie = await cookie.serialize("", { maxAge: 0 });
  return { token: (await userIdForCalendarToken(value)) === userId ? value : null, setCookie };
}

/** The loader's headers of a page that may show a new token: the cookie forgets it, and no cache may keep a page that shows it. */
export function freshTokenHeaders(fresh: { token: string | null; setCookie: string | null }): Headers {
  const headers = new Headers();
  if (fresh.setCookie) headers.append("Set-Cookie", fresh.setCookie);
  if (fresh.token) headers.set("Cache-Control", "private, no-store");
  return headers;
}

/** The `headers` of such a page: the loader's Cache-Control goes out with the document. */
export const tokenPageHeaders: HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers();
  const cacheControl = loaderHeaders.get("Cache-Control");
  if (cacheControl) headers.set("Cache-Control", cacheControl);
  return headers;
};

// ---------------------------------------------------------------------------------------------
// Group feed links: one private group's feed for one person, without their personal token. The link
// carries the person's id and a signature over person, group and the hash of their CURRENT token:
// it opens that group only, and replacing or deleting the token ends every such link at once.

const SIG_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function groupFeedSignature(userId: string, groupId: string, tokenHash: string): string {
  return createHmac("sha256", signingKey("calendar/group")).update(`${userId}:${groupId}:${tokenHash}`).digest("base64url");
}

async function currentTokenHash(userId: string): Promise<string | null> {
  const [row] = await db.select({ tokenHash: calendarTokens.tokenHash }).from(calendarTokens).where(eq(calendarTokens.userId, userId));
  return row?.tokenHash ?? null;
}

/**
 * The query string (`person=…&sig=…`) of each group's feed link for this person, by group id; null
 * when they have no calendar token. Membership is the caller's business (and the feed checks it again).
 */
export async function groupFeedQueries(userId: string, groupIds: string[]): Promise<Map<string, string> | null> {
  const tokenHash = await currentTokenHash(userId);
  if (!tokenHash) return null;
  return new Map(groupIds.map((groupId) => [groupId, new URLSearchParams({ person: userId, sig: groupFeedSignature(userId, groupId, tokenHash) }).toString()]));
}

/** The person a group feed link was made for, if its signature fits this group and their current token; else null. */
export async function userIdForGroupFeed(groupId: string, search: URLSearchParams): Promise<string | null> {
  const userId = search.get("person");
  const sig = search.get("sig");
  if (!userId || !sig || !UUID_PATTERN.test(userId) || !SIG_PATTERN.test(sig)) return null;
  const tokenHash = await currentTokenHash(userId);
  if (!tokenHash) return null;
  const expected = Buffer.from(groupFeedSignature(userId, groupId, tokenHash));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}
