import { and, asc, count, eq, isNull, or, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { groupJoinRequests, groupMemberships, users, workingGroups, type GroupRole } from "../../../db/schema";
import type { SessionUser } from "~/modules/auth/session.server";

/** The user's role in a group, or null. */
export async function getGroupRole(groupId: string, userId: string): Promise<GroupRole | null> {
  const [row] = await db.select({ role: groupMemberships.role }).from(groupMemberships).where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)));
  return row?.role ?? null;
}

/**
 * The groups the user may see: every public one, and the private ones they belong to. Others do
 * not exist for them — not even as a count.
 */
export async function listGroups(user: SessionUser | null) {
  const memberCount = db.select({ groupId: groupMemberships.groupId, members: count().as("members") }).from(groupMemberships).groupBy(groupMemberships.groupId).as("member_counts");
  const mine = user ? sql<boolean>`exists (select 1 from ${groupMemberships} where ${groupMemberships.groupId} = ${workingGroups.id} and ${groupMemberships.userId} = ${user.id})` : sql<boolean>`false`;
  return db
    .select({ slug: workingGroups.slug, name: workingGroups.name, focus: workingGroups.focus, visibility: workingGroups.visibility, members: sql<number>`coalesce(${memberCount.members}, 0)::int`, isMember: mine })
    .from(workingGroups)
    .leftJoin(memberCount, eq(memberCount.groupId, workingGroups.id))
    .where(and(isNull(workingGroups.archivedAt), or(eq(workingGroups.visibility, "public"), mine)))
    .orderBy(asc(workingGroups.name));
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

/** Whether the user coordinates this group (as its coordinator, or as network coordination). */
export function coordinatesGroup(user: SessionUser, role: GroupRole | null): boolean {
  return role === "coordinator" || user.role === "admin" || user.role === "coordinator";
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

/** Leaves a group; from then on a private group answers 404 to the person, as if it did not exist. */
export async function leaveGroup(groupId: string, userId: string): Promise<void> {
  await db.delete(groupMemberships).where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)));
}
