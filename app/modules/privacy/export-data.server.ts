import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  adminLog,
  changeSuggestions,
  groupInvitations,
  groupJoinRequests,
  groupMemberships,
  groupPosts,
  groupTaskAssignees,
  groupTasks,
  groupThreads,
  invitations,
  meetingAttendance,
  meetings,
  notificationPreferences,
  notifications,
  partnerMembers,
  partners,
  services,
  sessions,
  taxonomyTerms,
  topicFlags,
  topicFollows,
  topicReplies,
  topics,
  topicSupports,
  userOrganizations,
  users,
  userTopics,
  workingGroups,
} from "#db/schema";
import { feedbackForExport } from "#app/modules/accessibility/feedback.server";

/** Schema version of daten.json: raised when a key changes meaning, so programs reading it can tell. */
export const EXPORT_FORMAT_VERSION = 1;

/**
 * The sections of an export, in the order of the readable page. Each key is stable: the JSON file
 * keeps it, and the page's headings are translated from it (privacy.export.sections.<key>).
 */
export const EXPORT_SECTIONS = [
  "account",
  "organisations",
  "topics",
  "openMicTopics",
  "guestTopics",
  "replies",
  "supports",
  "follows",
  "flags",
  "groupMemberships",
  "groupJoinRequests",
  "groupThreads",
  "groupPosts",
  "tasks",
  "meetingResponses",
  "notifications",
  "notificationPreferences",
  "sessions",
  "partnerEditorRoles",
  "changeSuggestions",
  "invitationsSent",
  "groupInvitationsSent",
  "accessibilityFeedback",
  "consents",
  "adminLog",
] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

type Row = Record<string, unknown>;
export type PersonalData = { format: number; createdAt: string; userId: string } & { account: Row; consents: Row } & Record<Exclude<ExportSection, "account" | "consents">, Row[]>;

/**
 * Everything stored about one person, read in one snapshot: the account (without the password hash
 * and the two-factor secret), their profile, what they wrote and did, and what the site recorded about
 * them. Nothing of anyone else beyond the names of groups, partners and topics their rows point to.
 */
