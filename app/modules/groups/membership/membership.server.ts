import { and, asc, count, eq, ne } from "drizzle-orm";
import { db } from "#db/client";
import { groupJoinRequests, groupMemberships, users, workingGroups, type GroupRole, type GroupVisibility } from "#db/schema";

/** The person's role in a group, or null. */
export async function getGroupRole(groupId: string, userId: string): Promise<GroupRole | null> {
  const [row] = await db
    .select({ role: groupMemberships.role })
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)));
  return row?.role ?? null;
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

// ---------------------------------------------------------------------------------------------
// Joining: a public group with one click, a private one by request (or by invitation).

/** Joins a public group with one click; a no-op for a member. */
export async function joinPublicGroup(groupId: string, userId: string): Promise<void> {
  await db.insert(groupMemberships).values({ groupId, userId, role: "member" }).onConflictDoNothing();
}

async function hasPendingRequest(groupId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: groupJoinRequests.id })
    .from(groupJoinRequests)
    .where(and(eq(groupJoinRequests.groupId, groupId), eq(groupJoinRequests.userId, userId), eq(groupJoinRequests.status, "pending")));
  return Boolean(row);
}

/** Asks to join a private group; one open request per person, none from its members or for a public group. */
export async function requestToJoin(group: { id: string; visibility: GroupVisibility }, userId: string, message: string): Promise<void> {
  if (group.visibility !== "private" || (await getGroupRole(group.id, userId)) || (await hasPendingRequest(group.id, userId))) return;
  await db.insert(groupJoinRequests).values({ groupId: group.id, userId, message });
}

export async function getPendingRequests(groupId: string) {
  return db
    .select({ id: groupJoinRequests.id, message: groupJoinRequests.message, createdAt: groupJoinRequests.createdAt, displayName: users.displayName })
    .from(groupJoinRequests)
    .innerJoin(users, eq(users.id, groupJoinRequests.userId))
    .where(and(eq(groupJoinRequests.groupId, groupId), eq(groupJoinRequests.status, "pending")))
    .orderBy(asc(groupJoinRequests.createdAt));
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
// Roles, removal, leaving. A group always keeps at least one coordinator.

export type MembershipChange = "ok" | "notMember" | "lastCoordinator";

/**
 * Gives a member of this group another role, or takes them out (`null`). The group's row is locked
 * meanwhile, so two coordinators who demote or remove each other at the same moment cannot leave
 * the group without one; the last coordinator keeps the role until there is another.
 */
async function changeMembership(groupId: string, userId: string, role: GroupRole | null): Promise<MembershipChange> {
  return db.transaction(async (tx) => {
    await tx.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.id, groupId)).for("update");
    const [membership] = await tx
      .select({ role: groupMemberships.role })
      .from(groupMemberships)
      .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)));
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
