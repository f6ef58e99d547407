import { and, asc, count, eq, gte, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { db } from "#db/client";
import { groupMemberships, partnerMembers, partners, userOrganizations, users, workingGroups } from "#db/schema";
import { listUserSessions } from "#app/modules/auth/session.server";
import { PEOPLE_PER_PAGE, RECENT_SIGN_IN_DAYS, type PeopleFilters } from "./people-filters";

/** A LIKE pattern that finds the text anywhere, with the pattern's own special characters taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The partners a person is linked to: as one of its editors, or as their organisation in their
 * profile. Columns `user_id` and `partner_id`.
 */
const personPartners = sql`(select ${partnerMembers.userId} as user_id, ${partnerMembers.partnerId} as partner_id from ${partnerMembers}
  union select ${userOrganizations.userId}, ${userOrganizations.partnerId} from ${userOrganizations})`;

function conditions(filters: PeopleFilters): SQL | undefined {
  // A deleted account is gone from the list; its row stays only so that the posts it left keep an author.
  const parts: (SQL | undefined)[] = [isNull(users.deletedAt)];
  // ILIKE '%…%' on both columns: each is served by its trigram index (a BitmapOr), also at 10 000 accounts.
  if (filters.q) parts.push(or(sql`${users.displayName} ilike ${containsPattern(filters.q)}`, sql`${users.email} ilike ${containsPattern(filters.q)}`));
  if (filters.role) parts.push(eq(users.role, filters.role));
  if (filters.status === "blocked") parts.push(isNotNull(users.blockedAt));
  if (filters.status === "unconfirmed") parts.push(and(isNull(users.blockedAt), isNull(users.emailVerifiedAt)));
  if (filters.status === "active") parts.push(and(isNull(users.blockedAt), isNotNull(users.emailVerifiedAt)));
  if (filters.organisation) {
    parts.push(
      sql`exists (select 1 from ${personPartners} as linked join ${partners} on ${partners.id} = linked.partner_id where linked.user_id = ${users.id} and ${partners.slug} = ${filters.organisation})`,
    );
  }
  const recentSince = new Date(Date.now() - RECENT_SIGN_IN_DAYS * 24 * 60 * 60 * 1000);
  if (filters.signIn === "never") parts.push(isNull(users.lastSignInAt));
  if (filters.signIn === "recent") parts.push(gte(users.lastSignInAt, recentSince));
  if (filters.signIn === "older") parts.push(lt(users.lastSignInAt, recentSince));
  return and(...parts);
}

/** One page of the people list with its filters, in name order. */
export async function listPeople(filters: PeopleFilters) {
  const where = conditions(filters);
  const [total] = await db.select({ value: count() }).from(users).where(where);
  const pages = Math.max(1, Math.ceil((total?.value ?? 0) / PEOPLE_PER_PAGE));
  const page = Math.min(filters.page, pages);
  const people = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      role: users.role,
      blockedAt: users.blockedAt,
      emailVerifiedAt: users.emailVerifiedAt,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .where(where)
    .orderBy(sql`lower(${users.displayName})`, asc(users.id))
    .limit(PEOPLE_PER_PAGE)
    .offset((page - 1) * PEOPLE_PER_PAGE);
  // The organisations of only the rows shown, in one query.
  const ids = people.map((person) => person.id);
  const links = ids.length
    ? await db.execute<{ userId: string; name: string }>(
        sql`select linked.user_id as "userId", ${partners.name} as name from ${personPartners} as linked join ${partners} on ${partners.id} = linked.partner_id
            where linked.user_id in ${ids} order by ${partners.name}`,
      )
    : [];
  const withOrganisations = people.map((person) => ({ ...person, organisations: links.filter((link) => link.userId === person.id).map((link) => link.name) }));
  return { people: withOrganisations, total: total?.value ?? 0, page, pages };
}

/** The organisations the filter offers: directory partners with at least one linked person. */
export async function listOrganisationOptions() {
  return db
    .select({ slug: partners.slug, name: partners.name })
    .from(partners)
    .where(sql`exists (select 1 from ${personPartners} as linked where linked.partner_id = ${partners.id})`)
    .orderBy(partners.name, partners.slug);
}

/** A person as their admin page shows them, or null. */
export async function getPerson(id: string) {
  const [person] = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      handle: users.handle,
      role: users.role,
      blockedAt: users.blockedAt,
      emailVerifiedAt: users.emailVerifiedAt,
      lastSignInAt: users.lastSignInAt,
      createdAt: users.createdAt,
      twoFactorEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!person) return null;
  const [editorRoles, profileOrganisations, groups, sessions] = await Promise.all([
    db
      .select({ slug: partners.slug, name: partners.name, role: partnerMembers.role })
      .from(partnerMembers)
      .innerJoin(partners, eq(partners.id, partnerMembers.partnerId))
      .where(eq(partnerMembers.userId, id))
      .orderBy(partners.name),
    db
      .select({ slug: partners.slug, name: partners.name, function: userOrganizations.function })
      .from(userOrganizations)
      .innerJoin(partners, eq(partners.id, userOrganizations.partnerId))
      .where(eq(userOrganizations.userId, id))
      .orderBy(userOrganizations.position),
    db
      .select({ slug: workingGroups.slug, name: workingGroups.name, role: groupMemberships.role })
      .from(groupMemberships)
      .innerJoin(workingGroups, eq(workingGroups.id, groupMemberships.groupId))
      .where(eq(groupMemberships.userId, id))
      .orderBy(workingGroups.name),
    listUserSessions(db, id),
  ]);
  // One line per partner: the function the person names in their profile, and whether they edit its entry.
  const slugs = [...new Set([...profileOrganisations.map((row) => row.slug), ...editorRoles.map((row) => row.slug)])];
  const organisations = slugs.map((slug) => {
    const profile = profileOrganisations.find((row) => row.slug === slug);
    const editor = editorRoles.find((row) => row.slug === slug);
    return { slug, name: (profile ?? editor)!.name, function: profile?.function ?? null, role: editor?.role ?? null };
  });
  return { person, organisations, groups, sessions };
}
