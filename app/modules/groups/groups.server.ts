import { and, asc, count, eq, isNull, like, ne, or, sql } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { groupJoinRequests, groupMemberships, groupTasks, meetings, users, workingGroups, type GroupRole } from "#db/schema";
import { enqueueWholeGroupSync } from "#search/group-content-sync";
import type { SessionUser } from "#app/modules/auth/session.server";
import { slugify } from "#app/utils/slug";
import type { GroupFormValues } from "./group-schemas";
import { isNetworkCoordinator } from "#app/modules/auth/roles";

/** The user's role in a group, or null. */
export async function getGroupRole(groupId: string, userId: string): Promise<GroupRole | null> {
  const [row] = await db.select({ role: groupMemberships.role }).from(groupMemberships).where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)));
  return row?.role ?? null;
}

/**
 * The groups the user may see: every public one, and the private ones they belong to. Others do
 * not exist for them — not even as a count. With each: its members, its next meeting and how many
 * of its tasks are still open.
 */
export async function listGroups(user: SessionUser | null) {
  const memberCount = db.select({ groupId: groupMemberships.groupId, members: count().as("members") }).from(groupMemberships).groupBy(groupMemberships.groupId).as("member_counts");
  const mine = user ? sql<boolean>`exists (select 1 from ${groupMemberships} where ${groupMemberships.groupId} = ${workingGroups.id} and ${groupMemberships.userId} = ${user.id})` : sql<boolean>`false`;
  // A meeting under way still counts as the next one until it ends.
  const nextMeeting = sql<string | null>`(select min(${meetings.startsAt}) from ${meetings} where ${meetings.groupId} = ${workingGroups.id} and ${meetings.cancelledAt} is null and ${meetings.endsAt} > now())`;
  const openTasks = sql<number>`(select count(*) from ${groupTasks} where ${groupTasks.groupId} = ${workingGroups.id} and ${groupTasks.status} <> 'done')::int`;
  const rows = await db
    .select({
      slug: workingGroups.slug,
      name: workingGroups.name,
      focus: workingGroups.focus,
      visibility: workingGroups.visibility,
      members: sql<number>`coalesce(${memberCount.members}, 0)::int`,
      isMember: mine,
      nextMeetingAt: nextMeeting,
      openTasks,
    })
    .from(workingGroups)
    .leftJoin(memberCount, eq(memberCount.groupId, workingGroups.id))
    .where(and(isNull(workingGroups.archivedAt), or(eq(workingGroups.visibility, "public"), mine)))
    .orderBy(asc(workingGroups.name));
  // postgres.js hands back the subquery's time as text: one format for the page.
  return rows.map((row) => ({ ...row, nextMeetingAt: row.nextMeetingAt ? new Date(row.nextMeetingAt).toISOString() : null }));
}

/**
 * A group as this user may see it, or null — for a private group the user is not a member of, the
 * same null as for a group that does not exist, so outsiders cannot tell them apart.
 */
export async function getVisibleGroup(slug: string, user: SessionUser | null) {
  const [group] = await db
    .select({ id: workingGroups.id, slug: workingGroups.slug, name: workingGroups.name, focus: workingGroups.focus, description: workingGroups.description, visibility: workingGroups.visibility })
    .from(workingGroups)
    .where(and(eq(workingGroups.slug, slug), isNull(workingGroups.archivedAt)));
  if (!group) return null;
  const role = user ? await getGroupRole(group.id, user.id) : null;
  if (group.visibility === "private" && !role) return { group, role, canRead: false as const };
  return { group, role, canRead: true as const };
}

/** The group if the user may read it; otherwise the 404 that a missing group answers, too. */
export async function requireReadableGroup(slug: string | undefined, user: SessionUser | null) {
  const visible = await getVisibleGroup(slug ?? "", user);
  if (!visible?.canRead) throw new Response("Not Found", { status: 404 });
  return { group: visible.group, role: visible.role };
}

/** Whether the user coordinates this group (as its coordinator, or as network coordination). */
export function coordinatesGroup(user: SessionUser, role: GroupRole | null): boolean {
  return role === "coordinator" || isNetworkCoordinator(user);
}

/** Network coordination and admins set up new groups. */
export function canCreateGroups(user: SessionUser | null): boolean {
  return user?.role === "admin" || user?.role === "coordinator";
}

export async function countMembers(groupId: string): Promise<number> {
  const [row] = await db.select({ value: count() }).from(groupMemberships).where(eq(groupMemberships.groupId, groupId));
  return row?.value ?? 0;
}

export async function getMembers(groupId: string) {
  return db
    .select({ userId: users.id, displayName: users.displayName, role: groupMemberships.role })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .where(eq(groupMemberships.groupId, groupId))
    .orderBy(asc(users.displayName));
}

export async function getPendingRequests(groupId: string) {
  return db
    .select({ id: groupJoinRequests.id, message: groupJoinRequests.message, createdAt: groupJoinRequests.createdAt, displayName: users.displayName })
    .from(groupJoinRequests)
    .innerJoin(users, eq(users.id, groupJoinRequests.userId))
    .where(and(eq(groupJoinRequests.groupId, groupId), eq(groupJoinRequests.status, "pending")))
    .orderBy(asc(groupJoinRequests.createdAt));
}

export async function hasPendingRequest(groupId: string, userId: string): Promise<boolean> {
  const [row] = await db.select({ id: groupJoinRequests.id }).from(groupJoinRequests).where(and(eq(groupJoinRequests.groupId, groupId), eq(groupJoinRequests.userId, userId), eq(groupJoinRequests.status, "pending")));
  return Boolean(row);
}

