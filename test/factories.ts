import { randomBytes } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { db } from "#db/client";
import type { UserRole } from "#db/schema";
import { createUserSession } from "#app/modules/auth/session.server";
import { newTotpSecret, totpCode } from "#app/modules/auth/totp.server";
import { createUser } from "#app/modules/auth/users.server";

export const TEST_PASSWORD = "ein langer Testsatz 2026";

/** A unique address for one test. */
export function uniqueEmail(prefix = "person"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@test.example`;
}

/** Creates an account with a known password (and with two-factor sign-in set up, given a base32 `totpSecret`). */
export async function createTestUser(options: { role?: UserRole; email?: string; displayName?: string; verified?: boolean; totpSecret?: string } = {}) {
  const user = await createUser(db, {
    email: options.email ?? uniqueEmail(options.role ?? "member"),
    displayName: options.displayName ?? "Test Person",
    password: TEST_PASSWORD,
    role: options.role ?? "member",
    emailVerified: options.verified ?? true,
    totpSecret: options.totpSecret,
  });
  if (!user) throw new Error("test user exists already");
  return user;
}

/** Creates an account with two-factor sign-in set up from a new secret; returns it with the secret, to compute codes. */
export async function createTestUserWithTotp(options: { role?: UserRole; email?: string; displayName?: string } = {}) {
  const totpSecret = newTotpSecret();
  return { ...(await createTestUser({ ...options, totpSecret })), totpSecret };
}

/** The code an authenticator app shows for the secret now, or `steps` time steps (30 s each) away. */
export function totpCodeFor(secret: string, steps = 0): string {
  return totpCode(secret, Date.now() + steps * 30_000);
}

/** A Cookie header value ("name=value") for a new session of the user. */
export async function sessionCookieFor(userId: string): Promise<string> {
  return (await createUserSession(userId)).split(";")[0]!;
}

/** The cookie pairs of Set-Cookie headers, as a browser would send them back. */
export function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0]!)
    .join("; ");
}

/** A request like a browser's form post to this site. */
export function formRequest(path: string, fields: Record<string, string>, options: { cookie?: string } = {}): Request {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:3000" });
  if (options.cookie) headers.set("Cookie", options.cookie);
  return new Request(`http://localhost:3000${path}`, { method: "POST", headers, body: new URLSearchParams(fields).toString() });
}

export function getRequest(path: string, options: { cookie?: string } = {}): Request {
  return new Request(`http://localhost:3000${path}`, { headers: options.cookie ? { Cookie: options.cookie } : {} });
}

/** The load context the HTTP server gives every loader and action. */
export function testContext(clientAddress = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`): AppLoadContext {
  return { cspNonce: "test", clientAddress };
}

/** A route handler with the URL parameters it would get from its path (e.g. `{ slug }`). */
export function withParams<T>(handler: (args: T & { params: Record<string, string> }) => unknown, params: Record<string, string>) {
  return (args: T) => handler({ ...args, params });
}

/** Runs a loader or action and returns its Response, whether it was returned or thrown. */
export async function run(handler: (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => unknown, request: Request, context = testContext()): Promise<Response> {
  try {
    const result = await handler({ request, context, params: {} });
    if (result instanceof Response) return result;
    return Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
