import { and, asc, eq, sql } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { partners, services, taxonomyTerms, userOrganizations, users } from "#db/schema";
import { listedPerson, loadListedPeople, membersSeeContact, personColumns } from "#search/indexes/people";
import { termLabel } from "#app/modules/directory/term-label";
import { activeTerm } from "#app/modules/taxonomy/active-term.server";

/**
 * These people as members see them now, in the order of the ids: organisations (active partners)
 * with functions, topics in the language, languages, the short text and the visible contact fields.
 * Deleted, blocked and unconfirmed accounts are left out: a lagging index never shows them.
 */
export async function getPeopleCards(ids: string[], lang: string) {
  if (ids.length === 0) return [];
  const { rows, organisationsOf, topicsOf } = await loadListedPeople(db, ids);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        id: row.id,
        handle: row.handle,
        displayName: row.displayName,
        organisations: (organisationsOf.get(row.id) ?? []).map((organisation) => ({ slug: organisation.slug, name: organisation.name, function: organisation.function })),
        topics: (topicsOf.get(row.id) ?? []).map((topic) => ({ slug: topic.slug, label: termLabel(topic.labels, lang, topic.slug) })),
        languages: row.languages,
        about: row.about,
        ...membersSeeContact(row),
      },
    ];
  });
}

export type PersonCard = Awaited<ReturnType<typeof getPeopleCards>>[number];

/** A listed person by their @handle, as members see them; null for anyone else. */
export async function getPersonByHandle(handle: string, lang: string): Promise<PersonCard | null> {
  if (!/^[\p{L}\p{N}.]{1,60}$/u.test(handle)) return null;
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.handle, handle.toLowerCase()), listedPerson));
  if (!row) return null;
  return (await getPeopleCards([row.id], lang))[0] ?? null;
}

/** The listed people who named this partner as their organisation, with their function there, by name. */
export async function getPartnerPeople(partnerId: string) {
  return db
    .select({ handle: users.handle, displayName: users.displayName, function: userOrganizations.function })
    .from(userOrganizations)
    .innerJoin(users, eq(users.id, userOrganizations.userId))
    .where(and(eq(userOrganizations.partnerId, partnerId), listedPerson))
    .orderBy(asc(sql`lower(${users.displayName})`), asc(users.id));
}

/** Who may be a service's contact person: the listed people of the partner (ids, names and functions). */
export async function getContactCandidates(executor: Executor, partnerId: string) {
  return executor
    .select({ id: users.id, displayName: users.displayName, function: userOrganizations.function })
    .from(userOrganizations)
    .innerJoin(users, eq(users.id, userOrganizations.userId))
    .where(and(eq(userOrganizations.partnerId, partnerId), listedPerson))
    .orderBy(asc(sql`lower(${users.displayName})`), asc(users.id));
}

/**
 * A service's linked contact person as members see them (name, handle, function at the service's
 * partner and the contact fields they show members), or null: none linked, or no longer listed.
 */
export async function getServiceContactPerson(serviceSlug: string) {
  const [row] = await db
    .select({ ...personColumns, function: userOrganizations.function })
    .from(services)
    .innerJoin(users, eq(users.id, services.contactUserId))
    .leftJoin(userOrganizations, and(eq(userOrganizations.userId, users.id), eq(userOrganizations.partnerId, services.partnerId)))
    .where(and(eq(services.slug, serviceSlug), listedPerson));
  if (!row) return null;
  return { handle: row.handle, displayName: row.displayName, function: row.function ?? "", ...membersSeeContact(row) };
}

/** The filters' choices on /personen: the partners that listed people named, the categories, and the languages listed people speak. */
export async function getPeopleFilterChoices(lang: string) {
  const [organisations, topics] = await Promise.all([
    db
      .selectDistinct({ id: partners.id, slug: partners.slug, name: partners.name })
      .from(userOrganizations)
      .innerJoin(partners, eq(partners.id, userOrganizations.partnerId))
      .innerJoin(users, eq(users.id, userOrganizations.userId))
      .where(and(eq(partners.status, "active"), listedPerson))
      .orderBy(asc(partners.name)),
    db
      .select({ id: taxonomyTerms.id, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels })
      .from(taxonomyTerms)
      .where(and(eq(taxonomyTerms.kind, "category"), activeTerm))
      .orderBy(asc(taxonomyTerms.position)),
  ]);
  const spoken = await db.execute<{ code: string }>(sql`select distinct unnest(${users.languages}) as code from ${users} where ${listedPerson} order by 1`);
  const names = new Intl.DisplayNames([lang], { type: "language" });
  return {
    organisations,
    topics: topics.map((topic) => ({ id: topic.id, slug: topic.slug, label: termLabel(topic.labels, lang, topic.slug) })),
    languages: spoken.map((row) => ({ code: row.code, label: names.of(row.code) ?? row.code })).sort((a, b) => a.label.localeCompare(b.label, lang)),
  };
}
