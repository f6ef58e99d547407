import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { db } from "#db/client";
import { groupInvitations, groupJoinRequests, groupMemberships, users, workingGroups } from "#db/schema";
import type { SessionUser } from "#app/modules/auth/session.server";
import { normaliseEmail } from "#app/modules/auth/users.server";
import { mailLanguage } from "#app/modules/mail/mail-language.server";
import { sendMail } from "#app/modules/mail/mailer.server";
import { getEnv } from "#app/utils/env.server";
import { getFixedT } from "#app/utils/i18n.server";
import { isUuid } from "#app/utils/uuid";

/** Invitations keep the address normalised: an invitation belongs to whoever signs in with it. */
const sameAddress = (email: string) => sql`${groupInvitations.email} = ${normaliseEmail(email)}`;

export type InviteResult = { status: "sent"; id: string } | { status: "alreadyMember" } | { status: "alreadyInvited" };

type InvitingGroup = { id: string; slug: string; name: string };

/**
 * Invites someone into a group by e-mail address and mails them the link. An address that already
 * belongs to a member, or has an open invitation to this group, gets none. `pageLanguage`: the
 * inviter's page, the mail's language for an address without an account.
 */
export async function inviteToGroup(group: InvitingGroup, email: string, message: string, inviter: SessionUser, pageLanguage: string | null = null): Promise<InviteResult> {
  const address = normaliseEmail(email);
  const [member] = await db
    .select({ userId: users.id })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .where(and(eq(groupMemberships.groupId, group.id), sql`lower(${users.email}) = ${address}`));
  if (member) return { status: "alreadyMember" };
  const [open] = await db
    .select({ id: groupInvitations.id })
    .from(groupInvitations)
    .where(and(eq(groupInvitations.groupId, group.id), sameAddress(address), eq(groupInvitations.status, "pending")));
  if (open) return { status: "alreadyInvited" };
  const [invitation] = await db.insert(groupInvitations).values({ groupId: group.id, email: address, invitedBy: inviter.id, message }).returning({ id: groupInvitations.id });
  await sendInvitationMail(invitation!.id, group, address, message, inviter.displayName, pageLanguage);
  return { status: "sent", id: invitation!.id };
}

/** The mail in the language the invited person chose for their account, else the page's, else German. */
async function sendInvitationMail(id: string, group: InvitingGroup, address: string, message: string, inviterName: string, pageLanguage: string | null) {
  const [account] = await db
    .select({ displayName: users.displayName, locale: users.locale })
    .from(users)
    .where(sql`lower(${users.email}) = ${address}`);
  const t = getFixedT(mailLanguage(account?.locale, pageLanguage));
  const link = `${getEnv().APP_URL}/arbeitsgruppen/einladungen/${id}`;
  const text = [
    account ? t("mail.greeting", { name: account.displayName }) : t("groupAdmin.mail.greetingUnknown"),
    "",
    t("groupAdmin.mail.inviteBody", { inviter: inviterName, group: group.name }),
    ...(message ? ["", t("groupAdmin.mail.inviteMessage", { inviter: inviterName }), message] : []),
    "",
    t("groupAdmin.mail.inviteHowTo"),
    "",
    link,
    "",
    t("mail.signature"),
  ].join("\n");
  return sendMail({ to: address, subject: t("groupAdmin.mail.inviteSubject", { group: group.name }), text, link });
}

/** The open invitations of a group, for its coordinators. */
export async function listGroupInvitations(groupId: string) {
  return db
    .select({ id: groupInvitations.id, email: groupInvitations.email, createdAt: groupInvitations.createdAt, inviterName: users.displayName })
    .from(groupInvitations)
    .leftJoin(users, eq(users.id, groupInvitations.invitedBy))
    .where(and(eq(groupInvitations.groupId, groupId), eq(groupInvitations.status, "pending")))
    .orderBy(asc(groupInvitations.createdAt));
}

