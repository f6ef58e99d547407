import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Executor } from "#db/client";
import {
  bannedAddresses,
  groupTasks,
  partners,
  taxonomyTerms,
  topicEdits,
  topicFlags,
  topicFollows,
  topicModerationLog,
  topicReplies,
  topics,
  topicSupports,
  users,
  type TopicModerationAction,
} from "#db/schema";
import { enqueueGroupContentSync } from "#search/group-content-sync";
import type { SessionUser } from "#app/modules/auth/session.server";
import { rewriteAgendaLines } from "#app/modules/groups/meetings/meeting-topics.server";
import { countOverdueReviews } from "./coordination.server";
import type { ModeratorEditValues } from "./coordination-schemas";
import { personalDataIn } from "./personal-data";
import { enqueueTopicSync } from "#search/topic-sync";


export const LOG_PER_PAGE = 50;

type FieldErrors = Record<string, string[]>;
export type ModerationResult = { ok: true } | { ok: false; notFound?: true; fieldErrors?: FieldErrors; formErrors?: string[] };
const notFound = { ok: false, notFound: true } as const;
const fieldError = (field: string, key: string): ModerationResult => ({ ok: false, fieldErrors: { [field]: [key] } });
const formError = (key: string): ModerationResult => ({ ok: false, formErrors: [key] });

type LogEntry = { actorId: string; action: TopicModerationAction; topicId?: number | null; replyId?: string | null; reason?: string; detail?: Record<string, string> };

/** Every moderation action leaves its row (who, when, why) in the transaction that does it. */
async function log(tx: Executor, entry: LogEntry): Promise<void> {
  await tx.insert(topicModerationLog).values({ actorId: entry.actorId, action: entry.action, topicId: entry.topicId ?? null, replyId: entry.replyId ?? null, reason: entry.reason ?? "", detail: entry.detail ?? {} });
}


async function lockTopic(tx: Executor, topicId: number) {
  const [topic] = await tx.select().from(topics).where(eq(topics.id, topicId)).for("update");
  return topic ?? null;
}

/** A reply of this very topic, locked for the transaction; a reply of another topic is not found. */
async function lockReply(tx: Executor, topicId: number, replyId: string) {
  const [reply] = await tx
    .select()
    .from(topicReplies)
    .where(and(eq(topicReplies.id, replyId), eq(topicReplies.topicId, topicId)))
    .for("update");
  return reply ?? null;
}

// ---------------------------------------------------------------------------------------------
// The queue

const pendingCondition = and(isNull(topics.approvedAt), isNull(topics.hiddenAt), isNull(topics.mergedIntoId));

/** What waits for coordinators: guests' topics to approve, open flags, overdue reviews. */
export async function queueCounts(): Promise<{ pending: number; flags: number; reviews: number }> {
  const [[pending], [flags], reviews] = await Promise.all([
    db.select({ value: count() }).from(topics).where(pendingCondition),
    db.select({ value: count() }).from(topicFlags).where(isNull(topicFlags.resolvedAt)),
    countOverdueReviews(),
  ]);
  return { pending: pending?.value ?? 0, flags: flags?.value ?? 0, reviews };
}

/**
 * The moderation queue: guests' topics waiting for approval (oldest first) and open flags (oldest
 * first), each with the personal data found in its text, so it can be removed before approving.
 */
