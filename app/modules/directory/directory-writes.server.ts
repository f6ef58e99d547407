import { and, eq, inArray, or, sql } from "drizzle-orm";
import { db } from "#db/client";
import { locations, partners, serviceLocations, serviceNextSteps, services, serviceTerms, taxonomyTerms } from "#db/schema";
import { activeTerm } from "#app/modules/taxonomy/active-term.server";
import { listedService } from "#search/indexes/services";
import { enqueueSearchSync } from "#search/sync";
import { getContactCandidates } from "#app/modules/people/people.server";
import { notFound } from "#app/utils/http";
import type { ServiceForm } from "./service-schema";
import { freeSlug } from "./slugs.server";
import { getServiceTranslations, replaceServiceTranslations, unknownLanguages } from "./translations.server";

/** The service as its edit form needs it, with the choices the form offers. */
export async function getServiceForEdit(slug: string) {
  const [service] = await db.select().from(services).where(eq(services.slug, slug));
  if (!service) return null;
  const [terms, placed, next, choices, translations] = await Promise.all([
    db
      .select({ id: taxonomyTerms.id, kind: taxonomyTerms.kind, slug: taxonomyTerms.slug })
      .from(serviceTerms)
      .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTerms.termId))
      .where(eq(serviceTerms.serviceId, service.id)),
    db.select({ id: serviceLocations.locationId }).from(serviceLocations).where(eq(serviceLocations.serviceId, service.id)),
    db.select({ id: serviceNextSteps.nextServiceId }).from(serviceNextSteps).where(eq(serviceNextSteps.serviceId, service.id)),
    getServiceChoices(service.partnerId),
    getServiceTranslations(service.id),
  ]);
  return {
    service,
    values: {
      name: service.name,
      description: service.description,
      categories: terms.filter((term) => term.kind === "category").map((term) => term.slug),
      targetGroups: terms.filter((term) => term.kind === "target_group").map((term) => term.slug),
      languages: service.languages.join(", "),
      cost: service.cost,
      costNote: service.costNote ?? "",
      eligibility: service.eligibility ?? "",
      howToAccess: service.howToAccess ?? "",
      accessModes: service.accessModes,
      contactName: service.contactName ?? "",
      contactUserId: service.contactUserId ?? "",
      locationIds: placed.map((row) => row.id),
      nextSteps: next.map((row) => row.id),
      keywords: service.keywords.join(", "),
      status: service.status,
    },
    /** By language; apart from `values`, whose fields are all plain. */
    translations,
    choices: { ...choices, services: choices.services.filter((candidate) => candidate.id !== service.id) },
  };
}

/** What a service form offers to choose from: the taxonomy, the partner's own locations and people. */
export async function getServiceChoices(partnerId: string) {
  const [partnerLocations, taxonomy, chain, people] = await Promise.all([
    db.select({ id: locations.id, name: locations.name, street: locations.street, town: locations.town }).from(locations).where(eq(locations.partnerId, partnerId)),
    db.select({ kind: taxonomyTerms.kind, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels }).from(taxonomyTerms).where(activeTerm).orderBy(taxonomyTerms.position),
    // Any active service of the network can follow: the support chain crosses partners.
    db.select({ id: services.id, name: services.name, partnerName: partners.name }).from(services).innerJoin(partners, eq(partners.id, services.partnerId)).where(listedService).orderBy(services.name),
    // The contact person: someone who names this partner in their profile.
    getContactCandidates(db, partnerId),
  ]);
  return { locations: partnerLocations, taxonomy, services: chain, people };
}

export type ServiceFieldErrors = Partial<Record<"categories" | "targetGroups" | "locationIds" | "nextSteps" | "contactUserId" | "translations", string[]>>;
export type SaveServiceResult = { ok: true; slug: string } | { ok: false; errors: ServiceFieldErrors };

/**
 * Creates (no `serviceId`) or updates a service in one transaction, its translations included,
 * together with the search sync jobs for it and its partner: the write never waits for Meilisearch and never fails because of it.
 * Choices that are not in the database (taxonomy, the partner's own locations) come back as field
 * errors, and then nothing is written.
 */