/** Withdraws an open invitation of this group; false when there is no such one. */
export async function revokeInvitation(groupId: string, invitationId: string): Promise<boolean> {
  const revoked = await db
    .update(groupInvitations)
    .set({ status: "revoked", decidedAt: new Date() })
    .where(and(eq(groupInvitations.id, invitationId), eq(groupInvitations.groupId, groupId), eq(groupInvitations.status, "pending")))
    .returning({ id: groupInvitations.id });
  return revoked.length > 0;
}

/**
 * An invitation as its addressee sees it, or null for anyone else (and for an archived group), so
 * nobody learns from an invitation's address which group it is for.
 */
export async function getInvitationFor(invitationId: string, user: SessionUser) {
  if (!isUuid(invitationId)) return null;
  const [row] = await db
    .select({
      id: groupInvitations.id,
      status: groupInvitations.status,
      message: groupInvitations.message,
      createdAt: groupInvitations.createdAt,
      inviterName: users.displayName,
      group: { slug: workingGroups.slug, name: workingGroups.name, focus: workingGroups.focus, visibility: workingGroups.visibility },
    })
    .from(groupInvitations)
    .innerJoin(workingGroups, eq(workingGroups.id, groupInvitations.groupId))
    .leftJoin(users, eq(users.id, groupInvitations.invitedBy))
    .where(and(eq(groupInvitations.id, invitationId), sameAddress(user.email), isNull(workingGroups.archivedAt)));
  return row ?? null;
}

/** Whether the account's address is confirmed: only then does an invitation to it count as theirs. */
export const canAnswerInvitations = (user: SessionUser) => Boolean(user.emailVerifiedAt);

/**
 * Accepts or declines an open invitation addressed to the user (with a confirmed address).
 * Accepting makes them a member and settles an open request of theirs to the same group.
 * Returns the group's slug, or null when there is nothing to answer.
 */
export async function answerInvitation(invitationId: string, user: SessionUser, accept: boolean): Promise<string | null> {
  if (!isUuid(invitationId) || !canAnswerInvitations(user)) return null;
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(groupInvitations)
      .set({ status: accept ? "accepted" : "declined", decidedAt: new Date() })
      .where(
        and(
          eq(groupInvitations.id, invitationId),
          sameAddress(user.email),
          eq(groupInvitations.status, "pending"),
          sql`exists (select 1 from ${workingGroups} where ${workingGroups.id} = ${groupInvitations.groupId} and ${workingGroups.archivedAt} is null)`,
        ),
      )
      .returning({ groupId: groupInvitations.groupId });
    if (!invitation) return null;
    if (accept) {
      await tx.insert(groupMemberships).values({ groupId: invitation.groupId, userId: user.id, role: "member" }).onConflictDoNothing();
      await tx
        .update(groupJoinRequests)
        .set({ status: "approved", decidedAt: new Date() })
        .where(and(eq(groupJoinRequests.groupId, invitation.groupId), eq(groupJoinRequests.userId, user.id), eq(groupJoinRequests.status, "pending")));
    }
    const [group] = await tx.select({ slug: workingGroups.slug }).from(workingGroups).where(eq(workingGroups.id, invitation.groupId));
    return group?.slug ?? null;
  });
}

/** The open invitations for the user's confirmed address to groups they are not in yet (start page). */
export async function listInvitationsForUser(user: SessionUser) {
  if (!canAnswerInvitations(user)) return [];
  return db
    .select({ id: groupInvitations.id, groupName: workingGroups.name, inviterName: users.displayName, createdAt: groupInvitations.createdAt })
    .from(groupInvitations)
    .innerJoin(workingGroups, eq(workingGroups.id, groupInvitations.groupId))
    .leftJoin(users, eq(users.id, groupInvitations.invitedBy))
    .where(
      and(
        sameAddress(user.email),
        eq(groupInvitations.status, "pending"),
        isNull(workingGroups.archivedAt),
        sql`not exists (select 1 from ${groupMemberships} where ${groupMemberships.groupId} = ${groupInvitations.groupId} and ${groupMemberships.userId} = ${user.id})`,
      ),
    )
    .orderBy(asc(groupInvitations.createdAt));
}
