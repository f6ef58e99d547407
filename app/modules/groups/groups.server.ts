import { and, asc, count, eq, isNull, like, or, sql } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { groupMemberships, groupTasks, meetings, workingGroups } from "#db/schema";
import { enqueueWholeGroupSync } from "#search/group-content-sync";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import type { SessionUser } from "#app/modules/auth/session.server";
import { slugify } from "#app/utils/slug";
import type { GroupFormValues } from "./group-schemas";
import { groupReadableBy } from "./group-visibility.server";

/**
 * The groups the user may see: every public one, and the private ones they belong to. Others do
 * not exist for them — not even as a count. With each: its members, its next meeting and how many
 * of its tasks are still open.
 */
export async function listGroups(user: SessionUser | null) {
  const memberCount = db
    .select({ groupId: groupMemberships.groupId, members: count().as("members") })
    .from(groupMemberships)
    .groupBy(groupMemberships.groupId)
    .as("member_counts");
  const mine = user
    ? sql<boolean>`exists (select 1 from ${groupMemberships} where ${groupMemberships.groupId} = ${workingGroups.id} and ${groupMemberships.userId} = ${user.id})`
    : sql<boolean>`false`;
  // A meeting under way still counts as the next one until it ends.
  const nextMeeting = sql<
    string | null
  >`(select min(${meetings.startsAt}) from ${meetings} where ${meetings.groupId} = ${workingGroups.id} and ${meetings.cancelledAt} is null and ${meetings.endsAt} > now())`;
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
    .where(groupReadableBy(user))
    .orderBy(asc(workingGroups.name));
  // postgres.js hands back the subquery's time as text: one format for the page.
  return rows.map((row) => ({ ...row, nextMeetingAt: row.nextMeetingAt ? new Date(row.nextMeetingAt).toISOString() : null }));
}

/**
 * A group that is not archived, whoever asks. Only for the few requests with an access rule of
 * their own (a join request, a signed calendar feed link); a page for a reader uses requireGroupAccess.
 */
export async function findActiveGroup(slug: string | undefined) {
  if (!slug) return null;
  const [group] = await db
    .select({ id: workingGroups.id, slug: workingGroups.slug, name: workingGroups.name, visibility: workingGroups.visibility })
    .from(workingGroups)
    .where(and(eq(workingGroups.slug, slug), isNull(workingGroups.archivedAt)));
  return group ?? null;
}

// ---------------------------------------------------------------------------------------------
// Setting groups up, editing and archiving them

/** Network coordination and admins set up new groups. */
export const canCreateGroups = (user: SessionUser | null): boolean => isNetworkCoordinator(user);

// Paths below /arbeitsgruppen/ that are pages, not groups.
const RESERVED_SLUGS = new Set(["neu", "anfragen", "einladungen"]);

async function freeGroupSlug(executor: Executor, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (
      await executor
        .select({ slug: workingGroups.slug })
        .from(workingGroups)
        .where(or(eq(workingGroups.slug, base), like(workingGroups.slug, `${base}-%`)))
    ).map((row) => row.slug),
  );
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
        const [group] = await tx
          .insert(workingGroups)
          .values({ slug, name: values.name, focus: values.focus, description: values.description, visibility: values.visibility })
          .returning({ id: workingGroups.id });
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
    await tx
      .update(workingGroups)
      .set({ name: values.name, focus: values.focus, description: values.description, visibility: values.visibility, updatedAt: new Date() })
      .where(eq(workingGroups.id, groupId));
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
