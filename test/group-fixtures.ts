import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { groupMemberships, workingGroups, type GroupRole, type UserRole } from "#db/schema";
import { loader as listLoader } from "#app/routes/arbeitsgruppen._index";
import { loader as groupLoader } from "#app/routes/arbeitsgruppen.$slug/route";
import { createTestUser, getRequest, run, sessionCookieFor, withParams } from "./factories";

// People, groups and memberships for the tests of group pages and group membership.

export type Person = { id: string; cookie: string };

/** A signed-in person of the given site role. */
export async function person(role: UserRole = "member", displayName = "Test Person"): Promise<Person> {
  const user = await createTestUser({ role, displayName });
  return { id: user.id, cookie: await sessionCookieFor(user.id) };
}

export async function groupId(slug: string): Promise<string> {
  const [group] = await db.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.slug, slug));
  return group!.id;
}

export async function join(id: string, who: Person, role: GroupRole = "member") {
  await db.insert(groupMemberships).values({ groupId: id, userId: who.id, role });
}

/** A group of its own for one test, with a coordinator. */
export async function makeGroup(visibility: "public" | "private", name = `Gruppe ${randomBytes(3).toString("hex")}`) {
  const slug = `g-${randomBytes(4).toString("hex")}`;
  const [group] = await db.insert(workingGroups).values({ slug, name, focus: "Ein Schwerpunkt", visibility }).returning({ id: workingGroups.id });
  const coordinator = await person("member", "Gruppenkoordination");
  await join(group!.id, coordinator, "coordinator");
  return { id: group!.id, slug, name, coordinator };
}

export async function roleIn(id: string, userId: string): Promise<GroupRole | null> {
  const [row] = await db
    .select({ role: groupMemberships.role })
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, id), eq(groupMemberships.userId, userId)));
  return row?.role ?? null;
}

export const cookieOf = (who?: Person) => (who ? { cookie: who.cookie } : {});

/** The status of a group's page for the person (or a guest). */
export async function pageStatus(slug: string, who?: Person) {
  return (await run(withParams(groupLoader, { slug }), getRequest(`/arbeitsgruppen/${slug}`, cookieOf(who)))).status;
}

/** The groups the list shows the person (or a guest). */
export async function listed(who?: Person) {
  const { groups } = (await (await run(listLoader, getRequest("/arbeitsgruppen", cookieOf(who)))).json()) as {
    groups: { slug: string; members: number; nextMeetingAt: string | null; openTasks: number }[];
  };
  return groups;
}
