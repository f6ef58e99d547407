import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { db, type Database, type Executor } from "#db/client";
import { notifications, partners, topicEvents, topicFollows, topicReplies, topics, topicStatusChanges, users, type TopicEventKind } from "#db/schema";
import { TOPIC_EVENT_TASK } from "#app/modules/open-mic/events.server";
import { log } from "#app/utils/log.server";
import { MODERATION_QUEUE_PATH, sendGuestAnswerMail, sendMemberMail, type GuestRecipient, type MailDetail, type MailTopic, type MemberRecipient } from "./notification-mails.server";
import type { Kind } from "./notification-schemas";
import { channelsFor } from "./preferences.server";
import { COORDINATION_ROLES, isNetworkCoordinator } from "#app/modules/auth/roles";

export { TOPIC_EVENT_TASK };

const KIND_OF_EVENT: Record<TopicEventKind, Kind> = {
  reply: "topic_reply",
  status: "topic_status",
  answer: "topic_answer",
  submitted: "moderation_queue",
  flagged: "moderation_queue",
};

/** What one run of the job did: who got a row, who a mail (a retry adds and sends nothing twice). */
export type DeliveryReport = { kind: Kind | null; notified: string[]; mailed: string[]; guestMailed: boolean };

const NOTHING: DeliveryReport = { kind: null, notified: [], mailed: [], guestMailed: false };

async function loadEvent(executor: Executor, eventId: string) {
  const [row] = await executor
    .select({
      id: topicEvents.id,
      kind: topicEvents.kind,
      actorId: topicEvents.actorId,
      replyId: topicEvents.replyId,
      statusChangeId: topicEvents.statusChangeId,
      createdAt: topicEvents.createdAt,
      topic: {
        id: topics.id,
        title: topics.title,
        authorId: topics.authorId,
        guestEmail: topics.guestEmail,
        guestName: topics.guestName,
        guestLanguage: topics.guestLanguage,
        approvedAt: topics.approvedAt,
        hiddenAt: topics.hiddenAt,
        mergedIntoId: topics.mergedIntoId,
      },
    })
    .from(topicEvents)
    .innerJoin(topics, eq(topics.id, topicEvents.topicId))
    .where(eq(topicEvents.id, eventId));
  return row ?? null;
}

type LoadedEvent = NonNullable<Awaited<ReturnType<typeof loadEvent>>>;

async function followersOf(executor: Executor, topicId: number): Promise<string[]> {
  const rows = await executor.select({ userId: topicFollows.userId }).from(topicFollows).where(eq(topicFollows.topicId, topicId));
  return rows.map((row) => row.userId);
}

async function coordinators(executor: Executor): Promise<string[]> {
  const rows = await executor
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.role, [...COORDINATION_ROLES]));
  return rows.map((row) => row.id);
}

type Plan = { kind: Kind; recipients: string[]; topic: MailTopic; detail: MailDetail; guest: GuestRecipient | null };

/**
 * Who hears of an event, and what they may be told:
 * - a guest's topic waiting for approval: every coordinator and admin (while it still waits);
 * - a reply: the topic's author and its followers, never the one who replied (even as "anonym"),
 *   only while topic and reply are visible;
 * - a status change or official answer: the author and followers of a public topic (of a hidden
 *   one, its author only, and the title is not repeated), not the coordinator who made it; a guest
 *   author who left an address gets the answer by mail.
 * Unapproved and merged topics tell nobody but the moderation.
 */