/** Joins a public group with one click; a no-op for a member. */
export async function joinPublicGroup(groupId: string, userId: string): Promise<void> {
  await db.insert(groupMemberships).values({ groupId, userId, role: "member" }).onConflictDoNothing();
}

/** Asks to join a private group; one open request per person. */
export async function requestToJoin(groupId: string, userId: string, message: string): Promise<void> {
  if (await hasPendingRequest(groupId, userId)) return;
  await db.insert(groupJoinRequests).values({ groupId, userId, message });
}

/** Approves or declines a request of this group; approving makes the person a member. */
export async function decideRequest(groupId: string, requestId: string, approve: boolean, deciderId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [request] = await tx
      .update(groupJoinRequests)
      .set({ status: approve ? "approved" : "declined", decidedBy: deciderId, decidedAt: new Date() })
      .where(and(eq(groupJoinRequests.id, requestId), eq(groupJoinRequests.groupId, groupId), eq(groupJoinRequests.status, "pending")))
      .returning({ userId: groupJoinRequests.userId });
    if (!request) return false;
    if (approve) await tx.insert(groupMemberships).values({ groupId, userId: request.userId, role: "member" }).onConflictDoNothing();
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Memberships: roles, removal, leaving. A group always keeps at least one coordinator.

export type MembershipChange = "ok" | "notMember" | "lastCoordinator";

/**
 * Gives a member of this group another role, or takes them out (`null`). The group's row is locked
 * meanwhile, so two coordinators who demote or remove each other at the same moment cannot leave
 * the group without one; the last coordinator keeps the role until there is another.
 */
async function changeMembership(groupId: string, userId: string, role: GroupRole | null): Promise<MembershipChange> {
  return db.transaction(async (tx) => {
    await tx.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.id, groupId)).for("update");
    const [membership] = await tx.select({ role: groupMemberships.role }).from(groupMemberships).where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)));
    if (!membership) return "notMember";
    if (membership.role === "coordinator" && role !== "coordinator") {
      const [others] = await tx
        .select({ value: count() })
        .from(groupMemberships)
        .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.role, "coordinator"), ne(groupMemberships.userId, userId)));
      if ((others?.value ?? 0) === 0) return "lastCoordinator";
    }
    const own = and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId));
    if (role) await tx.update(groupMemberships).set({ role }).where(own);
    else await tx.delete(groupMemberships).where(own);
    return "ok";
  });
}

/** Gives a member of this group another role; the last coordinator keeps theirs. */
export function setMemberRole(groupId: string, userId: string, role: GroupRole): Promise<MembershipChange> {
  return changeMembership(groupId, userId, role);
}

/** Takes a person out of this group (a coordinator's decision, or their own when leaving). */
export function removeMember(groupId: string, userId: string): Promise<MembershipChange> {
  return changeMembership(groupId, userId, null);
}

/** Leaves a group; from then on a private group answers 404 to the person, as if it did not exist. */
export async function leaveGroup(groupId: string, userId: string): Promise<MembershipChange> {
  const result = await removeMember(groupId, userId);
  return result === "notMember" ? "ok" : result;
}

// ---------------------------------------------------------------------------------------------
// Setting groups up, editing and archiving them

// Paths below /arbeitsgruppen/ that are pages, not groups.
const RESERVED_SLUGS = new Set(["neu", "anfragen", "einladungen"]);

async function freeGroupSlug(executor: Executor, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set((await executor.select({ slug: workingGroups.slug }).from(workingGroups).where(or(eq(workingGroups.slug, base), like(workingGroups.slug, `${base}-%`)))).map((row) => row.slug));
  for (let suffix = 1; ; suffix++) {
    const candidate = suffix === 1 ? base : `${base}-${suffix}`;
    if (!taken.has(candidate) && !RESERVED_SLUGS.has(candidate)) return candidate;
  }
}

const isUniqueViolation = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: string }).code === "23505";

/** Sets up a group; the person who does it becomes its first coordinator. Returns its slug. */
export async function createGroup(values: GroupFormValues, creatorId: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const slug = await freeGroupSlug(tx, values.name);
        const [group] = await tx.insert(workingGroups).values({ slug, name: values.name, focus: values.focus, description: values.description, visibility: values.visibility }).returning({ id: workingGroups.id });
        await tx.insert(groupMemberships).values({ groupId: group!.id, userId: creatorId, role: "coordinator" });
        return slug;
      });
    } catch (error) {
      // Two groups of the same name at the same moment: the second takes the next number.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/**
 * Saves a group's name, focus, description and visibility. The slug stays as it was, so links
 * people shared keep working after a rename. A new name or visibility reaches every document of
 * the group in the search index, written in the same transaction.
 */
export async function updateGroup(groupId: string, values: GroupFormValues): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ name: workingGroups.name, visibility: workingGroups.visibility }).from(workingGroups).where(eq(workingGroups.id, groupId)).for("update");
    if (!before) return;
    await tx.update(workingGroups).set({ name: values.name, focus: values.focus, description: values.description, visibility: values.visibility, updatedAt: new Date() }).where(eq(workingGroups.id, groupId));
    if (before.name !== values.name || before.visibility !== values.visibility) await enqueueWholeGroupSync(tx, groupId);
  });
}

/** Archives a group: it leaves every list, its pages answer 404 and its documents leave the index. */
export async function archiveGroup(groupId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [archived] = await tx
      .update(workingGroups)
      .set({ archivedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(workingGroups.id, groupId), isNull(workingGroups.archivedAt)))
      .returning({ id: workingGroups.id });
    if (archived) await enqueueWholeGroupSync(tx, groupId);
  });
}