export async function gatherPersonalData(executor: Executor, userId: string, now = new Date()): Promise<PersonalData | null> {
  const [account] = await executor
    .select({
      id: users.id,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      displayName: users.displayName,
      handle: users.handle,
      role: users.role,
      locale: users.locale,
      about: users.about,
      phone: users.phone,
      phoneVisibility: users.phoneVisibility,
      emailVisibility: users.emailVisibility,
      languages: users.languages,
      twoFactorEnabledAt: users.totpEnabledAt,
      lastSignInAt: users.lastSignInAt,
      blockedAt: users.blockedAt,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!account) return null;

  const [
    organisations,
    topicRows,
    openMicTopics,
    guestTopics,
    replies,
    supports,
    follows,
    flags,
    memberships,
    joinRequests,
    threads,
    posts,
    tasks,
    meetingResponses,
    notificationRows,
    preferences,
    sessionRows,
    editorRoles,
    suggestions,
    invitationsSent,
    groupInvitationsSent,
    acceptedInvitation,
    adminLogRows,
    accessibilityFeedbackRows,
  ] = await Promise.all([
    executor
      .select({ partner: partners.name, partnerSlug: partners.slug, function: userOrganizations.function, position: userOrganizations.position })
      .from(userOrganizations)
      .innerJoin(partners, eq(partners.id, userOrganizations.partnerId))
      .where(eq(userOrganizations.userId, userId))
      .orderBy(asc(userOrganizations.position)),
    executor
      .select({ slug: taxonomyTerms.slug, labels: taxonomyTerms.labels })
      .from(userTopics)
      .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, userTopics.termId))
      .where(eq(userTopics.userId, userId))
      .orderBy(asc(taxonomyTerms.slug)),
    executor
      .select({
        id: topics.id,
        title: topics.title,
        body: topics.body,
        town: topics.town,
        anonymous: topics.anonymous,
        status: topics.status,
        approvedAt: topics.approvedAt,
        hiddenAt: topics.hiddenAt,
        hiddenReason: topics.hiddenReason,
        editedAt: topics.editedAt,
        createdAt: topics.createdAt,
      })
      .from(topics)
      .where(eq(topics.authorId, userId))
      .orderBy(asc(topics.createdAt)),
    // Topics raised as a guest with the account's address, once the address is confirmed as theirs.
    account.emailVerifiedAt
      ? executor
          .select({ id: topics.id, title: topics.title, body: topics.body, guestName: topics.guestName, guestEmail: topics.guestEmail, status: topics.status, createdAt: topics.createdAt })
          .from(topics)
          .where(and(sql`${topics.authorId} is null`, eq(sql`lower(${topics.guestEmail})`, account.email.toLowerCase())))
          .orderBy(asc(topics.createdAt))
      : Promise.resolve([]),
    executor
      .select({
        id: topicReplies.id,
        topicId: topicReplies.topicId,
        topicTitle: topics.title,
        body: topicReplies.body,
        anonymous: topicReplies.anonymous,
        onBehalfOf: partners.name,
        editedAt: topicReplies.editedAt,
        hiddenAt: topicReplies.hiddenAt,
        createdAt: topicReplies.createdAt,
      })
      .from(topicReplies)
      .innerJoin(topics, eq(topics.id, topicReplies.topicId))
      .leftJoin(partners, eq(partners.id, topicReplies.partnerId))
      .where(eq(topicReplies.authorId, userId))
      .orderBy(asc(topicReplies.createdAt)),
    executor
      .select({ topicId: topicSupports.topicId, topicTitle: topics.title, createdAt: topicSupports.createdAt })
      .from(topicSupports)
      .innerJoin(topics, eq(topics.id, topicSupports.topicId))
      .where(eq(topicSupports.userId, userId))
      .orderBy(asc(topicSupports.createdAt)),
    executor
      .select({ topicId: topicFollows.topicId, topicTitle: topics.title, createdAt: topicFollows.createdAt })
      .from(topicFollows)
      .innerJoin(topics, eq(topics.id, topicFollows.topicId))
      .where(eq(topicFollows.userId, userId))
      .orderBy(asc(topicFollows.createdAt)),
    executor
      .select({ topicId: topicFlags.topicId, replyId: topicFlags.replyId, reason: topicFlags.reason, note: topicFlags.note, resolvedAt: topicFlags.resolvedAt, createdAt: topicFlags.createdAt })
      .from(topicFlags)
      .where(eq(topicFlags.reporterId, userId))
      .orderBy(asc(topicFlags.createdAt)),
    executor
      .select({ group: workingGroups.name, groupSlug: workingGroups.slug, role: groupMemberships.role, joinedAt: groupMemberships.joinedAt, lastVisitAt: groupMemberships.lastVisitAt })
      .from(groupMemberships)
      .innerJoin(workingGroups, eq(workingGroups.id, groupMemberships.groupId))
      .where(eq(groupMemberships.userId, userId))
      .orderBy(asc(workingGroups.name)),
    executor
      .select({ group: workingGroups.name, message: groupJoinRequests.message, status: groupJoinRequests.status, decidedAt: groupJoinRequests.decidedAt, createdAt: groupJoinRequests.createdAt })
      .from(groupJoinRequests)
      .innerJoin(workingGroups, eq(workingGroups.id, groupJoinRequests.groupId))
      .where(eq(groupJoinRequests.userId, userId))
      .orderBy(asc(groupJoinRequests.createdAt)),
    executor
      .select({ id: groupThreads.id, group: workingGroups.name, title: groupThreads.title, createdAt: groupThreads.createdAt })
      .from(groupThreads)
      .innerJoin(workingGroups, eq(workingGroups.id, groupThreads.groupId))
      .where(eq(groupThreads.authorId, userId))
      .orderBy(asc(groupThreads.createdAt)),
    executor
      .select({
        id: groupPosts.id,
        threadId: groupPosts.threadId,
        threadTitle: groupThreads.title,
        body: groupPosts.body,
        editedAt: groupPosts.editedAt,
        hiddenAt: groupPosts.hiddenAt,
        createdAt: groupPosts.createdAt,
      })
      .from(groupPosts)
      .innerJoin(groupThreads, eq(groupThreads.id, groupPosts.threadId))
      .where(eq(groupPosts.authorId, userId))
      .orderBy(asc(groupPosts.createdAt)),
    executor
      .select({
        id: groupTasks.id,
        group: workingGroups.name,
        title: groupTasks.title,
        status: groupTasks.status,
        dueDate: groupTasks.dueDate,
        createdByYou: sql<boolean>`${groupTasks.createdBy} = ${userId}`,
      })
      .from(groupTaskAssignees)
      .innerJoin(groupTasks, eq(groupTasks.id, groupTaskAssignees.taskId))
      .innerJoin(workingGroups, eq(workingGroups.id, groupTasks.groupId))
      .where(eq(groupTaskAssignees.userId, userId))
      .orderBy(asc(groupTasks.createdAt)),
    executor
      .select({ meeting: meetings.title, startsAt: meetings.startsAt, response: meetingAttendance.response, updatedAt: meetingAttendance.updatedAt })
      .from(meetingAttendance)
      .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
      .where(eq(meetingAttendance.userId, userId))
      .orderBy(asc(meetings.startsAt)),
    executor
      .select({ kind: notifications.kind, topicId: notifications.topicId, topicTitle: topics.title, readAt: notifications.readAt, createdAt: notifications.createdAt })
      .from(notifications)
      .leftJoin(topics, eq(topics.id, notifications.topicId))
      .where(eq(notifications.userId, userId))
      .orderBy(asc(notifications.createdAt)),
    executor
      .select({ kind: notificationPreferences.kind, channel: notificationPreferences.channel, updatedAt: notificationPreferences.updatedAt })
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, userId))
      .orderBy(asc(notificationPreferences.kind)),
    // Sessions without their ids: the stored hash names a live session.
    executor
      .select({ createdAt: sessions.createdAt, lastUsedAt: sessions.lastUsedAt, expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(asc(sessions.createdAt)),
    executor
      .select({ partner: partners.name, partnerSlug: partners.slug, role: partnerMembers.role, createdAt: partnerMembers.createdAt })
      .from(partnerMembers)
      .innerJoin(partners, eq(partners.id, partnerMembers.partnerId))
      .where(eq(partnerMembers.userId, userId))
      .orderBy(asc(partners.name)),
    executor
      .select({ partner: partners.name, service: services.name, message: changeSuggestions.message, status: changeSuggestions.status, createdAt: changeSuggestions.createdAt })
      .from(changeSuggestions)
      .leftJoin(partners, eq(partners.id, changeSuggestions.partnerId))
      .leftJoin(services, eq(services.id, changeSuggestions.serviceId))
      .where(eq(changeSuggestions.authorId, userId))
      .orderBy(asc(changeSuggestions.createdAt)),
    executor
      .select({ email: invitations.email, role: invitations.role, sentAt: invitations.sentAt, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt })
      .from(invitations)
      .where(eq(invitations.invitedBy, userId))
      .orderBy(asc(invitations.createdAt)),
    executor
      .select({ group: workingGroups.name, email: groupInvitations.email, message: groupInvitations.message, status: groupInvitations.status, createdAt: groupInvitations.createdAt })
      .from(groupInvitations)
      .innerJoin(workingGroups, eq(workingGroups.id, groupInvitations.groupId))
      .where(eq(groupInvitations.invitedBy, userId))
      .orderBy(asc(groupInvitations.createdAt)),
    executor.select({ acceptedAt: invitations.acceptedAt }).from(invitations).where(eq(invitations.acceptedUserId, userId)).limit(1),
    // What the administration recorded about the person (who did it stays out: the other person's data).
    executor
      .select({ action: adminLog.action, before: adminLog.before, after: adminLog.after, reason: adminLog.reason, createdAt: adminLog.createdAt })
      .from(adminLog)
      .where(eq(adminLog.targetUserId, userId))
      .orderBy(asc(adminLog.createdAt)),
    feedbackForExport(executor, userId),
  ]);

  // What the person agreed to or chose, as the site records it; nothing else is asked of them.
  const consents: Row = {
    registeredAt: account.createdAt,
    emailConfirmedAt: account.emailVerifiedAt,
    invitationAcceptedAt: acceptedInvitation[0]?.acceptedAt ?? null,
    emailNotifications: preferences.filter((row) => row.channel === "email").map((row) => row.kind),
    phoneVisibleTo: account.phoneVisibility,
    emailVisibleTo: account.emailVisibility,
    language: account.locale,
  };

  return {
    format: EXPORT_FORMAT_VERSION,
    createdAt: now.toISOString(),
    userId,
    account,
    organisations,
    topics: topicRows,
    openMicTopics,
    guestTopics,
    replies,
    supports,
    follows,
    flags,
    groupMemberships: memberships,
    groupJoinRequests: joinRequests,
    groupThreads: threads,
    groupPosts: posts,
    tasks,
    meetingResponses,
    notifications: notificationRows,
    notificationPreferences: preferences,
    sessions: sessionRows,
    partnerEditorRoles: editorRoles,
    changeSuggestions: suggestions,
    invitationsSent,
    groupInvitationsSent,
    accessibilityFeedback: accessibilityFeedbackRows,
    consents,
    adminLog: adminLogRows,
  };
}
