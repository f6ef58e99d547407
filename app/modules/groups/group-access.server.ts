import { and, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { groupMemberships, workingGroups } from "#db/schema";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import type { SessionUser } from "#app/modules/auth/session.server";
import { requireFound } from "#app/utils/http";
import { groupReadableBy } from "./group-visibility.server";

/**
 * A group of the URL as this person may use it: its columns, their role in it and what follows
 * from that. Every page below /arbeitsgruppen/:slug decides with these flags, and only with them.
 */
export async function getGroupAccess(slug: string | undefined, user: SessionUser | null) {
  if (!slug) return null;
  const [row] = await db
    .select({
      id: workingGroups.id,
      slug: workingGroups.slug,
      name: workingGroups.name,
      focus: workingGroups.focus,
      description: workingGroups.description,
      visibility: workingGroups.visibility,
      role: groupMemberships.role,
    })
    .from(workingGroups)
    .leftJoin(groupMemberships, and(eq(groupMemberships.groupId, workingGroups.id), user ? eq(groupMemberships.userId, user.id) : sql`false`))
    .where(and(eq(workingGroups.slug, slug), groupReadableBy(user)));
  if (!row) return null;
  const { role, ...group } = row;
  const isMember = role !== null;
  // Network coordination coordinates every group it may read: a private one only as its member.
  const coordinates = role === "coordinator" || isNetworkCoordinator(user);
  return {
    group,
    role,
    /** Members (its coordinators included) post, write tasks and answer meetings. */
    isMember,
    /** The group's coordinators and network coordination: edit the group, moderate, plan meetings. */
    coordinates,
    /** Who is in the group — members, assignees, who answered — is for its members and coordinators. */
    seesPeople: isMember || coordinates,
    /** Members write the minutes; so do those who coordinate the group. */
    canWriteMinutes: isMember || coordinates,
  };
}

export type GroupAccess = NonNullable<Awaited<ReturnType<typeof getGroupAccess>>>;

/**
 * The group of the URL as this person may use it. A private group of which they are no member, an
 * archived or a missing one all throw the same 404, so outsiders cannot tell them apart.
 */
export async function requireGroupAccess(slug: string | undefined, user: SessionUser | null): Promise<GroupAccess> {
  return requireFound(await getGroupAccess(slug, user));
}
