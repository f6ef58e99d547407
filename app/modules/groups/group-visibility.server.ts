import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { groupMemberships, workingGroups } from "#db/schema";
import type { SessionUser } from "#app/modules/auth/session.server";

type GroupColumns = { id: PgColumn; archivedAt: PgColumn; visibility: PgColumn };

/** Whoever reads: a signed-in person, the owner of a calendar feed (only the id counts), or null for a guest. */
type Reader = Pick<SessionUser, "id"> | null;

/**
 * SQL: this group row (the table, or an alias of it) is one the person may read right now — not
 * archived, and public or theirs. The one rule for every query that names a group or shows its content.
 */
export function groupReadableBy(user: Reader, group: GroupColumns = workingGroups): SQL<boolean> {
  const member = user ? sql`exists (select 1 from ${groupMemberships} where ${groupMemberships.groupId} = ${group.id} and ${groupMemberships.userId} = ${user.id})` : sql`false`;
  return sql<boolean>`(${group.archivedAt} is null and (${group.visibility} = 'public' or ${member}))`;
}

/** SQL: the group with this id is one the person may read right now. */
export function groupIdReadableBy(groupId: PgColumn, user: Reader): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${workingGroups} where ${workingGroups.id} = ${groupId} and ${groupReadableBy(user)})`;
}
