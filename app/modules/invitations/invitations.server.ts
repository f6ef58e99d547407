import { randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, max, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Database, type Executor } from "#db/client";
import { invitations, partners, users, workingGroups, type Invitation, type UserRole } from "#db/schema";
import { writeAdminLog } from "#app/modules/admin/admin-log.server";
import { sha256 } from "#app/utils/crypto.server";
import type { Refusal } from "#app/utils/http";
import { sendInvitationMail } from "./invitation-mails.server";
import { INVITATION_LIFETIME_MS, INVITATIONS_PER_PAGE, invitationState, mayPresetRole, type InvitationState } from "./invitation-rules";

/** Who sends an invitation: their id and role decide, their name goes into the mail. */
export type Inviter = { id: string; role: UserRole; displayName: string };

/** What a new account starts with: its site role, an organisation with the function there, groups, and its language. */
export type InvitePresets = { role: UserRole; partnerId: string | null; partnerFunction: string; groupIds: string[]; locale: string };

const lowerEmail = sql`lower(${invitations.email})`;
const isOpen = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

/** A new link: 256 random bits, of which only the SHA-256 is stored. */
function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: sha256(token) };
}

const newExpiry = () => new Date(Date.now() + INVITATION_LIFETIME_MS);

/** When the newest invitation went out ("none" before the first): the page starts its form afresh after a send. */
export async function lastInvitationSentAt(): Promise<string> {
  const [row] = await db.select({ value: max(invitations.sentAt) }).from(invitations);
  return row?.value ? new Date(row.value).toISOString() : "none";
}

/** The partners and groups an invitation can preset: active directory partners and groups that are not archived. */
export async function getInviteOptions() {
  const [partnerOptions, groupOptions] = await Promise.all([
    db.select({ id: partners.id, name: partners.name }).from(partners).where(eq(partners.status, "active")).orderBy(asc(partners.name), asc(partners.id)),
    db.select({ id: workingGroups.id, name: workingGroups.name }).from(workingGroups).where(isNull(workingGroups.archivedAt)).orderBy(asc(workingGroups.name), asc(workingGroups.id)),
  ]);
  return { partners: partnerOptions, groups: groupOptions };
}

/** The addresses of the list that already have an account (any account: blocked and deleted ones hold their address too). */
export async function findTakenAddresses(emails: string[], executor: Executor = db): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await executor
    .select({ email: sql<string>`lower(${users.email})` })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, emails));
  return new Set(rows.map((row) => row.email));
}

/** Whether the presets name an active partner and active groups only. */
async function presetsProblem(executor: Executor, presets: InvitePresets): Promise<"partner" | "groups" | null> {
  if (presets.partnerId) {
    const [partner] = await executor
      .select({ id: partners.id })
      .from(partners)
      .where(and(eq(partners.id, presets.partnerId), eq(partners.status, "active")));
    if (!partner) return "partner";
  }
  if (presets.groupIds.length > 0) {
    const [found] = await executor
      .select({ value: count() })
      .from(workingGroups)
      .where(and(inArray(workingGroups.id, presets.groupIds), isNull(workingGroups.archivedAt)));
    if ((found?.value ?? 0) !== new Set(presets.groupIds).size) return "groups";
  }
  return null;
}

type Outgoing = { email: string; token: string; locale: string };

/** Sends the mails after the transaction: a few at a time, so that 500 invitations do not open 500 connections at once. */
async function mailAll(outgoing: Outgoing[], inviterName: string, expiresAt: Date): Promise<void> {
  const PARALLEL = 5;
  for (let start = 0; start < outgoing.length; start += PARALLEL) {
    await Promise.all(outgoing.slice(start, start + PARALLEL).map((mail) => sendInvitationMail(mail.locale, mail.email, inviterName, mail.token, expiresAt)));
  }
}

export type SendRefusal = Refusal<"forbidden"> | Refusal<"partner"> | Refusal<"groups"> | { ok: false; error: "taken"; taken: string[] };
export type SendOutcome = { ok: true; invited: number; resent: number } | SendRefusal;

/**
 * Invites the addresses (normalised, without duplicates) with the presets. An address with an open
 * invitation gets that one again, with a new link, a new expiry and the new presets, instead of a
 * second. Nothing is written when the inviter may not preset the role, a preset is gone, or an
 * address has an account. Every send is in the admin log; the mails go out after the commit.
 */
