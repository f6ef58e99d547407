import { and, asc, count, desc, eq, inArray, isNull, min, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "#db/client";
import {
  groupMemberships,
  partnerMembers,
  partners,
  services,
  taxonomyTerms,
  topicAnswerServices,
  topicEdits,
  topicFlags,
  topicFollows,
  topicReplies,
  topicStatusChanges,
  topicSupports,
  topics,
  users,
  workingGroups,
} from "#db/schema";
import { getSearchClient, indexUid } from "#search/client";
import { publicTopic, TOPICS_INDEX } from "#search/indexes/topics";
import type { SessionUser } from "#app/modules/auth/session.server";
import { groupBy } from "#db/collections";
import type { TopicSort } from "./topic-schemas";
import type { TopicStatus } from "#db/schema/open-mic-enums";
import { isNetworkCoordinator } from "#app/modules/auth/roles";

export const TOPICS_PER_PAGE = 20;
const SEARCH_LIMIT = 1000;
const DAY_MS = 86_400_000;

/** Network coordination and admins: they moderate the Open Mic and see who wrote anonymously. */

/** Approved, not hidden, not merged into another: what everyone may see, list and search. */
export { publicTopic };

/** Still waiting for an answer: nobody of the coordination has changed its status yet. */
const waitingTopic: SQL = and(publicTopic, eq(topics.status, "new"), sql`not exists (select 1 from ${topicStatusChanges} where ${topicStatusChanges.topicId} = ${topics.id})`)!;

const label = (labels: Record<string, string> | null, lang: string, fallback: string | null = null) => (labels ? (labels[lang] ?? labels.de ?? fallback) : fallback);

/** The Themenfelder to choose from, labelled in the language, in the taxonomy's order. */
export async function listCategories(lang: string) {
  const rows = await db
    .select({ id: taxonomyTerms.id, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels })
    .from(taxonomyTerms)
    .where(eq(taxonomyTerms.kind, "category"))
    .orderBy(asc(taxonomyTerms.position), asc(taxonomyTerms.slug));
  return rows.map((row) => ({ id: row.id, slug: row.slug, label: label(row.labels, lang, row.slug)! }));
}

/** How many visible topics still wait for a first answer, and since when the oldest of them waits. */
export async function waitingForAnswer(): Promise<{ count: number; oldestSince: Date | null }> {
  const [row] = await db.select({ count: count(), oldest: min(topics.createdAt) }).from(topics).where(waitingTopic);
  return { count: row?.count ?? 0, oldestSince: row?.oldest ? new Date(row.oldest) : null };
}

/** The same, as the pages show it: a count and the oldest one's age in whole days. */
export async function waitingSummary(now = Date.now()): Promise<{ count: number; oldestDays: number | null }> {
  const { count: waiting, oldestSince } = await waitingForAnswer();
  return { count: waiting, oldestDays: oldestSince ? Math.max(0, Math.floor((now - oldestSince.getTime()) / DAY_MS)) : null };
}

// ---------------------------------------------------------------------------------------------
// Search: the topics index finds, PostgreSQL decides what is shown.

/** Ids of visible topics matching the words, best first; null when search is unavailable. */
async function searchTopicIds(query: string, limit: number): Promise<number[] | null> {
  try {
    const client = await getSearchClient();
    const result = await client.index(indexUid(TOPICS_INDEX)).search(query, { filter: [`visibility = "public"`], limit, attributesToRetrieve: ["id"] });
    return result.hits.map((hit) => Number(hit.id)).filter((id) => Number.isInteger(id) && id > 0);
  } catch (error) {
    console.warn("[open-mic] search unavailable:", (error as Error).message);
    return null;
  }
}

/** Existing topics like the title being typed, to avoid duplicates (at most `limit`, re-checked). */
export async function findSimilarTopics(query: string, limit = 5) {
  const ids = await searchTopicIds(query, limit * 2);
  if (!ids?.length) return [];
  const rows = await db
    .select({ id: topics.id, title: topics.title, status: topics.status })
    .from(topics)
    .where(and(inArray(topics.id, ids), publicTopic));
  return ids.flatMap((id) => rows.filter((row) => row.id === id)).slice(0, limit);
}

// ---------------------------------------------------------------------------------------------
// The list

export type TopicListItem = { id: number; title: string; status: TopicStatus; town: string | null; category: string | null; createdAt: Date; supports: number; replies: number; ageDays: number };
export type TopicList = { topics: TopicListItem[]; total: number; page: number; pages: number; search: "ok" | "unavailable" | null };

export type TopicListQuery = { q: string; sort: TopicSort | null; status: TopicStatus | null; category: string | null; page: number; lang: string; perPage?: number };

/**
 * One page of visible topics with the chosen order, filters and search. With a search and no
 * chosen order, the best matches come first. `search` is "unavailable" when the index could not
 * answer (the list is then empty rather than wrong).
 */
export async function listTopics(query: TopicListQuery): Promise<TopicList> {
  const conditions: SQL[] = [publicTopic];
  if (query.status) conditions.push(eq(topics.status, query.status));
  if (query.category) conditions.push(eq(taxonomyTerms.slug, query.category));
  if (query.sort === "unbeantwortet") conditions.push(waitingTopic);
  let ranked: number[] | null = null;
  if (query.q) {
    ranked = await searchTopicIds(query.q, SEARCH_LIMIT);
    if (!ranked) return { topics: [], total: 0, page: 1, pages: 1, search: "unavailable" };
    if (ranked.length === 0) return { topics: [], total: 0, page: 1, pages: 1, search: "ok" };
    conditions.push(inArray(topics.id, ranked));
  }
  const where = and(...conditions);
  const perPage = query.perPage ?? TOPICS_PER_PAGE;
  const [total] = await db.select({ value: count() }).from(topics).leftJoin(taxonomyTerms, eq(taxonomyTerms.id, topics.categoryId)).where(where);
  const pages = Math.max(1, Math.ceil((total?.value ?? 0) / perPage));
  const page = Math.min(Math.max(1, query.page), pages);
  const supports = sql<number>`(select count(*) from ${topicSupports} where ${topicSupports.topicId} = ${topics.id})::int`;
  const replies = sql<number>`(select count(*) from ${topicReplies} where ${topicReplies.topicId} = ${topics.id} and ${topicReplies.hiddenAt} is null)::int`;
  const order: SQL[] =
    query.sort === "unterstuetzt"
      ? [desc(supports), desc(topics.createdAt), desc(topics.id)]
      : query.sort === "aktiv"
        ? [desc(topics.lastActivityAt), desc(topics.id)]
        : query.sort === "unbeantwortet"
          ? [asc(topics.createdAt), asc(topics.id)]
          : ranked && !query.sort
            ? // Ids from the index are whole numbers (checked above): safe to write into the statement.
              [sql`array_position(${sql.raw(`ARRAY[${ranked.join(",")}]::int[]`)}, ${topics.id})`]
            : [desc(topics.createdAt), desc(topics.id)];
  const rows = await db
    .select({
      id: topics.id,
      title: topics.title,
      status: topics.status,
      town: topics.town,
      categoryLabels: taxonomyTerms.labels,
      createdAt: topics.createdAt,
      supports,
      replies,
    })
    .from(topics)
    .leftJoin(taxonomyTerms, eq(taxonomyTerms.id, topics.categoryId))
    .where(where)
    .orderBy(...order)
    .limit(perPage)
    .offset((page - 1) * perPage);
  const now = Date.now();
  return {
    topics: rows.map(({ categoryLabels, ...row }) => ({
      ...row,
      category: label(categoryLabels, query.lang),
      ageDays: Math.max(0, Math.floor((now - row.createdAt.getTime()) / DAY_MS)),
    })),
    total: total?.value ?? 0,
    page,
    pages,
    search: query.q ? "ok" : null,
  };
}

// ---------------------------------------------------------------------------------------------
// One topic

type AuthorView = { kind: "member" | "anonymous" | "guest" | "former"; name: string | null };

function authorOf(row: { authorId: string | null; anonymous: boolean; authorName: string | null; guestName?: string | null }, coordinator: boolean, guestPossible: boolean): AuthorView {
  // The name behind "anonym" reaches coordinators only, never anyone else's page data.
  if (row.anonymous) return { kind: "anonymous", name: coordinator ? row.authorName : null };
  if (row.authorId && row.authorName) return { kind: "member", name: row.authorName };
  if (guestPossible) return { kind: "guest", name: row.guestName ?? null };
  return { kind: "former", name: null };
}

/** The partners a member may answer in the name of: those they are an editor of. */
export async function partnersOf(userId: string) {
  return db
    .select({ id: partners.id, name: partners.name })
    .from(partnerMembers)
    .innerJoin(partners, eq(partners.id, partnerMembers.partnerId))
    .where(and(eq(partnerMembers.userId, userId), eq(partnerMembers.role, "editor"), eq(partners.status, "active")))
    .orderBy(asc(partners.name));
}

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

const actor = alias(users, "actor");

async function statusHistory(topicId: number) {
  const changes = await db
    .select({ id: topicStatusChanges.id, fromStatus: topicStatusChanges.fromStatus, toStatus: topicStatusChanges.toStatus, answer: topicStatusChanges.answer, createdAt: topicStatusChanges.createdAt, by: actor.displayName })
    .from(topicStatusChanges)
    .leftJoin(actor, eq(actor.id, topicStatusChanges.actorId))
    .where(eq(topicStatusChanges.topicId, topicId))
    .orderBy(asc(topicStatusChanges.createdAt), asc(topicStatusChanges.id));
  const cards = await answerServiceCards(changes.map((change) => change.id), { activeOnly: true });
  return changes.map((change) => ({ ...change, services: cards.get(change.id) ?? [] }));
}

/**
 * The directory services that answers (status changes) point to, by status change, by name.
 * `activeOnly` leaves out archived services and those of archived partners, as public pages do.
 */
export async function answerServiceCards(statusChangeIds: string[], { activeOnly }: { activeOnly: boolean }) {
  if (statusChangeIds.length === 0) return new Map<string, { slug: string; name: string; partnerName: string }[]>();
  const active = activeOnly ? [eq(services.status, "active"), eq(partners.status, "active")] : [];
  const rows = await db
    .select({ statusChangeId: topicAnswerServices.statusChangeId, slug: services.slug, name: services.name, partnerName: partners.name })
    .from(topicAnswerServices)
    .innerJoin(services, eq(services.id, topicAnswerServices.serviceId))
    .innerJoin(partners, eq(partners.id, services.partnerId))
    .where(and(inArray(topicAnswerServices.statusChangeId, statusChangeIds), ...active))
    .orderBy(asc(services.name));
  return groupBy(rows, (row) => row.statusChangeId, ({ slug, name, partnerName }) => ({ slug, name, partnerName }));
}

/** The working group a topic was handed to, named only when this viewer may see that group. */
async function routingOf(topic: { routedGroupId: string | null; routedTaskId: string | null; nextReviewAt: string | null }, user: SessionUser | null) {
  if (!topic.routedGroupId) return null;
  const [group] = await db
    .select({ slug: workingGroups.slug, name: workingGroups.name, visibility: workingGroups.visibility, archivedAt: workingGroups.archivedAt })
    .from(workingGroups)
    .where(eq(workingGroups.id, topic.routedGroupId));
  let visible = Boolean(group && !group.archivedAt && group.visibility === "public");
  if (group && !group.archivedAt && group.visibility === "private" && user) {
    const [member] = await db.select({ role: groupMemberships.role }).from(groupMemberships).where(and(eq(groupMemberships.groupId, topic.routedGroupId), eq(groupMemberships.userId, user.id)));
    visible = Boolean(member);
  }
  return {
    group: visible && group ? { slug: group.slug, name: group.name } : null,
    taskUrl: visible && group && topic.routedTaskId ? `/arbeitsgruppen/${group.slug}/aufgaben/${topic.routedTaskId}` : null,
    nextReviewAt: topic.nextReviewAt,
  };
}

export type TopicPage = Awaited<ReturnType<typeof loadTopic>>;

/**
 * A topic as this viewer may see it:
 * - missing, or waiting for approval (for anyone but coordinators): not found;
 * - merged into another: a redirect to the kept topic (coordinators see the duplicate, marked);
 * - hidden: the notice and the reason only (coordinators see everything, marked);
 * - otherwise the whole page: text, official answer, routing, history, replies, supporters.
 */
export async function getTopicPage(id: number, user: SessionUser | null, lang: string) {
  const coordinator = isNetworkCoordinator(user);
  const [base] = await db
    .select({ id: topics.id, approvedAt: topics.approvedAt, hiddenAt: topics.hiddenAt, hiddenReason: topics.hiddenReason, mergedIntoId: topics.mergedIntoId })
    .from(topics)
    .where(eq(topics.id, id));
  if (!base) return { kind: "notFound" as const };
  if (!base.approvedAt && !coordinator) return { kind: "notFound" as const };
  if (base.mergedIntoId && !coordinator) {
    const kept = await keptTopicOf(id);
    return kept ? { kind: "redirect" as const, to: kept } : { kind: "notFound" as const };
  }
  if (base.hiddenAt && !coordinator) return { kind: "hidden" as const, id: base.id, reason: base.hiddenReason ?? "" };
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
    statusHistory(id),
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
        editedAt: topicReplies.editedAt,
        hiddenAt: topicReplies.hiddenAt,
        hiddenReason: topicReplies.hiddenReason,
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
    user
      ? Promise.all([
          db.select({ userId: topicFollows.userId }).from(topicFollows).where(and(eq(topicFollows.topicId, id), eq(topicFollows.userId, user.id))),
          db
            .select({ replyId: topicFlags.replyId })
            .from(topicFlags)
            .where(and(eq(topicFlags.topicId, id), eq(topicFlags.reporterId, user.id), isNull(topicFlags.resolvedAt))),
          partnersOf(user.id),
        ])
      : null,
  ]);

  // What the moderation changed: that it happened, for everyone; what it was before, for the author and coordinators.
  const editsFor = (replyId: string | null, mayCompare: boolean) => {
    const own = edits.filter((edit) => edit.replyId === replyId);
    if (own.length === 0) return null;
    return {
      at: own[own.length - 1]!.createdAt,
      changes: mayCompare ? own.map(({ replyId: _replyId, ...edit }) => edit) : null,
    };
  };
  const locked = topic.lockedAt !== null;
  const replies = replyRows.map((reply) => {
    const hidden = reply.hiddenAt !== null;
    const mine = Boolean(user && reply.authorId === user.id);
    // A hidden reply is, for all but coordinators, no more than "ausgeblendet" and the reason:
    // who wrote it, when, and what the moderation did before stay with the coordination.
    if (hidden && !coordinator) {
      return { id: reply.id, author: null, partner: null, body: null, hidden: { reason: reply.hiddenReason ?? "" }, createdAt: null, editedAt: null, moderated: null, canEdit: false };
    }
    const partner = reply.partnerName && reply.partnerSlug ? { name: reply.partnerName, slug: reply.partnerSlug } : null;
    return {
      id: reply.id,
      // A reply in a partner's name is the partner's: the person who wrote it is named to coordinators only.
      author: partner && !coordinator ? null : authorOf(reply, coordinator, false),
      partner,
      body: reply.body,
      hidden: hidden ? { reason: reply.hiddenReason ?? "" } : null,
      createdAt: reply.createdAt,
      editedAt: reply.editedAt,
      moderated: editsFor(reply.id, mine || coordinator),
      canEdit: mine && !hidden && !locked && isPublic,
    };
  });
  const answer = history.length ? history[history.length - 1]! : null;
  const signedIn = Boolean(user);
  return {
    topic: {
      id: topic.id,
      title: topic.title,
      body: topic.body,
      town: topic.town,
      status: topic.status,
      category: topic.categoryLabels ? { slug: topic.categorySlug!, label: label(topic.categoryLabels, lang)! } : null,
      author: authorOf(topic, coordinator, true),
      createdAt: topic.createdAt,
      editedAt: topic.editedAt,
      locked,
      // Only coordinators ever get this far with a topic that is not public; they see why.
      moderation: coordinator
        ? {
            awaitingApproval: !topic.approvedAt,
            hidden: topic.hiddenAt ? { reason: topic.hiddenReason ?? "", by: topic.hiddenBy, at: topic.hiddenAt } : null,
            mergedIntoId: topic.mergedIntoId,
          }
        : null,
      moderated: editsFor(null, own || coordinator),
    },
    answer,
    history,
    routing,
    replies,
    // The author of an anonymous topic who supports it is counted, not named: the name would give them away.
    supporters: {
      count: supporterRows.length,
      names: signedIn ? supporterRows.filter((row) => coordinator || !(topic.anonymous && row.userId === topic.authorId)).map((row) => row.name) : null,
    },
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
      follows: Boolean(viewerState?.[0].length),
      flagged: viewerState ? viewerState[1].map((flag) => flag.replyId ?? "topic") : [],
      // Answering in a partner's name on one's own anonymous topic would tie the author to the partner.
      partners: own && topic.anonymous ? [] : (viewerState?.[2] ?? []),
    },
  };
}
