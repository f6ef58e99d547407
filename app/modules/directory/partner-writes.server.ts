import { and, eq } from "drizzle-orm";
import { type z } from "zod";
import { db, type Executor } from "#db/client";
import { partnerMembers, partners, services, users } from "#db/schema";
import { enqueueSearchSync } from "#search/sync";
import { normaliseEmail } from "#app/modules/auth/users.server";
import type { PartnerFormSchema } from "./partner-schema";
import { enqueuePartnerPeopleSync } from "#app/modules/people/people-sync.server";
import { freeSlug } from "./slugs.server";
import { getPartnerTranslations, replacePartnerTranslations, unknownLanguages } from "./translations.server";

type PartnerForm = z.infer<typeof PartnerFormSchema>;

/** The partner's services and people ("Wer ist wer") must learn its new name too: one sync job each, in the same transaction. */
async function enqueuePartnerAndServices(executor: Executor, partnerId: string): Promise<void> {
  await enqueueSearchSync(executor, "partners", partnerId);
  for (const service of await executor.select({ id: services.id }).from(services).where(eq(services.partnerId, partnerId))) {
    await enqueueSearchSync(executor, "services", service.id);
  }
  await enqueuePartnerPeopleSync(executor, partnerId);
}

export async function getPartnerForEdit(slug: string) {
  const [partner] = await db.select().from(partners).where(eq(partners.slug, slug));
  if (!partner) return null;
  const editors = await db
    .select({ userId: users.id, displayName: users.displayName, email: users.email })
    .from(partnerMembers)
    .innerJoin(users, eq(users.id, partnerMembers.userId))
    .where(and(eq(partnerMembers.partnerId, partner.id), eq(partnerMembers.role, "editor")));
  return { partner, editors, translations: await getPartnerTranslations(partner.id) };
}

/** Whether the form's translations are in languages the directory has: a forged or outdated form is refused. */
export function partnerTranslationErrors(form: PartnerForm): Record<string, string[]> | null {
  return unknownLanguages(form.translations).length > 0 ? { translations: ["directory.validation.unknownChoice"] } : null;
}

/** Creates a partner (coordinators), its translations included, and returns its slug. */
export async function createPartner(form: PartnerForm, userId: string): Promise<string> {
  const { translations, ...values } = form;
  return db.transaction(async (tx) => {
    const slug = await freeSlug(tx, "partners", form.name);
    const [created] = await tx
      .insert(partners)
      .values({ ...values, slug, lastVerifiedAt: new Date(), lastVerifiedBy: userId })
      .returning({ id: partners.id });
    await replacePartnerTranslations(tx, created!.id, translations);
    await enqueueSearchSync(tx, "partners", created!.id);
    return slug;
  });
}

/** Updates a partner's profile and its translations; its services' documents learn its name. */
export async function updatePartner(partnerId: string, form: PartnerForm): Promise<void> {
  const { translations, ...values } = form;
  await db.transaction(async (tx) => {
    await tx
      .update(partners)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(partners.id, partnerId));
    await replacePartnerTranslations(tx, partnerId, translations);
    await enqueuePartnerAndServices(tx, partnerId);
  });
}

/** Archiving takes the partner and all its services out of the directory and the search; restoring brings them back. */
export async function setPartnerStatus(partnerId: string, status: "active" | "archived"): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(partners).set({ status, updatedAt: new Date() }).where(eq(partners.id, partnerId));
    await enqueuePartnerAndServices(tx, partnerId);
  });
}

export async function verifyPartner(partnerId: string, userId: string): Promise<void> {
  await db.update(partners).set({ lastVerifiedAt: new Date(), lastVerifiedBy: userId }).where(eq(partners.id, partnerId));
}

/** Makes the account with this address an editor of the partner; false when there is no such account. */
export async function addEditor(partnerId: string, email: string): Promise<boolean> {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  if (!user) return false;
  await db.insert(partnerMembers).values({ partnerId, userId: user.id, role: "editor" }).onConflictDoNothing();
  return true;
}

export async function removeEditor(partnerId: string, userId: string): Promise<void> {
  await db.delete(partnerMembers).where(and(eq(partnerMembers.partnerId, partnerId), eq(partnerMembers.userId, userId)));
}
