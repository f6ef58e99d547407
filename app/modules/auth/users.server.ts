import { eq, sql } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { users, type UserRole } from "#db/schema";
import { enqueuePersonSync } from "#app/modules/people/people-sync.server";
import { hashPassword } from "./password.server";
import { encryptTotpSecret } from "./totp.server";

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(executor: Executor, email: string) {
  const [user] = await executor
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, normaliseEmail(email)));
  return user ?? null;
}

export async function findUserById(executor: Executor, id: string) {
  const [user] = await executor.select().from(users).where(eq(users.id, id));
  return user ?? null;
}

/** `totpSecret` (base32) creates the account with two-factor sign-in already set up (the demo accounts). */
export type CreateUserInput = { email: string; displayName: string; password: string; role?: UserRole; emailVerified?: boolean; locale?: string; totpSecret?: string };

/** The @mention name of a display name: "Marta Kowalczyk (Ehrenamt)" → "marta.kowalczyk". */
export function toHandle(displayName: string): string {
  const base = displayName
    .split(" (")[0]!
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}]+/gu, ".")
    .replace(/^\.+|\.+$/g, "")
    .slice(0, 40);
  return base || "mitglied";
}

/** A handle not yet taken: the base, or the base with the lowest free number ("anna.berg.2"). */
async function freeHandle(executor: Executor, displayName: string): Promise<string> {
  const base = toHandle(displayName);
  const taken = new Set(
    (
      await executor
        .select({ handle: users.handle })
        .from(users)
        .where(sql`${users.handle} = ${base} or ${users.handle} like ${`${base}.%`}`)
    ).map((row) => row.handle),
  );
  if (!taken.has(base)) return base;
  let number = 2;
  while (taken.has(`${base}.${number}`)) number += 1;
  return `${base}.${number}`;
}

/** Creates an account; returns null when the address is taken. */
export async function createUser(executor: Executor, input: CreateUserInput) {
  const displayName = input.displayName.trim();
  const values = {
    email: normaliseEmail(input.email),
    displayName,
    passwordHash: await hashPassword(input.password),
    role: input.role ?? "member",
    emailVerifiedAt: input.emailVerified ? new Date() : null,
    locale: input.locale,
    ...(input.totpSecret ? { totpSecret: encryptTotpSecret(input.totpSecret), totpEnabledAt: new Date() } : {}),
  };
  // Two people with the same name signing up at once may pick the same free handle: the unique
  // index refuses the second, which then tries the next free one. A taken address ends it.
  for (let attempt = 0; attempt < 5; attempt++) {
    const [user] = await executor
      .insert(users)
      .values({ ...values, handle: await freeHandle(executor, displayName) })
      .onConflictDoNothing()
      .returning();
    if (user) return user;
    if (await findUserByEmail(executor, values.email)) return null;
  }
  throw new Error(`no free handle for "${displayName}"`);
}

export async function setPassword(executor: Executor, userId: string, password: string): Promise<void> {
  await executor
    .update(users)
    .set({ passwordHash: await hashPassword(password), updatedAt: new Date() })
    .where(eq(users.id, userId));
}

export async function markEmailVerified(executor: Executor, userId: string, email: string): Promise<boolean> {
  const updated = await executor
    .update(users)
    .set({ emailVerifiedAt: new Date(), updatedAt: new Date() })
    .where(sql`${users.id} = ${userId} and lower(${users.email}) = ${normaliseEmail(email)}`)
    .returning({ id: users.id });
  // A confirmed account appears in "Wer ist wer".
  if (updated.length > 0) await enqueuePersonSync(executor, userId);
  return updated.length > 0;
}

/** Remembers the UI language a person chose (the language switch): their mails go out in it. */
export async function setUserLocale(userId: string, locale: string, executor: Executor = db): Promise<void> {
  await executor.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, userId));
}
