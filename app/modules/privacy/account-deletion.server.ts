import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import {
  calendarTokens,
  dataExports,
  groupInvitations,
  groupJoinRequests,
  groupMemberships,
  groupPosts,
  groupTaskAssignees,
  groupThreads,
  invitations,
  meetingAttendance,
  notificationPreferences,
  notifications,
  partnerMembers,
  recoveryCodes,
  services,
  sessions,
  topicEdits,
  topicFollows,
  topicReplies,
  topics,
  topicStatusChanges,
  userOrganizations,
  users,
  userTokens,
  userTopics,
  type UserRole,
} from "#db/schema";
import { GROUP_CONTENT_INDEX } from "#search/indexes/group-content";
import { TOPICS_INDEX } from "#search/indexes/topics";
import { enqueueSearchSyncForQuery } from "#search/sync";
import { eraseFeedbackOf } from "#app/modules/accessibility/feedback.server";
import { anotherActiveAdmin } from "#app/modules/admin/active-admins.server";
import { writeAdminLog } from "#app/modules/admin/admin-log.server";
import { enqueuePersonSync } from "#app/modules/people/people-sync.server";
import { checkCurrentPassword } from "#app/modules/auth/sign-in.server";
import type { Refusal } from "#app/utils/http";
import { mayManageAccounts } from "#app/modules/admin/admin-rules";
import { DELETED_MEMBER_NAME, REMOVED_POST_BODY, REMOVED_THREAD_TITLE, REMOVED_TOPIC_TITLE } from "./deletion-texts";

export type DeletionRefusalReason = "notFound" | "forbidden" | "self" | "lastAdmin" | "wrongPassword" | "throttled";
export type DeletionResult = { ok: true } | Refusal<DeletionRefusalReason>;

const refuse = (error: DeletionRefusalReason, retryAfterSeconds?: number): Refusal<DeletionRefusalReason> => ({ ok: false, error, retryAfterSeconds });

export type ErasureInput = {
  targetId: string;
  /** Who deletes: the person themselves, an admin, or null for the retention job. */
  actorId: string | null;
  /** Also delete the person's Open Mic topics and replies and their group threads and posts. */
  deletePosts: boolean;
  reason?: string;
};

/**
 * With "delete my posts": the person's replies and group posts go. Their topics and threads go too,
 * unless others answered in them: then the topic or thread keeps its place with a placeholder text,
 * so the others' answers stay readable. Every topic and thread whose indexed text changes is synced.
 */
async function removePosts(tx: Executor, userId: string): Promise<void> {
  const ownTopics = sql`select ${topics.id}::text as id from ${topics} where ${topics.authorId} = ${userId}
    union select ${topicReplies.topicId}::text from ${topicReplies} where ${topicReplies.authorId} = ${userId}`;
  await enqueueSearchSyncForQuery(tx, TOPICS_INDEX, ownTopics);
  const ownThreads = sql`select 'thread:' || ${groupThreads.id} as id from ${groupThreads} where ${groupThreads.authorId} = ${userId}
    union select 'thread:' || ${groupPosts.threadId} from ${groupPosts} where ${groupPosts.authorId} = ${userId}`;
  await enqueueSearchSyncForQuery(tx, GROUP_CONTENT_INDEX, ownThreads);

  await tx.delete(topicReplies).where(eq(topicReplies.authorId, userId));
  const authored = await tx.select({ id: topics.id }).from(topics).where(eq(topics.authorId, userId));
  const topicIds = authored.map((row) => row.id);
  if (topicIds.length > 0) {
    const answered = await tx
      .selectDistinct({ id: topics.id })
      .from(topics)
      .where(
        and(
          inArray(topics.id, topicIds),
          or(
            sql`exists (select 1 from ${topicReplies} where ${topicReplies.topicId} = ${topics.id})`,
            sql`exists (select 1 from ${topicStatusChanges} where ${topicStatusChanges.topicId} = ${topics.id})`,
          ),
        ),
      );
    const kept = answered.map((row) => row.id);
    const gone = topicIds.filter((id) => !kept.includes(id));
    if (gone.length > 0) await tx.delete(topics).where(inArray(topics.id, gone));
    if (kept.length > 0) {
      await tx.update(topics).set({ title: REMOVED_TOPIC_TITLE, body: REMOVED_POST_BODY, guestName: null, editedAt: new Date(), updatedAt: new Date() }).where(inArray(topics.id, kept));
      // What a moderator's edit replaced is the person's text too.
      await tx.delete(topicEdits).where(and(inArray(topicEdits.topicId, kept), isNull(topicEdits.replyId)));
    }
  }

  await tx.delete(groupPosts).where(eq(groupPosts.authorId, userId));
  const threads = await tx.select({ id: groupThreads.id }).from(groupThreads).where(eq(groupThreads.authorId, userId));
  const threadIds = threads.map((row) => row.id);
  if (threadIds.length > 0) {
    const withPosts = await tx.selectDistinct({ id: groupPosts.threadId }).from(groupPosts).where(inArray(groupPosts.threadId, threadIds));
    const kept = withPosts.map((row) => row.id);
    const gone = threadIds.filter((id) => !kept.includes(id));
    if (gone.length > 0) await tx.delete(groupThreads).where(inArray(groupThreads.id, gone));
    if (kept.length > 0) await tx.update(groupThreads).set({ title: REMOVED_THREAD_TITLE, updatedAt: new Date() }).where(inArray(groupThreads.id, kept));
  }
}

