import { and, asc, count, desc, eq, inArray, isNull, max, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Executor } from "#db/client";
import { groupMemberships, groupModerationLog, groupPosts, groupThreads, users, workingGroups, type ModerationAction } from "#db/schema";
import { enqueueGroupContentSync } from "#search/group-content-sync";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import type { SessionUser } from "#app/modules/auth/session.server";
import type { PostRefusal } from "#app/modules/posting/posting-limits";
import { refuseByContent, refuseNewPost, rememberPost } from "#app/modules/posting/posting-rules.server";
import type { Refusal } from "#app/utils/http";
import { extractMentions } from "#app/utils/mentions";
import { consumeRateLimit } from "#app/utils/rate-limit.server";
import type { GroupAccess } from "../group-access.server";
import { groupReadableBy } from "../group-visibility.server";

export type WriteError = "notFound" | "forbidden" | "locked" | "hidden" | "throttled" | "invalidTarget" | PostRefusal;
export type WriteResult<T = object> = ({ ok: true } & T) | Refusal<WriteError>;

export const THREADS_PER_PAGE = 20;
export const LOG_ENTRIES_PER_PAGE = 50;
// Thirty posts in ten minutes per person: plenty for a lively discussion, too few for a flood.
const POST_LIMIT = { capacity: 30, refillPerSecond: 30 / 600 };

async function throttle(executor: Executor, user: SessionUser): Promise<Refusal<WriteError> | null> {
  const limit = await consumeRateLimit(executor, `group-post:${user.id}`, POST_LIMIT);
  return limit.allowed ? null : { ok: false, error: "throttled", retryAfterSeconds: limit.retryAfterSeconds };
}

