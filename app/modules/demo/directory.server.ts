import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { locations, openingExceptions, openingHours, partners, serviceLocations, serviceNextSteps, services, serviceTerms, taxonomyTerms } from "#db/schema";
import { demoPartners, type DemoPartner } from "./demo-directory";
import { taxonomySeed } from "#app/modules/directory/standard-taxonomy";

/** Loads the taxonomy and the demo partners; partners that exist already (by slug) are left as they are. */
export async function seedDirectory(db: Database, progress: (step: string) => void = () => {}): Promise<void> {
  progress(`taxonomy (${taxonomySeed.length} terms)`);
  for (const [position, term] of taxonomySeed.entries()) {
    await db
      .insert(taxonomyTerms)
      .values({ ...term, position })
      .onConflictDoUpdate({ target: [taxonomyTerms.kind, taxonomyTerms.slug], set: { labels: term.labels, position } });
  }
  const terms = await db.select({ id: taxonomyTerms.id, kind: taxonomyTerms.kind, slug: taxonomyTerms.slug }).from(taxonomyTerms);
  const termId = (kind: "category" | "target_group", slug: string) => terms.find((term) => term.kind === kind && term.slug === slug)!.id;

  const existing = new Set((await db.select({ slug: partners.slug }).from(partners)).map((row) => row.slug));
  const fresh = demoPartners.filter((partner) => !existing.has(partner.slug));
  for (const [index, partner] of fresh.entries()) {
    await db.transaction((tx) => insertPartner(tx as unknown as Database, partner, termId));
    if ((index + 1) % 10 === 0 || index === fresh.length - 1) progress(`partners ${index + 1}/${fresh.length}`);
  }

  // The support chain may point across partners: linked once every service exists.
  const slugs = demoPartners.flatMap((partner) => partner.services.map((service) => service.slug));
  const ids = new Map((await db.select({ id: services.id, slug: services.slug }).from(services).where(inArray(services.slug, slugs))).map((row) => [row.slug, row.id]));
  const links = demoPartners.flatMap((partner) =>
    partner.services.flatMap((service) =>
      (service.nextSteps ?? []).filter((next) => ids.has(next)).map((next) => ({ serviceId: ids.get(service.slug)!, nextServiceId: ids.get(next)! })),
    ),
  );
  if (links.length > 0) await db.insert(serviceNextSteps).values(links).onConflictDoNothing();
  progress(`support chain (${links.length} links)`);

  // One closed day ahead, so that the pages show how exceptions look.
  if (fresh.some((partner) => partner.slug === "vhs-auental")) {
    const [vhs] = await db.select({ id: locations.id }).from(locations).innerJoin(partners, eq(partners.id, locations.partnerId)).where(and(eq(partners.slug, "vhs-auental"), eq(locations.town, "Auenstadt")));
    if (vhs) await db.insert(openingExceptions).values({ locationId: vhs.id, day: sql`current_date + 10`, note: "Fortbildungstag des Teams" });
  }
}

async function insertPartner(tx: Database, partner: DemoPartner, termId: (kind: "category" | "target_group", slug: string) => string) {
  const verifiedAt = sql`now() - (random() * interval '400 days')`;
  const [row] = await tx
    .insert(partners)
    .values({
      slug: partner.slug,
      name: partner.name,
      shortName: partner.shortName,
      kind: partner.kind,
      description: partner.description,
      website: partner.website,
      email: partner.email,
      phone: partner.phone,
      lastVerifiedAt: verifiedAt,
    })
    .returning({ id: partners.id });
  const locationIds = new Map<string, string>();
  for (const location of partner.locations) {
    const [created] = await tx
      .insert(locations)
      .values({
        partnerId: row!.id,
        name: location.name,
        street: location.street,
        postalCode: location.postalCode,
        town: location.town,
        latitude: location.latitude,
        longitude: location.longitude,
        accessibilityNote: location.accessibility,
        wheelchairAccessible: location.wheelchairAccessible,
      })
      .returning({ id: locations.id });
    locationIds.set(location.key, created!.id);
    if (location.openingHours.length > 0) {
      await tx.insert(openingHours).values(location.openingHours.map((slot) => ({ locationId: created!.id, weekday: slot.day, opens: slot.opens, closes: slot.closes })));
    }
  }
  for (const service of partner.services) {
    const [created] = await tx
      .insert(services)
      .values({
        partnerId: row!.id,
        slug: service.slug,
        name: service.name,
        description: service.description,
        languages: service.languages,
        cost: service.cost,
        costNote: service.costNote,
        eligibility: service.eligibility,
        accessModes: service.accessModes,
        contactName: service.contactName,
        keywords: service.keywords ?? [],
        lastVerifiedAt: verifiedAt,
      })
      .returning({ id: services.id });
    const termIds = [...service.categories.map((slug) => termId("category", slug)), ...service.targetGroups.map((slug) => termId("target_group", slug))];
    await tx.insert(serviceTerms).values(termIds.map((id) => ({ serviceId: created!.id, termId: id })));
    const where = service.locationKeys.map((key) => locationIds.get(key)).filter((id): id is string => Boolean(id));
    if (where.length > 0) await tx.insert(serviceLocations).values(where.map((locationId) => ({ serviceId: created!.id, locationId })));
  }
}
