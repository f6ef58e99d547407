import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "#db/client";
import { groupMemberships, invitations, partners, userOrganizations, users, workingGroups } from "#db/schema";
import { enqueuePersonSync } from "#app/modules/people/people-sync.server";
import { createUser } from "#app/modules/auth/users.server";
import { sha256 } from "#app/utils/crypto.server";
import type { Refusal } from "#app/utils/http";
import { invitationState } from "./invitation-rules";

// The other side of an invitation: the link's page, and the account it creates.

const inviters = alias(users, "inviters");
const isOpen = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

/** The invitation a link names, with its state and who sent it; null for an unknown link. */
export async function findInvitationByToken(token: string) {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({ invitation: invitations, inviterName: inviters.displayName })
    .from(invitations)
    .leftJoin(inviters, eq(inviters.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, sha256(token)));
  if (!row) return null;
  return { ...row.invitation, inviterName: row.inviterName, state: invitationState(row.invitation) };
}

export type AcceptInput = { displayName: string; password: string };
export type AcceptOutcome = { ok: true; userId: string; locale: string } | Refusal<"gone" | "taken">;

/** Thrown inside the transaction to undo the claim of the invitation. */
class AcceptRefused extends Error {
  constructor(readonly reason: "taken") {
    super(reason);
  }
}

/**
 * Creates the account an invitation offers, in one transaction: the invitation is claimed first (a
 * conditional update, so that of two submits at once the second finds it used), then the account
 * (address confirmed, preset role, the invitation's language), its organisation and groups (archived
 * or removed ones are skipped), and the people index learns of it. An address that has an account
 * by now creates nothing and leaves the invitation open. `pageLanguage`, the language the person
 * chose on the page, wins over the invitation's.
 */
export async function acceptInvitation(token: string, input: AcceptInput, pageLanguage: string | null = null): Promise<AcceptOutcome> {
  try {
    return await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(invitations)
        .set({ acceptedAt: new Date() })
        .where(and(eq(invitations.tokenHash, sha256(token)), isOpen, gt(invitations.expiresAt, sql`now()`)))
        .returning();
      if (!claimed) return { ok: false, error: "gone" } as const;
      const locale = pageLanguage ?? claimed.locale;
      const user = await createUser(tx, { email: claimed.email, displayName: input.displayName, password: input.password, role: claimed.role, emailVerified: true, locale });
      if (!user) throw new AcceptRefused("taken");
      await tx.update(invitations).set({ acceptedUserId: user.id }).where(eq(invitations.id, claimed.id));
      if (claimed.partnerId) {
        const [partner] = await tx
          .select({ id: partners.id })
          .from(partners)
          .where(and(eq(partners.id, claimed.partnerId), eq(partners.status, "active")));
        if (partner) await tx.insert(userOrganizations).values({ userId: user.id, partnerId: partner.id, function: claimed.partnerFunction }).onConflictDoNothing();
      }
      if (claimed.groupIds.length > 0) {
        // Like a join: a plain membership, in every preset group that still exists and is not archived.
        const groups = await tx
          .select({ id: workingGroups.id })
          .from(workingGroups)
          .where(and(inArray(workingGroups.id, claimed.groupIds), isNull(workingGroups.archivedAt)));
        if (groups.length > 0) {
          await tx
            .insert(groupMemberships)
            .values(groups.map((group) => ({ groupId: group.id, userId: user.id, role: "member" as const })))
            .onConflictDoNothing();
        }
      }
      await enqueuePersonSync(tx, user.id);
      return { ok: true, userId: user.id, locale } as const;
    });
  } catch (error) {
    if (error instanceof AcceptRefused) return { ok: false, error: error.reason };
    throw error;
  }
}