async function plan(executor: Executor, event: LoadedEvent): Promise<Plan | null> {
  const { topic } = event;
  const kind = KIND_OF_EVENT[event.kind];
  const approved = topic.approvedAt !== null && topic.mergedIntoId === null;
  const visible = approved && topic.hiddenAt === null;
  const mailTopic: MailTopic = { id: topic.id, title: visible ? topic.title : null };

  if (event.kind === "submitted") {
    if (topic.approvedAt !== null || topic.hiddenAt !== null) return null;
    // Coordinators may read a waiting topic: its title may be named to them.
    return { kind, recipients: await coordinators(executor), topic: { id: topic.id, title: topic.title }, detail: { kind: "moderation_queue", flagged: false }, guest: null };
  }
  if (event.kind === "flagged") {
    // A flagged post: coordinators (not the one who flagged, should they be one) look at the queue.
    const recipients = (await coordinators(executor)).filter((id) => id !== event.actorId);
    return { kind, recipients, topic: { id: topic.id, title: topic.title }, detail: { kind: "moderation_queue", flagged: true }, guest: null };
  }
  if (!approved) return null;

  if (event.kind === "reply") {
    if (!visible || !event.replyId) return null;
    const [reply] = await executor
      .select({ authorId: topicReplies.authorId, anonymous: topicReplies.anonymous, body: topicReplies.body, hiddenAt: topicReplies.hiddenAt, name: users.displayName, partnerName: partners.name })
      .from(topicReplies)
      .leftJoin(users, eq(users.id, topicReplies.authorId))
      .leftJoin(partners, eq(partners.id, topicReplies.partnerId))
      .where(and(eq(topicReplies.id, event.replyId), eq(topicReplies.topicId, topic.id)));
    if (!reply || reply.hiddenAt) return null;
    const people = [topic.authorId, ...(await followersOf(executor, topic.id))];
    const recipients = people.filter((id): id is string => id !== null && id !== reply.authorId && id !== event.actorId);
    const by = reply.anonymous
      ? ({ type: "anonymous" } as const)
      : reply.partnerName || reply.name
        ? ({ type: "name", name: (reply.partnerName ?? reply.name)! } as const)
        : ({ type: "unknown" } as const);
    return { kind, recipients, topic: mailTopic, detail: { kind: "topic_reply", by, text: reply.body, replyId: event.replyId }, guest: null };
  }

  if (!event.statusChangeId) return null;
  const [change] = await executor
    .select({ toStatus: topicStatusChanges.toStatus, answer: topicStatusChanges.answer, plainSummary: topicStatusChanges.plainSummary, actorId: topicStatusChanges.actorId })
    .from(topicStatusChanges)
    .where(and(eq(topicStatusChanges.id, event.statusChangeId), eq(topicStatusChanges.topicId, topic.id)));
  if (!change) return null;
  const people = visible ? [topic.authorId, ...(await followersOf(executor, topic.id))] : [topic.authorId];
  const recipients = people.filter((id): id is string => id !== null && id !== event.actorId && id !== change.actorId);
  const detail: MailDetail = { kind: kind as "topic_status" | "topic_answer", status: change.toStatus, answer: change.answer, plainSummary: change.plainSummary };
  // Every status change carries the coordination's visible answer: a guest hears of each one, in the language they wrote from.
  const guest = topic.authorId === null && topic.guestEmail ? { email: topic.guestEmail, name: topic.guestName, language: topic.guestLanguage } : null;
  return { kind, recipients, topic: mailTopic, detail, guest };
}

/**
 * Turns one topic event into notifications: a row for everyone who gets this kind in the app or by
 * e-mail, and a mail for those who chose e-mail (with a confirmed address). The rows are unique per
 * person and event, so a retried job adds nothing; mails go only to the people whose row this run
 * added, so nobody gets one twice.
 */
export async function deliverTopicEvent(eventId: string, executor: Executor = db): Promise<DeliveryReport> {
  const event = await loadEvent(executor, eventId);
  if (!event) return NOTHING;
  const planned = await plan(executor, event);
  if (!planned) return { ...NOTHING, kind: KIND_OF_EVENT[event.kind] };
  const { kind } = planned;
  const unique = [...new Set(planned.recipients)];
  const channels = await channelsFor(executor, unique, kind);
  const wanted = unique.filter((id) => channels.get(id) !== "off");

  const inserted =
    wanted.length === 0
      ? []
      : await executor
          .insert(notifications)
          .values(wanted.map((userId) => ({ userId, kind, topicId: event.topic.id, eventId: event.id, createdAt: event.createdAt })))
          .onConflictDoNothing({ target: [notifications.userId, notifications.eventId] })
          .returning({ userId: notifications.userId });
  const fresh = inserted.map((row) => row.userId);

  const mailTo = fresh.filter((id) => channels.get(id) === "email");
  const mailed: string[] = [];
  if (mailTo.length > 0) {
    const people: (MemberRecipient & { verified: boolean })[] = await executor
      .select({ userId: users.id, email: users.email, displayName: users.displayName, locale: users.locale, verified: sql<boolean>`${users.emailVerifiedAt} is not null` })
      .from(users)
      .where(inArray(users.id, mailTo));
    for (const person of people) {
      // Unconfirmed addresses get no notifications: nobody can have mails sent to someone else's address.
      if (!person.verified) continue;
      if (await sendMemberMail(person, planned.topic, planned.detail)) mailed.push(person.userId);
    }
  }

  let guestMailed = false;
  if (planned.guest && planned.detail.kind !== "topic_reply" && planned.detail.kind !== "moderation_queue") {
    guestMailed = await sendGuestAnswerMail(planned.guest, planned.topic, planned.detail.status, planned.detail.answer, planned.detail.plainSummary ?? null);
  }
  return { kind, notified: fresh, mailed, guestMailed };
}