export async function sendInvitations(inviter: Inviter, emails: string[], presets: InvitePresets, database: Database = db): Promise<SendOutcome> {
  if (!mayPresetRole(inviter.role, presets.role)) return { ok: false, error: "forbidden" };
  const expiresAt = newExpiry();
  const outcome = await database.transaction(async (tx): Promise<SendRefusal | { ok: true; outgoing: Outgoing[]; invited: number; resent: number }> => {
    // One sender at a time: two forms inviting the same address at once resend one invitation
    // instead of one of them failing on the index that allows one open invitation per address.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('kurze-wege:invitations'))`);
    const problem = await presetsProblem(tx, presets);
    if (problem) return { ok: false, error: problem };
    const taken = await findTakenAddresses(emails, tx);
    if (taken.size > 0) return { ok: false, error: "taken", taken: emails.filter((email) => taken.has(email)) };
    const open =
      emails.length === 0
        ? []
        : await tx
            .select({ id: invitations.id, email: lowerEmail })
            .from(invitations)
            .where(and(inArray(lowerEmail, emails), isOpen));
    const openByEmail = new Map(open.map((row) => [row.email as string, row.id]));
    const values = {
      role: presets.role,
      partnerId: presets.partnerId,
      partnerFunction: presets.partnerId ? presets.partnerFunction : "",
      groupIds: presets.groupIds,
      locale: presets.locale,
      invitedBy: inviter.id,
      expiresAt,
    };
    const outgoing: Outgoing[] = [];
    const fresh: (typeof invitations.$inferInsert)[] = [];
    for (const email of emails) {
      const { token, tokenHash } = newToken();
      outgoing.push({ email, token, locale: presets.locale });
      const openId = openByEmail.get(email);
      if (openId) {
        await tx
          .update(invitations)
          .set({ ...values, tokenHash, sentAt: new Date(), sendCount: sql`${invitations.sendCount} + 1` })
          .where(eq(invitations.id, openId));
      } else {
        fresh.push({ ...values, email, tokenHash });
      }
      await writeAdminLog(tx, { actorId: inviter.id, targetUserId: null, action: openId ? "invitation_resent" : "invited", after: { email, role: presets.role } });
    }
    if (fresh.length > 0) await tx.insert(invitations).values(fresh);
    return { ok: true, outgoing, invited: fresh.length, resent: emails.length - fresh.length };
  });
  if (!outcome.ok) return outcome;
  await mailAll(outcome.outgoing, inviter.displayName, expiresAt);
  return { ok: true, invited: outcome.invited, resent: outcome.resent };
}

export type RowRefusal = Refusal<"notFound" | "forbidden" | "closed" | "taken">;

/** The invitation of a row, locked, if the actor may act on it (its role is one they may preset). */
async function lockRow(tx: Executor, actor: Inviter, id: string): Promise<Invitation | RowRefusal> {
  const [invitation] = await tx.select().from(invitations).where(eq(invitations.id, id)).for("update");
  if (!invitation) return { ok: false, error: "notFound" };
  if (!mayPresetRole(actor.role, invitation.role)) return { ok: false, error: "forbidden" };
  if (invitation.acceptedAt || invitation.revokedAt) return { ok: false, error: "closed" };
  return invitation;
}

/** Sends an open (pending or expired) invitation again: a new link and 14 days from now; the old link stops working. */
export async function resendInvitation(actor: Inviter, id: string): Promise<{ ok: true } | RowRefusal> {
  const expiresAt = newExpiry();
  const outcome = await db.transaction(async (tx) => {
    const invitation = await lockRow(tx, actor, id);
    if ("ok" in invitation) return invitation;
    if ((await findTakenAddresses([invitation.email.toLowerCase()], tx)).size > 0) return { ok: false, error: "taken" } as const;
    const { token, tokenHash } = newToken();
    await tx
      .update(invitations)
      .set({ tokenHash, expiresAt, sentAt: new Date(), sendCount: sql`${invitations.sendCount} + 1`, invitedBy: actor.id })
      .where(eq(invitations.id, id));
    await writeAdminLog(tx, { actorId: actor.id, targetUserId: null, action: "invitation_resent", after: { email: invitation.email, role: invitation.role } });
    return { ok: true, mail: { email: invitation.email, token, locale: invitation.locale } } as const;
  });
  if (!outcome.ok) return outcome;
  await mailAll([outcome.mail], actor.displayName, expiresAt);
  return { ok: true };
}

/** Withdraws an open invitation: its link stops working at once. */
export async function revokeInvitation(actor: Inviter, id: string): Promise<{ ok: true } | RowRefusal> {
  return db.transaction(async (tx) => {
    const invitation = await lockRow(tx, actor, id);
    if ("ok" in invitation) return invitation;
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, id));
    await writeAdminLog(tx, { actorId: actor.id, targetUserId: null, action: "invitation_revoked", after: { email: invitation.email, role: invitation.role } });
    return { ok: true } as const;
  });
}

/** The condition of a state, as the list filters by it. */
function stateCondition(state: InvitationState): SQL {
  const now = new Date();
  switch (state) {
    case "accepted":
      return isNotNull(invitations.acceptedAt);
    case "revoked":
      return and(isNull(invitations.acceptedAt), isNotNull(invitations.revokedAt))!;
    case "expired":
      return and(isOpen, lte(invitations.expiresAt, now))!;
    case "pending":
      return and(isOpen, gt(invitations.expiresAt, now))!;
  }
}

const inviters = alias(users, "inviters");
const accepters = alias(users, "accepters");

/** One page of the invitations, newest first, optionally of one state. */
export async function listInvitations(filters: { state: InvitationState | null; page: number }) {
  const where = filters.state ? stateCondition(filters.state) : undefined;
  const [total] = await db.select({ value: count() }).from(invitations).where(where);
  const pages = Math.max(1, Math.ceil((total?.value ?? 0) / INVITATIONS_PER_PAGE));
  const page = Math.min(Math.max(1, filters.page), pages);
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      locale: invitations.locale,
      sentAt: invitations.sentAt,
      sendCount: invitations.sendCount,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      createdAt: invitations.createdAt,
      partnerName: partners.name,
      inviterName: inviters.displayName,
      acceptedUserId: invitations.acceptedUserId,
      accepterName: accepters.displayName,
    })
    .from(invitations)
    .leftJoin(partners, eq(partners.id, invitations.partnerId))
    .leftJoin(inviters, eq(inviters.id, invitations.invitedBy))
    .leftJoin(accepters, eq(accepters.id, invitations.acceptedUserId))
    .where(where)
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(INVITATIONS_PER_PAGE)
    .offset((page - 1) * INVITATIONS_PER_PAGE);
  const now = new Date();
  return { invitations: rows.map((row) => ({ ...row, state: invitationState(row, now) })), total: total?.value ?? 0, page, pages };
}
