import { and, asc, count, desc, eq, ne, sql } from "drizzle-orm";
import { redirect } from "@remix-run/node";
import { db as defaultDb, type Database, type Executor } from "#db/client";
import { changeSuggestions, invitations, locations, partnerAliases, partnerMembers, partners, services, topicReplies, userOrganizations, verificationReminders, type Partner } from "#db/schema";
import { enqueueSearchSync } from "#search/sync";
import { writeAdminLog } from "#app/modules/admin/admin-log.server";
import { enqueuePartnerPeopleSync } from "#app/modules/people/people-sync.server";
import type { Refusal } from "#app/utils/http";
import type { Translate } from "../import/import-messages";

// Merging a duplicate partner into the one that stays (docs/decisions/061-merging-duplicate-partners.md).

/** What a merge moves from the absorbed partner to the survivor, counted before it happens. */
export type MergeCounts = { services: number; locations: number; editors: number; people: number };

export type MergeRefusal = Refusal<"notFound" | "same" | "archived">;
export type MergeResult = { ok: true; into: { id: string; slug: string; name: string }; moved: MergeCounts } | MergeRefusal;

// Contact and profile fields a survivor takes from the absorbed partner only where it has none.
const FILLABLE = ["shortName", "description", "website", "email", "phone"] as const satisfies readonly (keyof Partner)[];

/** How many services, locations, editors and people a merge of the partner would move. */
export async function countMergeable(executor: Executor, partnerId: string): Promise<MergeCounts> {
  const [[servicesCount], [locationsCount], [editorsCount], [peopleCount]] = await Promise.all([
    executor.select({ value: count() }).from(services).where(eq(services.partnerId, partnerId)),
    executor.select({ value: count() }).from(locations).where(eq(locations.partnerId, partnerId)),
    executor.select({ value: count() }).from(partnerMembers).where(eq(partnerMembers.partnerId, partnerId)),
    executor.select({ value: count() }).from(userOrganizations).where(eq(userOrganizations.partnerId, partnerId)),
  ]);
  return { services: servicesCount?.value ?? 0, locations: locationsCount?.value ?? 0, editors: editorsCount?.value ?? 0, people: peopleCount?.value ?? 0 };
}

/** The active partners a partner may be merged into: every one but itself, by name. */
export async function listMergeTargets(executor: Executor, exceptId: string) {
  return executor
    .select({ slug: partners.slug, name: partners.name })
    .from(partners)
    .where(and(eq(partners.status, "active"), ne(partners.id, exceptId)))
    .orderBy(asc(partners.name), asc(partners.slug));
}

/** The partner an old slug of a merged partner now leads to, or null. */
export async function findAliasedSlug(executor: Executor, slug: string): Promise<string | null> {
  const [row] = await executor.select({ slug: partners.slug }).from(partnerAliases).innerJoin(partners, eq(partners.id, partnerAliases.partnerId)).where(eq(partnerAliases.slug, slug));
  return row?.slug ?? null;
}

/** For a partner page whose slug is gone: a thrown 301 to the partner it was merged into, else null (the page answers 404). */
export async function redirectMergedPartner(slug: string): Promise<null> {
  const survivor = await findAliasedSlug(defaultDb, slug);
  if (survivor) throw redirect(`/verzeichnis/partner/${survivor}`, 301);
  return null;
}

/**
 * Merges the partner `from` into `into`, in one transaction: its services, locations, editors,
 * people, change suggestions, reminders, invitations and replies in its name move to the survivor
 * (a person linked to both keeps one link); the survivor's empty fields are filled from it, never
 * overwritten; its external id and slug become aliases of the survivor; the admin log records who
 * merged what; it is deleted; and the search learns all of it through the outbox.
 */
