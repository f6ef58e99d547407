import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db as appDb, type Database, type Executor } from "#db/client";
import { partners, services, taxonomyTerms, userOrganizations, users, userTopics } from "#db/schema";
import { listedService } from "#search/indexes/services";
import { enqueuePersonSync } from "./people-sync.server";
import type { ProfileForm } from "./profile-schema";
import { activeTerm } from "#app/modules/taxonomy/active-term.server";

/** The languages the profile offers: the ones the directory's services are offered in (ISO 639 codes), and the person's own. */
export async function profileLanguageCodes(executor: Executor, own: string[] = []): Promise<string[]> {
  const rows = await executor.execute<{ code: string }>(
    sql`select distinct unnest(${services.languages}) as code from ${services} join ${partners} on ${partners.id} = ${services.partnerId} where ${listedService}`,
  );
  return [...new Set([...rows.map((row) => row.code), ...own])].filter((code) => /^[a-z]{2,3}$/.test(code)).sort();
}

/** What the profile form offers: active partners, the directory's categories and the languages. */
export async function getProfileChoices(own: string[] = []) {
  const [organisations, topics, languages] = await Promise.all([
    appDb.select({ id: partners.id, name: partners.name }).from(partners).where(eq(partners.status, "active")).orderBy(asc(partners.name)),
    appDb
      .select({ slug: taxonomyTerms.slug, labels: taxonomyTerms.labels })
      .from(taxonomyTerms)
      .where(and(eq(taxonomyTerms.kind, "category"), activeTerm))
      .orderBy(asc(taxonomyTerms.position)),
    profileLanguageCodes(appDb, own),
  ]);
  return { organisations, topics, languages };
}

/** The person's profile as the form shows it. */
export async function getProfileValues(userId: string) {
  const [[person], organisations, topics] = await Promise.all([
    appDb
      .select({ handle: users.handle, about: users.about, phone: users.phone, phoneVisibility: users.phoneVisibility, emailVisibility: users.emailVisibility, languages: users.languages })
      .from(users)
      .where(eq(users.id, userId)),
    appDb
      .select({ partnerId: userOrganizations.partnerId, function: userOrganizations.function })
      .from(userOrganizations)
      .where(eq(userOrganizations.userId, userId))
      .orderBy(asc(userOrganizations.position)),
    appDb.select({ slug: taxonomyTerms.slug }).from(userTopics).innerJoin(taxonomyTerms, eq(taxonomyTerms.id, userTopics.termId)).where(eq(userTopics.userId, userId)),
  ]);
  if (!person) return null;
  return { ...person, phone: person.phone ?? "", organisations, topics: topics.map((topic) => topic.slug) };
}

export type ProfileFieldErrors = Record<string, string[]>;
export type SaveProfileResult = { ok: true } | { ok: false; errors: ProfileFieldErrors };

/**
 * Saves the profile in one transaction: the person's own columns, their organisations and topics
 * (replaced as a whole), and the job that brings the people index up to date. Partners, topics and
 * languages that are not on offer come back as field errors, and then nothing is written.
 */
export async function saveProfile(userId: string, form: ProfileForm, database: Database = appDb): Promise<SaveProfileResult> {
  return database.transaction(async (tx) => {
    const partnerIds = form.organisations.map((row) => row.partnerId);
    const [known, terms, languages] = await Promise.all([
      partnerIds.length
        ? tx
            .select({ id: partners.id })
            .from(partners)
            .where(and(inArray(partners.id, partnerIds), eq(partners.status, "active")))
        : [],
      form.topics.length
        ? tx
            .select({ id: taxonomyTerms.id, slug: taxonomyTerms.slug })
            .from(taxonomyTerms)
            .where(and(inArray(taxonomyTerms.slug, form.topics), eq(taxonomyTerms.kind, "category"), activeTerm))
        : [],
      form.languages.length ? profileLanguageCodes(tx, await ownLanguages(tx, userId)) : Promise.resolve<string[]>([]),
    ]);
    const errors: ProfileFieldErrors = {};
    for (const row of form.organisations) {
      if (!known.some((partner) => partner.id === row.partnerId)) errors[`organisations[${row.row}].partnerId`] = ["people.validation.unknownChoice"];
    }
    if (terms.length !== form.topics.length) errors.topics = ["people.validation.unknownChoice"];
    if (!form.languages.every((code) => languages.includes(code))) errors.languages = ["people.validation.unknownChoice"];
    if (Object.keys(errors).length > 0) return { ok: false, errors };

    const updated = await tx
      .update(users)
      .set({ about: form.about, phone: form.phone, phoneVisibility: form.phoneVisibility, emailVisibility: form.emailVisibility, languages: form.languages, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (updated.length === 0) return { ok: false, errors: { "": ["form.refused"] } };
    await tx.delete(userOrganizations).where(eq(userOrganizations.userId, userId));
    if (form.organisations.length) {
      await tx.insert(userOrganizations).values(form.organisations.map((row, position) => ({ userId, partnerId: row.partnerId, function: row.function, position })));
    }
    await tx.delete(userTopics).where(eq(userTopics.userId, userId));
    if (terms.length) await tx.insert(userTopics).values(terms.map((term) => ({ userId, termId: term.id })));
    await enqueuePersonSync(tx, userId);
    return { ok: true };
  });
}

async function ownLanguages(executor: Executor, userId: string): Promise<string[]> {
  const [row] = await executor.select({ languages: users.languages }).from(users).where(eq(users.id, userId));
  return row?.languages ?? [];
}

/** Sets a new display name and tells the people index; the @mention handle stays, so earlier mentions keep pointing at the person. */
export async function renamePerson(userId: string, displayName: string): Promise<void> {
  await appDb.transaction(async (tx) => {
    await tx.update(users).set({ displayName: displayName.trim(), updatedAt: new Date() }).where(eq(users.id, userId));
    await enqueuePersonSync(tx, userId);
  });
}
