import { createHmac, randomInt } from "node:crypto";
import { and, count, eq, isNull } from "drizzle-orm";
import type { Executor } from "#db/client";
import { recoveryCodes } from "#db/schema";
import { signingKey } from "#app/utils/secret.server";

/** How many recovery codes a person gets at a time. */
export const RECOVERY_CODE_COUNT = 10;

// Crockford's base32: no i, l, o or u, so nothing is misread; 10 characters are 50 bits.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** One new code, "xxxx-xxxx-xx". */
function newRecoveryCode(): string {
  const characters = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${characters.slice(0, 4)}-${characters.slice(4, 8)}-${characters.slice(8)}`;
}

/** A typed code as it was issued: any case, without spaces or hyphens, with o read as 0 and i/l as 1. */
export function normaliseRecoveryCode(typed: string): string | null {
  const plain = typed
    .toLowerCase()
    .replace(/[\s-]+/g, "")
    .replace(/o/g, "0")
    .replace(/[il]/g, "1");
  return /^[0-9a-hjkmnp-tv-z]{10}$/.test(plain) ? plain : null;
}

/** Only this keyed hash is stored: the table alone, without APP_SECRET, does not even allow guessing offline. */
function hashRecoveryCode(normalised: string): string {
  return createHmac("sha256", signingKey("two-factor/recovery-codes")).update(normalised).digest("hex");
}

/** Replaces the user's recovery codes with new ones and returns them: the only time they are readable. */
export async function replaceRecoveryCodes(executor: Executor, userId: string): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(newRecoveryCode());
  await executor.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await executor.insert(recoveryCodes).values([...codes].map((code) => ({ userId, codeHash: hashRecoveryCode(normaliseRecoveryCode(code)!) })));
  return [...codes];
}

/** Marks an unused code of the user as used; false when it is not one of theirs or was used already. */
export async function useRecoveryCode(executor: Executor, userId: string, typed: string): Promise<boolean> {
  const normalised = normaliseRecoveryCode(typed);
  if (!normalised) return false;
  const used = await executor
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(normalised)), isNull(recoveryCodes.usedAt)))
    .returning({ userId: recoveryCodes.userId });
  return used.length > 0;
}

/** How many of the user's recovery codes are still unused. */
export async function countUnusedRecoveryCodes(executor: Executor, userId: string): Promise<number> {
  const [row] = await executor
    .select({ value: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.value ?? 0;
}

/** Removes all of the user's recovery codes (two-factor sign-in turned off or reset). */
export async function deleteRecoveryCodes(executor: Executor, userId: string): Promise<void> {
  await executor.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}