export async function saveService(target: { serviceId?: string; partnerId: string }, form: ServiceForm): Promise<SaveServiceResult> {
  return db.transaction(async (tx) => {
    const { partnerId } = target;
    const slugs = [...form.categories, ...form.targetGroups];
    // A retired term is offered nowhere: only a service that carries it already may keep it.
    const offered = target.serviceId
      ? or(activeTerm, sql`exists (select 1 from ${serviceTerms} where ${serviceTerms.serviceId} = ${target.serviceId} and ${serviceTerms.termId} = ${taxonomyTerms.id})`)
      : activeTerm;
    const terms = slugs.length
      ? await tx
          .select({ id: taxonomyTerms.id, kind: taxonomyTerms.kind, slug: taxonomyTerms.slug })
          .from(taxonomyTerms)
          .where(and(inArray(taxonomyTerms.slug, slugs), offered))
      : [];
    const known = (kind: "category" | "target_group", slug: string) => terms.some((term) => term.kind === kind && term.slug === slug);
    const own = form.locationIds.length
      ? await tx
          .select({ id: locations.id })
          .from(locations)
          .where(and(inArray(locations.id, form.locationIds), eq(locations.partnerId, partnerId)))
      : [];
    const chain = form.nextSteps.length
      ? await tx
          .select({ id: services.id })
          .from(services)
          .innerJoin(partners, eq(partners.id, services.partnerId))
          .where(and(inArray(services.id, form.nextSteps), listedService))
      : [];
    const contact = form.contactUserId ? (await getContactCandidates(tx, partnerId)).find((person) => person.id === form.contactUserId) : null;
    const errors: ServiceFieldErrors = {};
    if (form.contactUserId && !contact) errors.contactUserId = ["people.validation.contactPerson"];
    if (chain.length !== new Set(form.nextSteps).size || (target.serviceId && form.nextSteps.includes(target.serviceId))) errors.nextSteps = ["directory.validation.unknownChoice"];
    if (!form.categories.every((slug) => known("category", slug))) errors.categories = ["directory.validation.unknownChoice"];
    if (!form.targetGroups.every((slug) => known("target_group", slug))) errors.targetGroups = ["directory.validation.unknownChoice"];
    if (own.length !== form.locationIds.length) errors.locationIds = ["directory.validation.unknownChoice"];
    if (unknownLanguages(form.translations).length > 0) errors.translations = ["directory.validation.unknownChoice"];
    if (Object.keys(errors).length > 0) return { ok: false, errors };

    const values = {
      name: form.name,
      description: form.description,
      languages: form.languages,
      cost: form.cost,
      costNote: form.costNote,
      eligibility: form.eligibility,
      howToAccess: form.howToAccess,
      accessModes: form.accessModes,
      contactName: form.contactName,
      contactUserId: contact?.id ?? null,
      keywords: form.keywords
        ? form.keywords
            .split(",")
            .map((keyword) => keyword.trim())
            .filter(Boolean)
        : [],
      status: form.status,
      updatedAt: new Date(),
    };
    const [saved] = target.serviceId
      ? await tx
          .update(services)
          .set(values)
          .where(and(eq(services.id, target.serviceId), eq(services.partnerId, partnerId)))
          .returning({ id: services.id, slug: services.slug })
      : await tx
          .insert(services)
          .values({ ...values, partnerId, slug: await freeSlug(tx, "services", form.name) })
          .returning({ id: services.id, slug: services.slug });
    if (!saved) throw notFound();
    await tx.delete(serviceTerms).where(eq(serviceTerms.serviceId, saved.id));
    const termIds = terms.filter((term) => (term.kind === "category" ? form.categories : form.targetGroups).includes(term.slug)).map((term) => term.id);
    if (termIds.length) await tx.insert(serviceTerms).values(termIds.map((termId) => ({ serviceId: saved.id, termId })));
    await tx.delete(serviceLocations).where(eq(serviceLocations.serviceId, saved.id));
    if (own.length) await tx.insert(serviceLocations).values(own.map((location) => ({ serviceId: saved.id, locationId: location.id })));
    await tx.delete(serviceNextSteps).where(eq(serviceNextSteps.serviceId, saved.id));
    if (chain.length) await tx.insert(serviceNextSteps).values(chain.map((next) => ({ serviceId: saved.id, nextServiceId: next.id })));
    await replaceServiceTranslations(tx, saved.id, form.translations);
    await enqueueSearchSync(tx, "services", saved.id);
    await enqueueSearchSync(tx, "partners", partnerId);
    return { ok: true, slug: saved.slug };
  });
}

/** Records that a coordinator checked the service's data today. */
export async function verifyService(serviceId: string, userId: string): Promise<void> {
  await db.update(services).set({ lastVerifiedAt: new Date(), lastVerifiedBy: userId }).where(eq(services.id, serviceId));
}
