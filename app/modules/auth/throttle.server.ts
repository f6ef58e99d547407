import { db } from "../../../db/client";
import { consumeRateLimit, resetRateLimit, type RateLimit } from "~/utils/rate-limit.server";
import { normaliseEmail } from "./users.server";

// Per account: a burst of 5, then one attempt a minute. Per address: 30, then one every 10 seconds.
const PER_ACCOUNT: RateLimit = { capacity: 5, refillPerSecond: 1 / 60 };
const PER_ADDRESS: RateLimit = { capacity: 30, refillPerSecond: 1 / 10 };

export type ThrottleAction = "sign-in" | "reset";

/** Seconds to wait before this attempt is allowed, or 0: both the account's and the address's bucket must have a token. */
export async function throttle(action: ThrottleAction, email: string, clientAddress: string): Promise<number> {
  const [account, address] = await Promise.all([
    consumeRateLimit(db, `${action}:account:${normaliseEmail(email)}`, PER_ACCOUNT),
    consumeRateLimit(db, `${action}:address:${clientAddress}`, PER_ADDRESS),
  ]);
  return Math.max(account.retryAfterSeconds, address.retryAfterSeconds);
}

/** After a successful sign-in, the account's earlier failures no longer count. */
export async function clearAccountThrottle(action: ThrottleAction, email: string): Promise<void> {
  await resetRateLimit(db, `${action}:account:${normaliseEmail(email)}`);
}