/** A thread of this group, locked for the rest of the transaction; other groups' threads are not found. */
async function lockThread(tx: Executor, groupId: string, threadId: string) {
  const [thread] = await tx
    .select({ id: groupThreads.id, createdAt: groupThreads.createdAt, pinnedAt: groupThreads.pinnedAt, lockedAt: groupThreads.lockedAt })
    .from(groupThreads)
    .where(and(eq(groupThreads.id, threadId), eq(groupThreads.groupId, groupId)))
    .for("update");
  return thread ?? null;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** One page of the group's threads: pinned ones first, then by newest activity. */
export async function listThreads(access: GroupAccess, page: number) {
  const postCounts = db
    .select({ threadId: groupPosts.threadId, posts: count().as("posts") })
    .from(groupPosts)
    .groupBy(groupPosts.threadId)
    .as("post_counts");
  const [total] = await db.select({ value: count() }).from(groupThreads).where(eq(groupThreads.groupId, access.group.id));
  const pages = Math.max(1, Math.ceil((total?.value ?? 0) / THREADS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const threads = await db
    .select({
      id: groupThreads.id,
      title: groupThreads.title,
      pinned: sql<boolean>`${groupThreads.pinnedAt} is not null`,
      locked: sql<boolean>`${groupThreads.lockedAt} is not null`,
      lastPostAt: groupThreads.lastPostAt,
      createdAt: groupThreads.createdAt,
      authorName: users.displayName,
      replies: sql<number>`greatest(coalesce(${postCounts.posts}, 0) - 1, 0)::int`,
    })
    .from(groupThreads)
    .leftJoin(users, eq(users.id, groupThreads.authorId))
    .leftJoin(postCounts, eq(postCounts.threadId, groupThreads.id))
    .where(eq(groupThreads.groupId, access.group.id))
    .orderBy(sql`${groupThreads.pinnedAt} is null`, desc(groupThreads.lastPostAt), desc(groupThreads.id))
    .limit(THREADS_PER_PAGE)
    .offset((current - 1) * THREADS_PER_PAGE);
  return { threads, page: current, pages, total: total?.value ?? 0 };
}

/** The handles among these texts that belong to members of the group, with their display names. */
export async function resolveMentions(groupId: string, texts: string[]): Promise<[string, string][]> {
  const handles = [...new Set(texts.flatMap(extractMentions))];
  if (handles.length === 0) return [];
  const rows = await db
    .select({ handle: users.handle, displayName: users.displayName })
    .from(users)
    .innerJoin(groupMemberships, and(eq(groupMemberships.userId, users.id), eq(groupMemberships.groupId, groupId)))
    .where(inArray(users.handle, handles));
  return rows.map((row) => [row.handle.toLowerCase(), row.displayName]);
}

const hider = alias(users, "hider");

/**
 * A thread of this group with its posts as this viewer may see them: the text of a hidden post
 * reaches the group's coordinators only; everyone else gets the notice and the reason.
 */
export async function getThread(access: GroupAccess, user: SessionUser | null, threadId: string) {
  const [thread] = await db
    .select({ id: groupThreads.id, title: groupThreads.title, pinnedAt: groupThreads.pinnedAt, lockedAt: groupThreads.lockedAt, createdAt: groupThreads.createdAt })
    .from(groupThreads)
    .where(and(eq(groupThreads.id, threadId), eq(groupThreads.groupId, access.group.id)));
  if (!thread) return null;
  const moderator = access.coordinates;
  const rows = await db
    .select({
      id: groupPosts.id,
      authorId: groupPosts.authorId,
      authorName: users.displayName,
      authorHandle: users.handle,
      body: groupPosts.body,
      createdAt: groupPosts.createdAt,
      editedAt: groupPosts.editedAt,
      hiddenAt: groupPosts.hiddenAt,
      hiddenReason: groupPosts.hiddenReason,
      hiddenByName: hider.displayName,
    })
    .from(groupPosts)
    .leftJoin(users, eq(users.id, groupPosts.authorId))
    .leftJoin(hider, eq(hider.id, groupPosts.hiddenBy))
    .where(eq(groupPosts.threadId, thread.id))
    .orderBy(asc(groupPosts.createdAt), asc(groupPosts.id));
  const posts = rows.map(({ authorId, body, hiddenAt, hiddenReason, hiddenByName, ...post }) => {
    const hidden = hiddenAt !== null;
    return {
      ...post,
      own: Boolean(user && authorId === user.id),
      body: hidden && !moderator ? null : body,
      hidden: hidden ? { reason: hiddenReason ?? "", at: hiddenAt, by: moderator ? hiddenByName : null } : null,
    };
  });
  const mentions = await resolveMentions(
    access.group.id,
    posts.flatMap((post) => (post.body ? [post.body] : [])),
  );
  return { thread, posts, mentions };
}

/**
 * The other groups this user may move a thread to: the ones they coordinate — as the group's
 * coordinator, or as network coordination for every group they may read.
 */
export async function listMoveTargets(user: SessionUser, fromGroupId: string) {
  return db
    .select({ id: workingGroups.id, slug: workingGroups.slug, name: workingGroups.name })
    .from(workingGroups)
    .leftJoin(groupMemberships, and(eq(groupMemberships.groupId, workingGroups.id), eq(groupMemberships.userId, user.id)))
    .where(and(groupReadableBy(user), ne(workingGroups.id, fromGroupId), isNetworkCoordinator(user) ? undefined : eq(groupMemberships.role, "coordinator")))
    .orderBy(asc(workingGroups.name));
}

// ---------------------------------------------------------------------------------------------
// Writing: members post; every write tells the search index in the same transaction.

/** Opens a thread with its first post. */
export async function createThread(access: GroupAccess, user: SessionUser, input: { title: string; body: string }): Promise<WriteResult<{ threadId: string }>> {
  if (!access.isMember) return { ok: false, error: "forbidden" };
  return db.transaction(async (tx) => {
    const refused = await refuseNewPost(tx, { userId: user.id }, input.body);
    if (refused) return refused;
    const throttled = await throttle(tx, user);
    if (throttled) return throttled;
    const repeated = await rememberPost(tx, { userId: user.id }, input.body);
    if (repeated) return repeated;
    const now = new Date();
    const [thread] = await tx
      .insert(groupThreads)
      .values({ groupId: access.group.id, title: input.title, authorId: user.id, lastPostAt: now, createdAt: now, updatedAt: now })
      .returning({ id: groupThreads.id });
    await tx.insert(groupPosts).values({ threadId: thread!.id, authorId: user.id, body: input.body, createdAt: now });
    await enqueueGroupContentSync(tx, "thread", thread!.id);
    return { ok: true, threadId: thread!.id };
  });
}

/** Replies to a thread of this group; a locked thread takes replies from coordinators only. */
export async function replyToThread(access: GroupAccess, user: SessionUser, threadId: string, body: string): Promise<WriteResult<{ postId: string }>> {
  if (!access.isMember) return { ok: false, error: "forbidden" };
  return db.transaction(async (tx) => {
    const thread = await lockThread(tx, access.group.id, threadId);
    if (!thread) return { ok: false, error: "notFound" } as const;
    if (thread.lockedAt && !access.coordinates) return { ok: false, error: "locked" } as const;
    const refused = await refuseNewPost(tx, { userId: user.id }, body);
    if (refused) return refused;
    const throttled = await throttle(tx, user);
    if (throttled) return throttled;
    const repeated = await rememberPost(tx, { userId: user.id }, body);
    if (repeated) return repeated;
    const now = new Date();
    const [post] = await tx.insert(groupPosts).values({ threadId: thread.id, authorId: user.id, body, createdAt: now }).returning({ id: groupPosts.id });
    await tx.update(groupThreads).set({ lastPostAt: now, updatedAt: now }).where(eq(groupThreads.id, thread.id));
    await enqueueGroupContentSync(tx, "thread", thread.id);
    return { ok: true, postId: post!.id };
  });
}

/** Whether this viewer may edit this post now: their own, visible, and the thread open (or they moderate). */
export function canEditPost(access: GroupAccess, post: { own: boolean; hidden: unknown }, thread: { lockedAt: Date | string | null }): boolean {
  return access.isMember && post.own && !post.hidden && (!thread.lockedAt || access.coordinates);
}

/** Changes the text of one's own post in a thread of this group and marks it as edited. */
export async function editPost(access: GroupAccess, user: SessionUser, threadId: string, postId: string, body: string): Promise<WriteResult> {
  if (!access.isMember) return { ok: false, error: "forbidden" };
  return db.transaction(async (tx) => {
    const thread = await lockThread(tx, access.group.id, threadId);
    if (!thread) return { ok: false, error: "notFound" } as const;
    const [post] = await tx
      .select({ authorId: groupPosts.authorId, body: groupPosts.body, hiddenAt: groupPosts.hiddenAt })
      .from(groupPosts)
      .where(and(eq(groupPosts.id, postId), eq(groupPosts.threadId, thread.id)));
    if (!post) return { ok: false, error: "notFound" } as const;
    if (post.authorId !== user.id) return { ok: false, error: "forbidden" } as const;
    if (post.hiddenAt) return { ok: false, error: "hidden" } as const;
    if (thread.lockedAt && !access.coordinates) return { ok: false, error: "locked" } as const;
    if (post.body === body) return { ok: true } as const;
    const refused = await refuseByContent(tx, { userId: user.id }, body);
    if (refused) return refused;
    const now = new Date();
    await tx.update(groupPosts).set({ body, editedAt: now }).where(eq(groupPosts.id, postId));
    await tx.update(groupThreads).set({ updatedAt: now }).where(eq(groupThreads.id, thread.id));
    await enqueueGroupContentSync(tx, "thread", thread.id);
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Moderation: the group's coordinators; every action is logged in the same transaction.

type LogEntry = { groupId: string; actorId: string; action: ModerationAction; threadId: string; postId?: string; reason: string; detail?: Record<string, string> };

async function log(tx: Executor, entry: LogEntry): Promise<void> {
  await tx.insert(groupModerationLog).values({ ...entry, detail: entry.detail ?? {} });
}

/** Pins, unpins, locks or unlocks a thread of this group; a thread already in that state is left alone. */
export async function setThreadFlag(access: GroupAccess, user: SessionUser, threadId: string, action: "pin" | "unpin" | "lock" | "unlock", reason: string): Promise<WriteResult<{ changed: boolean }>> {
  if (!access.coordinates) return { ok: false, error: "forbidden" };
  return db.transaction(async (tx) => {
    const thread = await lockThread(tx, access.group.id, threadId);
    if (!thread) return { ok: false, error: "notFound" } as const;
    const column = action === "pin" || action === "unpin" ? "pinnedAt" : "lockedAt";
    const on = action === "pin" || action === "lock";
    if (Boolean(thread[column]) === on) return { ok: true, changed: false } as const;
    const now = new Date();
    const value = on ? now : null;
    await tx
      .update(groupThreads)
      .set(column === "pinnedAt" ? { pinnedAt: value, updatedAt: now } : { lockedAt: value, updatedAt: now })
      .where(eq(groupThreads.id, thread.id));
    await log(tx, { groupId: access.group.id, actorId: user.id, action, threadId: thread.id, reason });
    await enqueueGroupContentSync(tx, "thread", thread.id);
    return { ok: true, changed: true } as const;
  });
}

/**
 * Moves a thread of this group to another group the user coordinates. Both groups' logs record it;
 * a pin belongs to the old group and is dropped. The search document follows the thread.
 */
export async function moveThread(access: GroupAccess, user: SessionUser, threadId: string, toGroupId: string, reason: string): Promise<WriteResult<{ toSlug: string }>> {
  if (!access.coordinates) return { ok: false, error: "forbidden" };
  const target = (await listMoveTargets(user, access.group.id)).find((group) => group.id === toGroupId);
  return db.transaction(async (tx) => {
    const thread = await lockThread(tx, access.group.id, threadId);
    if (!thread) return { ok: false, error: "notFound" } as const;
    if (!target) return { ok: false, error: "invalidTarget" } as const;
    const now = new Date();
    await tx.update(groupThreads).set({ groupId: target.id, pinnedAt: null, updatedAt: now }).where(eq(groupThreads.id, thread.id));
    const detail = { fromGroupId: access.group.id, toGroupId: target.id };
    await log(tx, { groupId: access.group.id, actorId: user.id, action: "move", threadId: thread.id, reason, detail });
    await log(tx, { groupId: target.id, actorId: user.id, action: "move", threadId: thread.id, reason, detail });
    await enqueueGroupContentSync(tx, "thread", thread.id);
    return { ok: true, toSlug: target.slug } as const;
  });
}

/** Hides or shows again a post of a thread of this group; the thread's last activity follows its visible posts. */
export async function setPostHidden(access: GroupAccess, user: SessionUser, threadId: string, postId: string, hide: boolean, reason: string): Promise<WriteResult<{ changed: boolean }>> {
  if (!access.coordinates) return { ok: false, error: "forbidden" };
  return db.transaction(async (tx) => {
    const thread = await lockThread(tx, access.group.id, threadId);
    if (!thread) return { ok: false, error: "notFound" } as const;
    const [post] = await tx
      .select({ id: groupPosts.id, hiddenAt: groupPosts.hiddenAt })
      .from(groupPosts)
      .where(and(eq(groupPosts.id, postId), eq(groupPosts.threadId, thread.id)));
    if (!post) return { ok: false, error: "notFound" } as const;
    if (Boolean(post.hiddenAt) === hide) return { ok: true, changed: false } as const;
    const now = new Date();
    await tx
      .update(groupPosts)
      .set(hide ? { hiddenAt: now, hiddenBy: user.id, hiddenReason: reason } : { hiddenAt: null, hiddenBy: null, hiddenReason: null })
      .where(eq(groupPosts.id, post.id));
    const [newest] = await tx
      .select({ at: max(groupPosts.createdAt) })
      .from(groupPosts)
      .where(and(eq(groupPosts.threadId, thread.id), isNull(groupPosts.hiddenAt)));
    await tx
      .update(groupThreads)
      .set({ lastPostAt: newest?.at ?? thread.createdAt, updatedAt: now })
      .where(eq(groupThreads.id, thread.id));
    await log(tx, { groupId: access.group.id, actorId: user.id, action: hide ? "hide" : "unhide", threadId: thread.id, postId: post.id, reason });
    await enqueueGroupContentSync(tx, "thread", thread.id);
    return { ok: true, changed: true } as const;
  });
}

const fromGroup = alias(workingGroups, "from_group");
const toGroup = alias(workingGroups, "to_group");

/**
 * The group's moderation log, newest first. A thread's title and link show while it is in this
 * group; the groups of a move are named only when this user may see them.
 */
export async function getModerationLog(access: GroupAccess, user: SessionUser, page: number) {
  const [total] = await db.select({ value: count() }).from(groupModerationLog).where(eq(groupModerationLog.groupId, access.group.id));
  const pages = Math.max(1, Math.ceil((total?.value ?? 0) / LOG_ENTRIES_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const readable = (group: typeof fromGroup | typeof toGroup) => groupReadableBy(user, group);
  const rows = await db
    .select({
      id: groupModerationLog.id,
      action: groupModerationLog.action,
      reason: groupModerationLog.reason,
      createdAt: groupModerationLog.createdAt,
      actorName: users.displayName,
      threadId: groupThreads.id,
      threadTitle: groupThreads.title,
      postId: groupModerationLog.postId,
      fromName: sql<string | null>`case when ${readable(fromGroup)} then ${fromGroup.name} end`,
      toName: sql<string | null>`case when ${readable(toGroup)} then ${toGroup.name} end`,
    })
    .from(groupModerationLog)
    .leftJoin(users, eq(users.id, groupModerationLog.actorId))
    .leftJoin(groupThreads, and(eq(groupThreads.id, groupModerationLog.threadId), eq(groupThreads.groupId, access.group.id)))
    .leftJoin(fromGroup, sql`${fromGroup.id}::text = ${groupModerationLog.detail}->>'fromGroupId'`)
    .leftJoin(toGroup, sql`${toGroup.id}::text = ${groupModerationLog.detail}->>'toGroupId'`)
    .where(eq(groupModerationLog.groupId, access.group.id))
    .orderBy(desc(groupModerationLog.createdAt), desc(groupModerationLog.id))
    .limit(LOG_ENTRIES_PER_PAGE)
    .offset((current - 1) * LOG_ENTRIES_PER_PAGE);
  return { entries: rows, page: current, pages };
}
