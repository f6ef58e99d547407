import { and, asc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "#db/client";
import { partners, taxonomyTerms, topicEdits, topicFlags, topicFollows, topicReplies, topics, topicSupports, users, workingGroups } from "#db/schema";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import type { SessionUser } from "#app/modules/auth/session.server";
import { groupReadableBy } from "#app/modules/groups/group-visibility.server";
import { partnersOf } from "./reply-partners.server";
import { publicStatusHistory } from "./status-history.server";
import { authorOf, moderationEditsOf, replyView, supporterNames } from "./topic-views";
import { termLabel } from "#app/modules/directory/term-label";

/** Follows merged duplicates to the topic that was kept; null for a loop. */
async function keptTopicOf(id: number): Promise<number | null> {
  const seen = new Set<number>([id]);
  let current = id;
  for (let hop = 0; hop < 10; hop++) {
    const [row] = await db.select({ mergedIntoId: topics.mergedIntoId }).from(topics).where(eq(topics.id, current));
    if (!row?.mergedIntoId) return current;
    if (seen.has(row.mergedIntoId)) return null;
    seen.add(row.mergedIntoId);
    current = row.mergedIntoId;
  }
  return null;
}

/** The working group a topic was handed to, named only when this viewer may read that group. */
async function routingOf(topic: { routedGroupId: string | null; routedTaskId: string | null; nextReviewAt: string | null }, user: SessionUser | null) {
  if (!topic.routedGroupId) return null;
  const [group] = await db
    .select({ slug: workingGroups.slug, name: workingGroups.name })
    .from(workingGroups)
    .where(and(eq(workingGroups.id, topic.routedGroupId), groupReadableBy(user)));
  return {
    group: group ? { slug: group.slug, name: group.name } : null,
    taskUrl: group && topic.routedTaskId ? `/arbeitsgruppen/${group.slug}/aufgaben/${topic.routedTaskId}` : null,
    nextReviewAt: topic.nextReviewAt,
  };
}

/** What the signed-in viewer did here: follows, open flags, and the partners they may reply for. */
async function viewerStateOf(topicId: number, user: SessionUser) {
  const [follows, flags, answerPartners] = await Promise.all([
    db
      .select({ userId: topicFollows.userId })
      .from(topicFollows)
      .where(and(eq(topicFollows.topicId, topicId), eq(topicFollows.userId, user.id))),
    db
      .select({ replyId: topicFlags.replyId })
      .from(topicFlags)
      .where(and(eq(topicFlags.topicId, topicId), eq(topicFlags.reporterId, user.id), isNull(topicFlags.resolvedAt))),
    partnersOf(user.id),
  ]);
  return { follows: follows.length > 0, flagged: flags.map((flag) => flag.replyId ?? "topic"), partners: answerPartners };
}

/**
 * A topic as this viewer may see it:
 * - missing, or waiting for approval (for anyone but coordinators): not found;
 * - merged into another: a redirect to the kept topic (coordinators see the duplicate, marked);
 * - hidden: the notice and the reason only (coordinators see everything, marked); held by flags,
 *   the author still reads it, marked as waiting for the coordination;
 * - otherwise the whole page: text, official answer, routing, history, replies, supporters.
 */
export async function getTopicPage(id: number, user: SessionUser | null, lang: string) {
  const coordinator = isNetworkCoordinator(user);
  const [base] = await db
    .select({
      id: topics.id,
      authorId: topics.authorId,
      approvedAt: topics.approvedAt,
      hiddenAt: topics.hiddenAt,
      hiddenReason: topics.hiddenReason,
      hiddenByFlags: topics.hiddenByFlags,
      mergedIntoId: topics.mergedIntoId,
    })
    .from(topics)
    .where(eq(topics.id, id));
  if (!base) return { kind: "notFound" as const };
  if (!base.approvedAt && !coordinator) return { kind: "notFound" as const };
  if (base.mergedIntoId && !coordinator) {
    const kept = await keptTopicOf(id);
    return kept ? { kind: "redirect" as const, to: kept } : { kind: "notFound" as const };
  }
  const ownHeld = base.hiddenByFlags && user !== null && base.authorId === user.id;
  if (base.hiddenAt && !coordinator && !ownHeld) return { kind: "hidden" as const, id: base.id, reason: base.hiddenReason ?? "", held: base.hiddenByFlags };
  return { kind: "topic" as const, ...(await loadTopic(id, user, lang)) };
}

async function loadTopic(id: number, user: SessionUser | null, lang: string) {
  const coordinator = isNetworkCoordinator(user);
  const hider = alias(users, "hider");
  const [topic] = await db
    .select({
      id: topics.id,
      title: topics.title,
      body: topics.body,
      language: topics.language,
      town: topics.town,
      status: topics.status,
      authorId: topics.authorId,
      anonymous: topics.anonymous,
      guestName: topics.guestName,
      authorName: users.displayName,
      categoryLabels: taxonomyTerms.labels,
      categorySlug: taxonomyTerms.slug,
      approvedAt: topics.approvedAt,
      hiddenAt: topics.hiddenAt,
      hiddenReason: topics.hiddenReason,
      hiddenByFlags: topics.hiddenByFlags,
      hiddenBy: hider.displayName,
      lockedAt: topics.lockedAt,
      mergedIntoId: topics.mergedIntoId,
      routedGroupId: topics.routedGroupId,
      routedTaskId: topics.routedTaskId,
      nextReviewAt: topics.nextReviewAt,
      editedAt: topics.editedAt,
      createdAt: topics.createdAt,
    })
    .from(topics)
    .leftJoin(users, eq(users.id, topics.authorId))
    .leftJoin(hider, eq(hider.id, topics.hiddenBy))
    .leftJoin(taxonomyTerms, eq(taxonomyTerms.id, topics.categoryId))
    .where(eq(topics.id, id));
  if (!topic) throw new Error(`topic ${id} vanished`);
  const isPublic = Boolean(topic.approvedAt && !topic.hiddenAt && !topic.mergedIntoId);
  const own = Boolean(user && topic.authorId === user.id);

  const [history, routing, replyRows, edits, supporterRows, viewerState] = await Promise.all([
    publicStatusHistory(id),
    routingOf(topic, user),
    db
      .select({
        id: topicReplies.id,
        authorId: topicReplies.authorId,
        anonymous: topicReplies.anonymous,
        authorName: users.displayName,
        partnerName: partners.name,
        partnerSlug: partners.slug,
        body: topicReplies.body,
        language: topicReplies.language,
        editedAt: topicReplies.editedAt,
        hiddenAt: topicReplies.hiddenAt,
        hiddenReason: topicReplies.hiddenReason,
        hiddenByFlags: topicReplies.hiddenByFlags,
        createdAt: topicReplies.createdAt,
      })
      .from(topicReplies)
      .leftJoin(users, eq(users.id, topicReplies.authorId))
      .leftJoin(partners, eq(partners.id, topicReplies.partnerId))
      .where(eq(topicReplies.topicId, id))
      .orderBy(asc(topicReplies.createdAt), asc(topicReplies.id)),
    db
      .select({ replyId: topicEdits.replyId, previousTitle: topicEdits.previousTitle, previousBody: topicEdits.previousBody, reason: topicEdits.reason, createdAt: topicEdits.createdAt })
      .from(topicEdits)
      .where(eq(topicEdits.topicId, id))
      .orderBy(asc(topicEdits.createdAt), asc(topicEdits.id)),
    db
      .select({ userId: topicSupports.userId, name: users.displayName })
      .from(topicSupports)
      .innerJoin(users, eq(users.id, topicSupports.userId))
      .where(eq(topicSupports.topicId, id))
      .orderBy(asc(topicSupports.createdAt), asc(users.displayName)),
    user ? viewerStateOf(id, user) : null,
  ]);

  const locked = topic.lockedAt !== null;
  const signedIn = Boolean(user);
  const viewer = { userId: user?.id ?? null, coordinator, signedIn };
  return {
    topic: {
      id: topic.id,
      title: topic.title,
      body: topic.body,
      language: topic.language,
      town: topic.town,
      status: topic.status,
      category: topic.categoryLabels ? { slug: topic.categorySlug!, label: termLabel(topic.categoryLabels, lang, topic.categorySlug!) } : null,
      author: authorOf(topic, coordinator, true),
      createdAt: topic.createdAt,
      editedAt: topic.editedAt,
      locked,
      // Held by flags, seen by its author (or a coordinator): it waits for the coordination.
      held: topic.hiddenAt !== null && topic.hiddenByFlags,
      // Only coordinators (and the author of a topic held by flags) get this far with a topic that is not public; coordinators see why.
      moderation: coordinator
        ? {
            awaitingApproval: !topic.approvedAt,
            hidden: topic.hiddenAt ? { reason: topic.hiddenReason ?? "", by: topic.hiddenBy, at: topic.hiddenAt, held: topic.hiddenByFlags } : null,
            mergedIntoId: topic.mergedIntoId,
          }
        : null,
      moderated: moderationEditsOf(edits, null, own || coordinator),
    },
    answer: history.length ? history[history.length - 1]! : null,
    history,
    routing,
    replies: replyRows.map((reply) => replyView(reply, edits, viewer, !locked && isPublic)),
    supporters: { count: supporterRows.length, names: supporterNames(supporterRows, topic, viewer) },
    viewer: {
      signedIn,
      coordinator,
      // Taking part needs a public topic: a coordinator looking at a held-back one only reads.
      canTakePart: signedIn && isPublic,
      canReply: signedIn && isPublic && !locked,
      // The author may still correct the text while nobody has answered it.
      canEditTopic: own && isPublic && !locked && history.length === 0,
      // The author of an anonymous topic replies there anonymously only.
      anonymousAuthor: own && topic.anonymous,
      supports: Boolean(user && supporterRows.some((row) => row.userId === user.id)),
      follows: viewerState?.follows ?? false,
      flagged: viewerState?.flagged ?? [],
      // Replying in a partner's name on one's own anonymous topic would tie the author to the partner.
      partners: own && topic.anonymous ? [] : (viewerState?.partners ?? []),
    },
  };
}
