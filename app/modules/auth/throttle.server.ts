import { db } from "#db/client";
import { consumeRateLimit, resetRateLimit, type RateLimit } from "#app/utils/rate-limit.server";
import { normaliseEmail } from "./users.server";

export type ThrottleAction = "sign-in" | "two-factor" | "reset" | "register";

type Bucket = { scope: "account-address" | "account" | "address"; limit: RateLimit };

/**
 * Sign-in: 5 tries for one account from one address, then one a minute. The account's own bucket is
 * looser (20, then one every 30 s) so that nobody elsewhere can lock its owner out cheaply, and an
 * address trying many accounts is slowed down on its own bucket. Reset mails: 3 per account, then one
 * every 15 minutes. Registration: 10 per address, then one every 2 minutes. Second-factor codes: 5 for one
 * account from one address, then one a minute; 10 for the account, then one every 30 s (with three
 * codes valid at a time, guessing one of a million takes months).
 */
const POLICIES: Record<ThrottleAction, Bucket[]> = {
  "sign-in": [
    { scope: "account-address", limit: { capacity: 5, refillPerSecond: 1 / 60 } },
    { scope: "account", limit: { capacity: 20, refillPerSecond: 1 / 30 } },
    { scope: "address", limit: { capacity: 30, refillPerSecond: 1 / 10 } },
  ],
  "two-factor": [
    { scope: "account-address", limit: { capacity: 5, refillPerSecond: 1 / 60 } },
    { scope: "account", limit: { capacity: 10, refillPerSecond: 1 / 30 } },
  ],
  reset: [
    { scope: "account", limit: { capacity: 3, refillPerSecond: 1 / 900 } },
    { scope: "address", limit: { capacity: 10, refillPerSecond: 1 / 60 } },
  ],
  register: [{ scope: "address", limit: { capacity: 10, refillPerSecond: 1 / 120 } }],
};

function bucketKey(action: ThrottleAction, scope: Bucket["scope"], email: string, clientAddress: string): string {
  const account = normaliseEmail(email);
  const subject = scope === "account" ? account : scope === "address" ? clientAddress : `${account}|${clientAddress}`;
  return `${action}:${scope}:${subject}`;
}

/** Seconds to wait before this attempt is allowed, or 0: every bucket of the action must have a token. */
export async function throttle(action: ThrottleAction, email: string, clientAddress: string): Promise<number> {
  const results = await Promise.all(POLICIES[action].map((bucket) => consumeRateLimit(db, bucketKey(action, bucket.scope, email, clientAddress), bucket.limit)));
  return Math.max(...results.map((result) => result.retryAfterSeconds));
}

/** After a successful sign-in, that account's earlier failures no longer count. */
export async function clearAccountThrottle(action: ThrottleAction, email: string, clientAddress: string): Promise<void> {
  await resetRateLimit(db, bucketKey(action, "account-address", email, clientAddress));
  await resetRateLimit(db, bucketKey(action, "account", email, clientAddress));
}