const PayloadSchema = z.object({ eventId: z.uuid() });

/** The graphile-worker task "topic_event_notify" (payload `{ eventId }`, added by recordTopicEvent). */
export function createTopicEventNotifyTask(database: Database): Task {
  return async (payload) => {
    const parsed = PayloadSchema.safeParse(payload);
    // A malformed payload would fail forever: drop it with a note instead of retrying it.
    if (!parsed.success) {
      log.warn({ component: "jobs", task: TOPIC_EVENT_TASK }, "ignored a payload without an event id");
      return;
    }
    await deliverTopicEvent(parsed.data.eventId, database);
  };
}

// ---------------------------------------------------------------------------------------------
// The person's list

/** The unread count for the header's badge: one count on the (user, read_at) index. Never fails the page. */
export async function countUnread(userId: string): Promise<number> {
  try {
    const [row] = await db
      .select({ value: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return row?.value ?? 0;
  } catch (error) {
    log.warn({ component: "notifications", error: (error as Error).message }, "unread count not read");
    return 0;
  }
}

export type NotificationItem = {
  id: string;
  kind: Kind;
  topicId: number | null;
  /** Null when the viewer may not see the topic's title now (hidden, waiting, merged away). */
  topicTitle: string | null;
  status: string | null;
  read: boolean;
  createdAt: Date;
};

/** One page of the person's notifications, newest first, with the totals for paging and the badge. */
export async function listNotifications(user: { id: string; role: string }, page: number, perPage: number) {
  const coordinator = isNetworkCoordinator(user);
  const [totals] = await db
    .select({ total: count(), unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)::int` })
    .from(notifications)
    .where(eq(notifications.userId, user.id));
  const total = totals?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / perPage));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      topicId: notifications.topicId,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      title: topics.title,
      approvedAt: topics.approvedAt,
      hiddenAt: topics.hiddenAt,
      mergedIntoId: topics.mergedIntoId,
      status: topicStatusChanges.toStatus,
    })
    .from(notifications)
    .leftJoin(topics, eq(topics.id, notifications.topicId))
    .leftJoin(topicEvents, eq(topicEvents.id, notifications.eventId))
    .leftJoin(topicStatusChanges, eq(topicStatusChanges.id, topicEvents.statusChangeId))
    .where(eq(notifications.userId, user.id))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(perPage)
    .offset((current - 1) * perPage);
  const items: NotificationItem[] = rows.map((row) => {
    const titleShown = row.title !== null && (coordinator || (row.approvedAt !== null && row.hiddenAt === null && row.mergedIntoId === null));
    return { id: row.id, kind: row.kind, topicId: row.topicId, topicTitle: titleShown ? row.title : null, status: row.status, read: row.readAt !== null, createdAt: row.createdAt };
  });
  return { items, total, unread: totals?.unread ?? 0, page: current, pages };
}

/** Where a notification leads: the reply on its topic's page, the topic, or the moderation queue. */
export function notificationTarget(kind: Kind, topicId: number | null, replyId: string | null = null): string {
  if (kind === "moderation_queue") return MODERATION_QUEUE_PATH;
  if (!topicId) return "/open-mic";
  return kind === "topic_reply" && replyId ? `/open-mic/${topicId}#antwort-${replyId}` : `/open-mic/${topicId}`;
}

/** Marks one of the person's notifications read and says where it leads; null when it is not theirs. */
export async function openNotification(userId: string, notificationId: string): Promise<string | null> {
  if (!z.uuid().safeParse(notificationId).success) return null;
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)))
    .returning({ kind: notifications.kind, topicId: notifications.topicId, eventId: notifications.eventId });
  if (!row) return null;
  const [event] = row.eventId ? await db.select({ replyId: topicEvents.replyId }).from(topicEvents).where(eq(topicEvents.id, row.eventId)) : [];
  return notificationTarget(row.kind, row.topicId, event?.replyId ?? null);
}

/** Marks all of the person's unread notifications read; returns how many. */
export async function markAllRead(userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