/**
 * Deletes an account (GDPR Art. 17), in the caller's transaction: the row stays, emptied, so posts the
 * person leaves show "ehemaliges Mitglied"; everything else about them goes, their sessions end, and
 * every search index learns of it. The one function behind self-deletion, an admin's deletion and
 * the retention job; it checks no permission (its callers do), only that the last admin remains.
 */
export async function eraseAccount(tx: Executor, input: ErasureInput): Promise<DeletionResult> {
  const [target] = await tx
    .select({ id: users.id, role: users.role, email: users.email, displayName: users.displayName, blockedAt: users.blockedAt, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, input.targetId))
    .for("update");
  if (!target || target.deletedAt) return refuse("notFound");
  if (target.role === "admin" && !target.blockedAt && !(await anotherActiveAdmin(tx, target.id))) return refuse("lastAdmin");
  const userId = target.id;
  const oldEmail = target.email.toLowerCase();

  await enqueuePersonSync(tx, userId);
  // A service whose contact was this person no longer names them.
  await enqueueSearchSyncForQuery(tx, "services", sql`select ${services.id}::text as id from ${services} where ${services.contactUserId} = ${userId}`);
  await tx.update(services).set({ contactUserId: null }).where(eq(services.contactUserId, userId));
  if (input.deletePosts) await removePosts(tx, userId);

  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await tx.delete(userTokens).where(eq(userTokens.userId, userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.delete(calendarTokens).where(eq(calendarTokens.userId, userId));
  await tx.delete(dataExports).where(eq(dataExports.userId, userId));
  await tx.delete(userOrganizations).where(eq(userOrganizations.userId, userId));
  await tx.delete(userTopics).where(eq(userTopics.userId, userId));
  await tx.delete(partnerMembers).where(eq(partnerMembers.userId, userId));
  await tx.delete(groupMemberships).where(eq(groupMemberships.userId, userId));
  await tx.delete(groupJoinRequests).where(eq(groupJoinRequests.userId, userId));
  await tx.delete(groupTaskAssignees).where(eq(groupTaskAssignees.userId, userId));
  await tx.delete(meetingAttendance).where(eq(meetingAttendance.userId, userId));
  await tx.delete(notifications).where(eq(notifications.userId, userId));
  await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  await tx.delete(topicFollows).where(eq(topicFollows.userId, userId));
  await eraseFeedbackOf(tx, userId, input.deletePosts);
  // Invitations to the person's address name them; the ones they sent stay (the invitees' record).
  await tx.delete(invitations).where(or(eq(invitations.acceptedUserId, userId), eq(sql`lower(${invitations.email})`, oldEmail)));
  await tx.delete(groupInvitations).where(and(eq(sql`lower(${groupInvitations.email})`, oldEmail), ne(groupInvitations.status, "accepted")));

  const now = new Date();
  const compact = userId.replace(/-/g, "");
  await tx
    .update(users)
    .set({
      deletedAt: now,
      displayName: DELETED_MEMBER_NAME,
      email: `deleted-${userId}@invalid`,
      handle: `ehemalig-${compact.slice(0, 12)}`,
      // Not an argon2 hash at all: no password verifies against it (the check fails without throwing).
      passwordHash: `!deleted:${randomBytes(24).toString("base64url")}`,
      role: "member" satisfies UserRole,
      locale: null,
      about: "",
      phone: null,
      phoneVisibility: "nobody",
      emailVisibility: "nobody",
      languages: [],
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      updatedAt: now,
    })
    .where(eq(users.id, userId));
  await writeAdminLog(tx, {
    actorId: input.actorId,
    targetUserId: userId,
    action: "account_deleted",
    before: { role: target.role },
    after: { deleted: "yes", postsDeleted: input.deletePosts ? "yes" : "no", by: input.actorId === userId ? "self" : input.actorId ? "admin" : "retention" },
    reason: input.reason ?? "",
  });
  return { ok: true };
}

/** The signed-in person deletes their own account, after their current password (under the sign-in throttle). */
export async function deleteOwnAccount(userId: string, password: string, deletePosts: boolean, clientAddress: string, executor: Executor = db): Promise<DeletionResult> {
  const [user] = await executor.select({ email: users.email, deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId));
  if (!user || user.deletedAt) return refuse("notFound");
  const check = await checkCurrentPassword(userId, user.email, password, clientAddress);
  if (check !== true) return check > 0 ? refuse("throttled", check) : refuse("wrongPassword");
  return executor.transaction((tx) => eraseAccount(tx, { targetId: userId, actorId: userId, deletePosts }));
}

/** An admin deletes someone else's account from the administration, with a reason for the admin log. */
export async function deleteAccountAsAdmin(actor: { id: string; role: UserRole }, targetId: string, reason: string, deletePosts: boolean, executor: Executor = db): Promise<DeletionResult> {
  if (!mayManageAccounts(actor.role)) return refuse("forbidden");
  if (actor.id === targetId) return refuse("self");
  return executor.transaction((tx) => eraseAccount(tx, { targetId, actorId: actor.id, deletePosts, reason }));
}