export async function getQueue() {
  const pending = await db
    .select({
      id: topics.id,
      title: topics.title,
      body: topics.body,
      town: topics.town,
      guestName: topics.guestName,
      guestEmail: topics.guestEmail,
      categoryLabels: taxonomyTerms.labels,
      createdAt: topics.createdAt,
      banned: sql<boolean>`exists (select 1 from ${bannedAddresses} where ${bannedAddresses.email} = lower(${topics.guestEmail}))`,
    })
    .from(topics)
    .leftJoin(taxonomyTerms, eq(taxonomyTerms.id, topics.categoryId))
    .where(pendingCondition)
    .orderBy(asc(topics.createdAt), asc(topics.id));
  const reporter = alias(users, "reporter");
  const flagged = await db
    .select({
      id: topicFlags.id,
      reason: topicFlags.reason,
      note: topicFlags.note,
      createdAt: topicFlags.createdAt,
      reporterName: reporter.displayName,
      topicId: topics.id,
      topicTitle: topics.title,
      topicBody: topics.body,
      topicHidden: sql<boolean>`${topics.hiddenAt} is not null`,
      replyId: topicReplies.id,
      replyBody: topicReplies.body,
      replyHidden: sql<boolean>`${topicReplies.hiddenAt} is not null`,
    })
    .from(topicFlags)
    .innerJoin(topics, eq(topics.id, topicFlags.topicId))
    // A flag's reply belongs to the flag's topic; anything else would be a foreign reply.
    .leftJoin(topicReplies, and(eq(topicReplies.id, topicFlags.replyId), eq(topicReplies.topicId, topicFlags.topicId)))
    .leftJoin(reporter, eq(reporter.id, topicFlags.reporterId))
    .where(isNull(topicFlags.resolvedAt))
    .orderBy(asc(topicFlags.createdAt), asc(topicFlags.id));
  return {
    pending: pending.map((topic) => ({ ...topic, findings: personalDataIn([topic.title, topic.body, topic.town, topic.guestName]) })),
    flags: flagged.map(({ topicBody, replyBody, replyHidden, topicHidden, ...flag }) => {
      const onReply = flag.replyId !== null;
      const text = onReply ? (replyBody ?? "") : topicBody;
      return { ...flag, onReply, text, hidden: onReply ? replyHidden : topicHidden, findings: personalDataIn(onReply ? [text] : [flag.topicTitle, text]) };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// One topic, as moderators see it

/** Everything about a topic for its moderation page: who wrote it (also when anonymous), all replies. */
export async function getModerationTopic(topicId: number) {
  const author = alias(users, "author");
  const [topic] = await db
    .select({
      id: topics.id,
      title: topics.title,
      body: topics.body,
      status: topics.status,
      anonymous: topics.anonymous,
      authorName: author.displayName,
      guestName: topics.guestName,
      guestEmail: topics.guestEmail,
      town: topics.town,
      approvedAt: topics.approvedAt,
      hiddenAt: topics.hiddenAt,
      hiddenReason: topics.hiddenReason,
      lockedAt: topics.lockedAt,
      mergedIntoId: topics.mergedIntoId,
      createdAt: topics.createdAt,
      banned: sql<boolean>`exists (select 1 from ${bannedAddresses} where ${bannedAddresses.email} = lower(${topics.guestEmail}))`,
    })
    .from(topics)
    .leftJoin(author, eq(author.id, topics.authorId))
    .where(eq(topics.id, topicId));
  if (!topic) return null;
  const replies = await db
    .select({
      id: topicReplies.id,
      body: topicReplies.body,
      anonymous: topicReplies.anonymous,
      authorName: users.displayName,
      partnerName: partners.name,
      hiddenAt: topicReplies.hiddenAt,
      hiddenReason: topicReplies.hiddenReason,
      createdAt: topicReplies.createdAt,
      openFlags: sql<number>`(select count(*) from ${topicFlags} where ${topicFlags.replyId} = ${topicReplies.id} and ${topicFlags.resolvedAt} is null)::int`,
    })
    .from(topicReplies)
    .leftJoin(users, eq(users.id, topicReplies.authorId))
    .leftJoin(partners, eq(partners.id, topicReplies.partnerId))
    .where(eq(topicReplies.topicId, topicId))
    .orderBy(asc(topicReplies.createdAt), asc(topicReplies.id));
  const [merged] = topic.mergedIntoId ? await db.select({ id: topics.id, title: topics.title }).from(topics).where(eq(topics.id, topic.mergedIntoId)) : [];
  return { topic: { ...topic, mergedInto: merged ?? null }, replies };
}

// ---------------------------------------------------------------------------------------------
// Actions. Each runs in one transaction with its log row and the search sync.

/** Approves a guest's topic: from now on it is listed, readable and searchable. */
export async function approveTopic(actor: SessionUser, topicId: number): Promise<ModerationResult> {
  return db.transaction(async (tx) => {
    const topic = await lockTopic(tx, topicId);
    if (!topic) return notFound;
    if (topic.approvedAt) return { ok: true };
    await tx.update(topics).set({ approvedAt: new Date(), approvedBy: actor.id, updatedAt: new Date() }).where(eq(topics.id, topicId));
    await log(tx, { actorId: actor.id, action: "approve", topicId });
    await enqueueTopicSync(tx, topicId);
    return { ok: true };
  });
}

/** Resolves the open flags of a topic (replyId null) or of one of its replies. */
async function resolveFlagsOf(tx: Executor, actor: SessionUser, topicId: number, replyId: string | null, clearNotes = false): Promise<number> {
  const ofPost = and(eq(topicFlags.topicId, topicId), replyId ? eq(topicFlags.replyId, replyId) : isNull(topicFlags.replyId));
  // Reporters' notes may quote what was removed: all of the post's flags lose them.
  if (clearNotes) await tx.update(topicFlags).set({ note: "" }).where(ofPost);
  const resolved = await tx
    .update(topicFlags)
    .set({ resolvedAt: new Date(), resolvedBy: actor.id })
    .where(and(ofPost, isNull(topicFlags.resolvedAt)))
    .returning({ id: topicFlags.id });
  return resolved.length;
}

/**
 * Hides or shows again the topic (replyId null) or one of its replies. A hidden post is shown as
 * "ausgeblendet: <reason>" to everyone but coordinators and leaves search. A reply id of another
 * topic changes nothing.
 */
export async function setHidden(actor: SessionUser, topicId: number, replyId: string | null, hidden: boolean, reason: string, detail: Record<string, string> = {}): Promise<ModerationResult> {
  return db.transaction(async (tx) => {
    const topic = await lockTopic(tx, topicId);
    if (!topic) return notFound;
    const values = hidden ? { hiddenAt: new Date(), hiddenBy: actor.id, hiddenReason: reason } : { hiddenAt: null, hiddenBy: null, hiddenReason: null };
    if (replyId) {
      const reply = await lockReply(tx, topicId, replyId);
      if (!reply) return fieldError("replyId", "openMicCoordination.validation.replyUnknown");
      if ((reply.hiddenAt !== null) === hidden) return { ok: true };
      await tx.update(topicReplies).set(values).where(eq(topicReplies.id, replyId));
    } else {
      if ((topic.hiddenAt !== null) === hidden) return { ok: true };
      await tx
        .update(topics)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(topics.id, topicId));
    }
    await log(tx, { actorId: actor.id, action: hidden ? "hide" : "unhide", topicId, replyId, reason, detail });
    await enqueueTopicSync(tx, topicId);
    return { ok: true };
  });
}

/** Locks a topic against new replies, or opens it again. */
export async function setLocked(actor: SessionUser, topicId: number, locked: boolean, reason: string): Promise<ModerationResult> {
  return db.transaction(async (tx) => {
    const topic = await lockTopic(tx, topicId);
    if (!topic) return notFound;
    if ((topic.lockedAt !== null) === locked) return { ok: true };
    await tx
      .update(topics)
      .set({ lockedAt: locked ? new Date() : null, updatedAt: new Date() })
      .where(eq(topics.id, topicId));
    await log(tx, { actorId: actor.id, action: locked ? "lock" : "unlock", topicId, reason });
    return { ok: true };
  });
}

/**
 * After personal data left a topic's title for good: the agenda lines that link the topic carry the
 * new title, and so do the topic's tasks that still have the old title (also as the status form
 * shortened it) or quote it in their description. Each changed meeting and task is synced to search.
 */
async function rewriteTopicCopies(tx: Executor, topicId: number, oldTitle: string, newTitle: string, now: Date): Promise<void> {
  await rewriteAgendaLines(tx, topicId, newTitle, now);
  const tasks = await tx.select({ id: groupTasks.id, title: groupTasks.title, description: groupTasks.description }).from(groupTasks).where(eq(groupTasks.topicId, topicId)).for("update");
  for (const task of tasks) {
    const title = task.title === oldTitle || task.title === oldTitle.slice(0, 200) ? newTitle.slice(0, 200) : task.title;
    const description = task.description.split(oldTitle).join(newTitle);
    if (title === task.title && description === task.description) continue;
    await tx.update(groupTasks).set({ title, description, updatedAt: now }).where(eq(groupTasks.id, task.id));
    await enqueueGroupContentSync(tx, "task", task.id);
  }
}

/**
 * A moderator's edit of the topic's title and text, or of a reply's text. Normally the previous text
 * goes to topic_edits with the reason, so the author sees what changed. With `personalData` the old
 * text is removed for good instead: no topic_edits row (earlier ones of the same post, which may
 * hold the same data, are deleted too), nothing of it in the log, the notes of the post's flags
 * cleared, and the search document rebuilt from the new text.
 */
export async function moderatorEdit(actor: SessionUser, topicId: number, input: ModeratorEditValues): Promise<ModerationResult> {
  return db.transaction(async (tx) => {
    const topic = await lockTopic(tx, topicId);
    if (!topic) return notFound;
    const now = new Date();
    let previousTitle: string | null = null;
    let previousBody: string | null = null;
    const changedFields: string[] = [];
    if (input.replyId) {
      const reply = await lockReply(tx, topicId, input.replyId);
      if (!reply) return fieldError("replyId", "openMicCoordination.validation.replyUnknown");
      if (reply.body === input.body) return formError("openMicCoordination.validation.unchanged");
      previousBody = reply.body;
      await tx.update(topicReplies).set({ body: input.body, editedAt: now }).where(eq(topicReplies.id, reply.id));
    } else {
      const title = input.title ?? topic.title;
      // The guest's name and the place change only when the form held them (see topicFields).
      const guestName = input.topicFields ? input.guestName : topic.guestName;
      const town = input.topicFields ? input.town : topic.town;
      changedFields.push(...(guestName !== topic.guestName ? ["guestName"] : []), ...(town !== topic.town ? ["town"] : []));
      if (title === topic.title && input.body === topic.body && changedFields.length === 0) return formError("openMicCoordination.validation.unchanged");
      if (title !== topic.title) previousTitle = topic.title;
      if (input.body !== topic.body) previousBody = topic.body;
      await tx.update(topics).set({ title, body: input.body, guestName, town, editedAt: now, updatedAt: now }).where(eq(topics.id, topicId));
      // What the system itself copied of the title (agenda lines, tasks) is rewritten with it when
      // personal data is removed for good.
      if (input.personalData && previousTitle !== null) await rewriteTopicCopies(tx, topicId, previousTitle, title, now);
    }
    const fields = [previousTitle !== null ? "title" : null, previousBody !== null ? "body" : null, ...changedFields].filter(Boolean).join(",");
    const ownEdits = input.replyId ? eq(topicEdits.replyId, input.replyId) : and(eq(topicEdits.topicId, topicId), isNull(topicEdits.replyId));
    if (input.personalData) {
      await tx.delete(topicEdits).where(ownEdits);
      await resolveFlagsOf(tx, actor, topicId, input.replyId, true);
      await log(tx, { actorId: actor.id, action: "remove_personal_data", topicId, replyId: input.replyId, reason: input.reason, detail: { fields } });
    } else {
      await tx.insert(topicEdits).values({ topicId, replyId: input.replyId, editorId: actor.id, previousTitle, previousBody, reason: input.reason });
      await log(tx, { actorId: actor.id, action: "edit", topicId, replyId: input.replyId, reason: input.reason, detail: { fields } });
    }
    await enqueueTopicSync(tx, topicId);
    return { ok: true };
  });
}

/**
 * Merges a duplicate into the topic that is kept: the duplicate points to it (and leaves lists and
 * search), topics merged into the duplicate before now point to the kept one, and the duplicate's
 * supporters and followers carry over. The kept topic must be another approved, visible topic that
 * was not merged itself.
 */
export async function mergeTopic(actor: SessionUser, duplicateId: number, keptId: number, reason: string): Promise<ModerationResult> {
  return db.transaction(async (tx) => {
    const duplicate = await lockTopic(tx, duplicateId);
    if (!duplicate) return notFound;
    if (duplicate.mergedIntoId !== null) return formError("openMicCoordination.validation.alreadyMerged");
    if (keptId === duplicateId) return fieldError("keptId", "openMicCoordination.validation.mergeSelf");
    const kept = await lockTopic(tx, keptId);
    if (!kept || !kept.approvedAt || kept.hiddenAt || kept.mergedIntoId !== null) return fieldError("keptId", "openMicCoordination.validation.mergeTarget");
    const now = new Date();
    await tx.update(topics).set({ mergedIntoId: keptId, updatedAt: now }).where(eq(topics.id, duplicateId));
    const earlier = await tx.update(topics).set({ mergedIntoId: keptId, updatedAt: now }).where(eq(topics.mergedIntoId, duplicateId)).returning({ id: topics.id });
    await tx.execute(sql`insert into ${topicSupports} (topic_id, user_id, created_at) select ${keptId}, user_id, created_at from ${topicSupports} where topic_id = ${duplicateId} on conflict do nothing`);
    await tx.execute(sql`insert into ${topicFollows} (topic_id, user_id, created_at) select ${keptId}, user_id, created_at from ${topicFollows} where topic_id = ${duplicateId} on conflict do nothing`);
    await tx.update(topics).set({ updatedAt: now }).where(eq(topics.id, keptId));
    await log(tx, { actorId: actor.id, action: "merge", topicId: duplicateId, reason, detail: { keptId: String(keptId) } });
    for (const id of [duplicateId, keptId, ...earlier.map((row) => row.id)]) await enqueueTopicSync(tx, id);
    return { ok: true };
  });
}

/**
 * Bans the address a guest gave with this topic: it may post no more. With `hidePending`, the
 * address's topics still waiting for approval are hidden with the same reason (each logged).
 */
export async function banGuestAddress(actor: SessionUser, topicId: number, reason: string, hidePending: boolean): Promise<ModerationResult> {
  return db.transaction(async (tx) => {
    const topic = await lockTopic(tx, topicId);
    if (!topic) return notFound;
    const email = topic.guestEmail?.trim().toLowerCase();
    if (!email) return formError("openMicCoordination.validation.noGuestAddress");
    await tx.insert(bannedAddresses).values({ email, reason, bannedBy: actor.id }).onConflictDoUpdate({ target: bannedAddresses.email, set: { reason, bannedBy: actor.id } });
    const hiddenIds = hidePending
      ? (
          await tx
            .update(topics)
            .set({ hiddenAt: new Date(), hiddenBy: actor.id, hiddenReason: reason, updatedAt: new Date() })
            .where(and(sql`lower(${topics.guestEmail}) = ${email}`, isNull(topics.approvedAt), isNull(topics.hiddenAt)))
            .returning({ id: topics.id })
        ).map((row) => row.id)
      : [];
    await log(tx, { actorId: actor.id, action: "ban", topicId, reason, detail: { email, hiddenTopics: String(hiddenIds.length) } });
    for (const id of hiddenIds) {
      await log(tx, { actorId: actor.id, action: "hide", topicId: id, reason, detail: { ban: email } });
      await enqueueTopicSync(tx, id);
    }
    return { ok: true };
  });
}

async function lockFlag(tx: Executor, flagId: string) {
  const [flag] = await tx
    .select({ id: topicFlags.id, topicId: topicFlags.topicId, replyId: topicFlags.replyId, reason: topicFlags.reason, resolvedAt: topicFlags.resolvedAt })
    .from(topicFlags)
    .where(eq(topicFlags.id, flagId))
    .for("update");
  return flag ?? null;
}

/** Resolves a flag without acting on the post (nothing wrong with it). */
export async function resolveFlag(actor: SessionUser, flagId: string): Promise<ModerationResult> {
  return db.transaction(async (tx) => {
    const flag = await lockFlag(tx, flagId);
    if (!flag || flag.resolvedAt) return fieldError("flagId", "openMicCoordination.validation.flagUnknown");
    await tx.update(topicFlags).set({ resolvedAt: new Date(), resolvedBy: actor.id }).where(eq(topicFlags.id, flagId));
    await log(tx, { actorId: actor.id, action: "resolve_flag", topicId: flag.topicId, replyId: flag.replyId, detail: { flag: flag.reason } });
    return { ok: true };
  });
}

/** Hides the flagged post and resolves every open flag on it. */
export async function hideFlagged(actor: SessionUser, flagId: string, reason: string): Promise<ModerationResult> {
  const [flag] = await db.select({ topicId: topicFlags.topicId, replyId: topicFlags.replyId, resolvedAt: topicFlags.resolvedAt }).from(topicFlags).where(eq(topicFlags.id, flagId));
  if (!flag || flag.resolvedAt) return fieldError("flagId", "openMicCoordination.validation.flagUnknown");
  return db.transaction(async (tx) => {
    const topic = await lockTopic(tx, flag.topicId);
    if (!topic) return notFound;
    const values = { hiddenAt: new Date(), hiddenBy: actor.id, hiddenReason: reason };
    if (flag.replyId) {
      const reply = await lockReply(tx, flag.topicId, flag.replyId);
      if (!reply) return fieldError("flagId", "openMicCoordination.validation.flagUnknown");
      if (!reply.hiddenAt) await tx.update(topicReplies).set(values).where(eq(topicReplies.id, reply.id));
    } else if (!topic.hiddenAt) {
      await tx
        .update(topics)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(topics.id, topic.id));
    }
    const resolved = await resolveFlagsOf(tx, actor, flag.topicId, flag.replyId);
    await log(tx, { actorId: actor.id, action: "hide", topicId: flag.topicId, replyId: flag.replyId, reason, detail: { resolvedFlags: String(resolved) } });
    await enqueueTopicSync(tx, flag.topicId);
    return { ok: true };
  });
}

// ---------------------------------------------------------------------------------------------
// The log

/** One page of the moderation log, newest first. */
export async function getModerationLog(page: number) {
  const [total] = await db.select({ value: count() }).from(topicModerationLog);
  const pages = Math.max(1, Math.ceil((total?.value ?? 0) / LOG_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const entries = await db
    .select({
      id: topicModerationLog.id,
      action: topicModerationLog.action,
      reason: topicModerationLog.reason,
      detail: topicModerationLog.detail,
      createdAt: topicModerationLog.createdAt,
      actorName: users.displayName,
      topicId: topicModerationLog.topicId,
      topicTitle: topics.title,
      replyId: topicModerationLog.replyId,
    })
    .from(topicModerationLog)
    .leftJoin(users, eq(users.id, topicModerationLog.actorId))
    .leftJoin(topics, eq(topics.id, topicModerationLog.topicId))
    .orderBy(desc(topicModerationLog.createdAt), desc(topicModerationLog.id))
    .limit(LOG_PER_PAGE)
    .offset((current - 1) * LOG_PER_PAGE);
  return { entries, page: current, pages, total: total?.value ?? 0 };
}
