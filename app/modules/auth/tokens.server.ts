import { randomBytes } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import type { Executor } from "#db/client";
import { userTokens, type UserTokenPurpose } from "#db/schema";
import { sha256 } from "#app/utils/crypto.server";

export const TOKEN_LIFETIME_MS: Record<UserTokenPurpose, number> = {
  verify_email: 7 * 24 * 60 * 60 * 1000,
  reset_password: 60 * 60 * 1000,
  // A new address is confirmed like a first one: the link lives as long as the registration's.
  change_email: 7 * 24 * 60 * 60 * 1000,
};

const hashToken = sha256;

/** A single-use token for a link in a mail; only its hash is stored, and older ones of the same purpose end. */
export async function createUserToken(executor: Executor, userId: string, purpose: UserTokenPurpose, email: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await executor.delete(userTokens).where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose)));
  await executor.insert(userTokens).values({
    tokenHash: hashToken(token),
    userId,
    purpose,
    email,
    expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]),
  });
  return token;
}

/** The token's owner and address if the token is valid; it is used up either way. */
export async function consumeUserToken(executor: Executor, token: string, purpose: UserTokenPurpose) {
  const [row] = await executor
    .delete(userTokens)
    .where(and(eq(userTokens.tokenHash, hashToken(token)), eq(userTokens.purpose, purpose), gt(userTokens.expiresAt, new Date())))
    .returning({ userId: userTokens.userId, email: userTokens.email });
  return row ?? null;
}

/** The token's owner if the token is valid, without using it up (to show the form it belongs to). */
export async function peekUserToken(executor: Executor, token: string, purpose: UserTokenPurpose) {
  const [row] = await executor
    .select({ userId: userTokens.userId })
    .from(userTokens)
    .where(and(eq(userTokens.tokenHash, hashToken(token)), eq(userTokens.purpose, purpose), gt(userTokens.expiresAt, new Date())));
  return row ?? null;
}
