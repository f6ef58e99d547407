import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { adminSetupTokens, users } from "#db/schema";
import { createUser } from "#app/modules/auth/users.server";
import { sha256 } from "#app/utils/crypto.server";
import type { Refusal } from "#app/utils/http";
import { logSecurityEvent } from "#app/utils/log.server";
import { writeAdminLog } from "./admin-log.server";

export const SETUP_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

async function hasActiveAdmin(executor: Executor): Promise<boolean> {
  const [admin] = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.blockedAt)))
    .limit(1);
  return Boolean(admin);
}

/** Writes to standard output, not through the logger: see announceSetupLink. */
function printToOperator(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * For `npm start` and `npm run dev`: when no admin can sign in, prints a one-time link that lets the
 * first person create the admin account (valid 24 hours or until used; each start makes a new one
 * and ends the older ones). Only the link's hash is stored. Returns the link, or null.
 * NOTE: the one secret link ever printed, on purpose: it is the operator's way into an empty
 * installation. It goes to standard output as plain text, never through the logger (which would redact it).
 */
export async function announceSetupLink(executor: Executor, appUrl: string, print: (line: string) => void = printToOperator): Promise<string | null> {
  if (await hasActiveAdmin(executor)) return null;
  const token = randomBytes(32).toString("base64url");
  await executor.transaction(async (tx) => {
    await tx.delete(adminSetupTokens);
    await tx.insert(adminSetupTokens).values({ tokenHash: sha256(token), expiresAt: new Date(Date.now() + SETUP_LINK_LIFETIME_MS) });
  });
  const link = `${appUrl.replace(/\/$/, "")}/einrichten/${token}`;
  logSecurityEvent("admin.setup_link_printed", {}, "warn");
  print(`No admin account yet. Create the first one within 24 hours at:\n  ${link}\n(or run: npm run user:create -- --email <address> --role admin)`);
  return link;
}

/** Whether the setup link still works: the token is known and unexpired, and still no admin exists. */
export async function isSetupLinkValid(token: string): Promise<boolean> {
  const [row] = await db
    .select({ tokenHash: adminSetupTokens.tokenHash })
    .from(adminSetupTokens)
    .where(and(eq(adminSetupTokens.tokenHash, sha256(token)), gt(adminSetupTokens.expiresAt, new Date())));
  return Boolean(row) && !(await hasActiveAdmin(db));
}

export type SetupInput = { displayName: string; email: string; password: string };

/** Creates the first admin with the setup link and uses the link up; the admin log records it. */
export async function completeSetup(token: string, input: SetupInput): Promise<{ ok: true; userId: string } | Refusal<"notFound" | "taken">> {
  return db.transaction(async (tx) => {
    // Using the link deletes its row: of two uses at the same moment, the second waits and finds none.
    const [used] = await tx
      .delete(adminSetupTokens)
      .where(and(eq(adminSetupTokens.tokenHash, sha256(token)), gt(adminSetupTokens.expiresAt, new Date())))
      .returning();
    if (!used || (await hasActiveAdmin(tx))) return { ok: false, error: "notFound" } as const;
    const user = await createUser(tx, { ...input, role: "admin", emailVerified: true });
    if (!user) {
      // The link stays usable with another address.
      await tx.insert(adminSetupTokens).values(used);
      return { ok: false, error: "taken" } as const;
    }
    await tx.delete(adminSetupTokens);
    await writeAdminLog(tx, { actorId: user.id, targetUserId: user.id, action: "setup_completed", after: { role: "admin" } });
    return { ok: true, userId: user.id } as const;
  });
}