export async function mergePartner(db: Database, { from, into, by }: { from: string; into: string; by: string | null }): Promise<MergeResult> {
  if (from === into) return { ok: false, error: "same" };
  return db.transaction(async (tx) => {
    const found = await tx
      .select()
      .from(partners)
      .where(sql`${partners.id} in (${from}, ${into})`)
      .orderBy(asc(partners.id))
      .for("update");
    const absorbed = found.find((row) => row.id === from);
    const survivor = found.find((row) => row.id === into);
    if (!absorbed || !survivor) return { ok: false, error: "notFound" } as const;
    if (survivor.status !== "active") return { ok: false, error: "archived" } as const;
    const moved = await countMergeable(tx, from);

    const movedServices = await tx.update(services).set({ partnerId: into, updatedAt: new Date() }).where(eq(services.partnerId, from)).returning({ id: services.id });
    await tx.update(locations).set({ partnerId: into, updatedAt: new Date() }).where(eq(locations.partnerId, from));
    // Unique pairs: a person already linked to the survivor keeps that link; the absorbed one goes with the partner.
    await tx.execute(
      sql`insert into partner_members (partner_id, user_id, role, created_at) select ${into}::uuid, user_id, role, created_at from partner_members where partner_id = ${from} on conflict do nothing`,
    );
    await tx.execute(
      sql`update user_organizations as kept set function = gone.function from user_organizations as gone
          where kept.partner_id = ${into} and gone.partner_id = ${from} and gone.user_id = kept.user_id and kept.function = '' and gone.function <> ''`,
    );
    await tx.execute(
      sql`insert into user_organizations (user_id, partner_id, function, position) select user_id, ${into}::uuid, function, position from user_organizations where partner_id = ${from} on conflict do nothing`,
    );
    await tx.update(changeSuggestions).set({ partnerId: into }).where(eq(changeSuggestions.partnerId, from));
    await tx.update(verificationReminders).set({ partnerId: into }).where(eq(verificationReminders.partnerId, from));
    await tx.update(invitations).set({ partnerId: into }).where(eq(invitations.partnerId, from));
    await tx.update(topicReplies).set({ partnerId: into }).where(eq(topicReplies.partnerId, from));

    const filled: Partial<Pick<Partner, (typeof FILLABLE)[number]>> = {};
    for (const field of FILLABLE) {
      if (!survivor[field]?.trim() && absorbed[field]?.trim()) filled[field] = absorbed[field];
    }
    if (Object.keys(filled).length > 0)
      await tx
        .update(partners)
        .set({ ...filled, updatedAt: new Date() })
        .where(eq(partners.id, into));

    // The absorbed partner's own aliases (from earlier merges) follow it; it goes first, so its slug and id are free.
    await tx.update(partnerAliases).set({ partnerId: into }).where(eq(partnerAliases.partnerId, from));
    await tx.delete(partners).where(eq(partners.id, from));
    await tx.insert(partnerAliases).values({ partnerId: into, externalId: absorbed.externalId, slug: absorbed.slug, name: absorbed.name, mergedBy: by });

    await writeAdminLog(tx, {
      actorId: by,
      targetUserId: null,
      action: "partner_merged",
      before: { partner: absorbed.name, slug: absorbed.slug, externalId: absorbed.externalId },
      after: {
        partner: survivor.name,
        slug: survivor.slug,
        services: String(moved.services),
        locations: String(moved.locations),
        editors: String(moved.editors),
        people: String(moved.people),
        filled: Object.keys(filled).join(",") || null,
      },
    });

    // The absorbed partner's document goes (its row is gone); the survivor's and every moved service's
    // show the survivor; people who named either partner now name the survivor.
    await enqueueSearchSync(tx, "partners", from);
    await enqueueSearchSync(tx, "partners", into);
    const all = Object.keys(filled).length > 0 ? await tx.select({ id: services.id }).from(services).where(eq(services.partnerId, into)) : movedServices;
    for (const service of all) await enqueueSearchSync(tx, "services", service.id);
    await enqueuePartnerPeopleSync(tx, into);
    return { ok: true, into: { id: survivor.id, slug: survivor.slug, name: survivor.name }, moved } as const;
  });
}

/** A likely duplicate the import reported, as a link to merge it: the partner from the file into the existing one. */
export type DuplicateMergeLink = { from: { slug: string; name: string }; into: { slug: string; name: string } };

const PARTNER_PATH = /^\/verzeichnis\/partner\/([^/]+)$/;
const textOf = (value: unknown) => (typeof value === "object" && value !== null && "values" in value ? (value as { values?: { text?: unknown } }).values?.text : value);

/**
 * Wraps the import report's translate function to note its likely-duplicate lines; `links` then
 * names, for each, the partner the file created (by its name, as the import wrote it) and the one it
 * duplicates. A dry run wrote nothing, so it has no links.
 */
export function collectDuplicateLinks(translate: Translate): { translate: Translate; links: (executor: Executor) => Promise<DuplicateMergeLink[]> } {
  const reported: { name: string; slug: string }[] = [];
  const collecting: Translate = (message) => {
    const values = message.values ?? {};
    const slug = typeof values.path === "string" ? PARTNER_PATH.exec(values.path)?.[1] : undefined;
    const name = textOf(values.name);
    if (message.key === "vocabularyImport.report.duplicate" && slug && typeof name === "string") reported.push({ name, slug });
    return translate(message);
  };
  const links = async (executor: Executor) => {
    const found: DuplicateMergeLink[] = [];
    for (const { name, slug } of reported) {
      const [into] = await executor
        .select({ slug: partners.slug, name: partners.name })
        .from(partners)
        .where(and(eq(partners.slug, slug), eq(partners.status, "active")));
      const [from] = await executor
        .select({ slug: partners.slug, name: partners.name })
        .from(partners)
        .where(and(eq(partners.name, name), ne(partners.slug, slug)))
        .orderBy(desc(partners.createdAt))
        .limit(1);
      if (into && from && !found.some((link) => link.from.slug === from.slug && link.into.slug === into.slug)) found.push({ from, into });
    }
    return found;
  };
  return { translate: collecting, links };
}
