import { and, asc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import { db } from "#db/client";
import { groupBy } from "#db/collections";
import { locations, openingExceptions, openingHours, partners, partnerTranslations, serviceLocations, serviceNextSteps, services, serviceTerms, serviceTranslations, taxonomyTerms } from "#db/schema";
import { listedService } from "#search/indexes/services";
import { berlinToday, openLocationIds } from "./open-now.server";
import { termLabel } from "./term-label";
import { shownOptionalText, shownText } from "./translations.server";

type Hours = { weekday: number; opens: string; closes: string }[];

/** Weekly opening hours ("HH:MM") of several locations in one query, by location. */
export async function getWeeklyHours(locationIds: string[]): Promise<Map<string, Hours>> {
  if (locationIds.length === 0) return new Map();
  const rows = await db
    .select({ locationId: openingHours.locationId, weekday: openingHours.weekday, opens: openingHours.opens, closes: openingHours.closes })
    .from(openingHours)
    .where(inArray(openingHours.locationId, locationIds))
    .orderBy(asc(openingHours.weekday), asc(openingHours.opens));
  return groupBy(
    rows,
    (row) => row.locationId,
    (row) => ({ weekday: row.weekday, opens: row.opens.slice(0, 5), closes: row.closes.slice(0, 5) }),
  );
}

type Exception = { day: string; opens: string | null; closes: string | null; note: string | null };

/** The days of the next four weeks that differ from the week (holidays, other hours). */
async function upcomingExceptions(locationIds: string[]): Promise<Map<string, Exception[]>> {
  if (locationIds.length === 0) return new Map();
  const rows = await db
    .select({ locationId: openingExceptions.locationId, day: openingExceptions.day, opens: openingExceptions.opens, closes: openingExceptions.closes, note: openingExceptions.note })
    .from(openingExceptions)
    .where(and(inArray(openingExceptions.locationId, locationIds), gte(openingExceptions.day, berlinToday), lt(openingExceptions.day, sql`${berlinToday} + 28`)))
    .orderBy(asc(openingExceptions.day));
  return groupBy(
    rows,
    (row) => row.locationId,
    ({ locationId: _locationId, ...exception }) => ({ ...exception, opens: exception.opens?.slice(0, 5) ?? null, closes: exception.closes?.slice(0, 5) ?? null }),
  );
}

async function withHours<T extends { id: string }>(places: T[]) {
  const ids = places.map((place) => place.id);
  const [hours, exceptions, open] = await Promise.all([getWeeklyHours(ids), upcomingExceptions(ids), openLocationIds(ids)]);
  return places.map((place) => ({ ...place, hours: hours.get(place.id) ?? [], exceptions: exceptions.get(place.id) ?? [], openNow: open.includes(place.id) }));
}

const locationColumns = {
  id: locations.id,
  name: locations.name,
  street: locations.street,
  postalCode: locations.postalCode,
  town: locations.town,
  accessibilityNote: locations.accessibilityNote,
  wheelchairAccessible: locations.wheelchairAccessible,
};

const serviceCard = { slug: services.slug, name: services.name, translatedName: serviceTranslations.name, partnerName: partners.name };

/** The join of a service's translation into the page's language (none for German: no row has it). */
const translationIn = (lang: string) => and(eq(serviceTranslations.serviceId, services.id), eq(serviceTranslations.lang, lang));

/** A listed service's name in the page's language where it has one. */
function toCard(lang: string) {
  return ({ translatedName, ...card }: { slug: string; name: string; translatedName: string | null; partnerName: string }) => ({ ...card, name: shownText(card.name, translatedName, lang) });
}

/**
 * A partner with its locations (and their hours) and active services, or null when missing or
 * archived. Its description and its services' names and descriptions are in the page's language
 * where a translation exists, else German (each text says which).
 */
export async function getPartnerBySlug(slug: string, lang = "de") {
  const [partner] = await db
    .select({
      id: partners.id,
      name: partners.name,
      shortName: partners.shortName,
      kind: partners.kind,
      description: partners.description,
      website: partners.website,
      email: partners.email,
      phone: partners.phone,
      lastVerifiedAt: partners.lastVerifiedAt,
      translatedDescription: partnerTranslations.description,
    })
    .from(partners)
    .leftJoin(partnerTranslations, and(eq(partnerTranslations.partnerId, partners.id), eq(partnerTranslations.lang, lang)))
    .where(and(eq(partners.slug, slug), eq(partners.status, "active")));
  if (!partner) return null;
  const [places, offered] = await Promise.all([
    db.select(locationColumns).from(locations).where(eq(locations.partnerId, partner.id)).orderBy(asc(locations.town)),
    db
      .select({ slug: services.slug, name: services.name, description: services.description, translatedName: serviceTranslations.name, translatedDescription: serviceTranslations.description })
      .from(services)
      .leftJoin(serviceTranslations, translationIn(lang))
      .where(and(eq(services.partnerId, partner.id), eq(services.status, "active")))
      .orderBy(asc(services.name)),
  ]);
  const { translatedDescription, ...shown } = partner;
  return {
    ...shown,
    description: shownText(partner.description, translatedDescription, lang),
    locations: await withHours(places),
    services: offered.map((service) => ({
      slug: service.slug,
      name: shownText(service.name, service.translatedName, lang),
      description: shownText(service.description, service.translatedDescription, lang),
    })),
  };
}

/**
 * A service with everything its page shows, or null when missing, ended or its partner archived. A
 * draft (imported with terms not yet settled) is shown only to those who settle its terms:
 * `withDrafts` for coordinators. Its texts (and the names of its support chain) are in the page's
 * language where a translation exists, else German: each says which.
 */
export async function getServiceBySlug(slug: string, lang: string, { withDrafts = false } = {}) {
  const [row] = await db
    .select({
      id: services.id,
      partnerId: services.partnerId,
      name: services.name,
      description: services.description,
      languages: services.languages,
      cost: services.cost,
      costNote: services.costNote,
      eligibility: services.eligibility,
      howToAccess: services.howToAccess,
      accessModes: services.accessModes,
      contactName: services.contactName,
      lastVerifiedAt: services.lastVerifiedAt,
      draft: sql<boolean>`${services.status} = 'draft'`,
      partner: { slug: partners.slug, name: partners.name, email: partners.email, phone: partners.phone, website: partners.website },
      // NOTE: flat, not a nested object: drizzle makes a left-joined nested object null when its first column is.
      translatedName: serviceTranslations.name,
      translatedDescription: serviceTranslations.description,
      translatedEligibility: serviceTranslations.eligibility,
      translatedHowToAccess: serviceTranslations.howToAccess,
    })
    .from(services)
    .innerJoin(partners, eq(partners.id, services.partnerId))
    .leftJoin(serviceTranslations, translationIn(lang))
    .where(and(eq(services.slug, slug), withDrafts ? or(listedService, and(eq(services.status, "draft"), eq(partners.status, "active"))) : listedService));
  if (!row) return null;
  const [terms, places, next, previous] = await Promise.all([
    db
      .select({ kind: taxonomyTerms.kind, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels })
      .from(serviceTerms)
      .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTerms.termId))
      .where(eq(serviceTerms.serviceId, row.id))
      .orderBy(asc(taxonomyTerms.position)),
    db.select(locationColumns).from(serviceLocations).innerJoin(locations, eq(locations.id, serviceLocations.locationId)).where(eq(serviceLocations.serviceId, row.id)),
    db
      .select(serviceCard)
      .from(serviceNextSteps)
      .innerJoin(services, eq(services.id, serviceNextSteps.nextServiceId))
      .innerJoin(partners, eq(partners.id, services.partnerId))
      .leftJoin(serviceTranslations, translationIn(lang))
      .where(and(eq(serviceNextSteps.serviceId, row.id), listedService)),
    db
      .select(serviceCard)
      .from(serviceNextSteps)
      .innerJoin(services, eq(services.id, serviceNextSteps.serviceId))
      .innerJoin(partners, eq(partners.id, services.partnerId))
      .leftJoin(serviceTranslations, translationIn(lang))
      .where(and(eq(serviceNextSteps.nextServiceId, row.id), listedService)),
  ]);
  const { id: _id, translatedName, translatedDescription, translatedEligibility, translatedHowToAccess, ...shown } = row;
  return {
    ...shown,
    name: shownText(row.name, translatedName, lang),
    description: shownText(row.description, translatedDescription, lang),
    eligibility: shownOptionalText(row.eligibility, translatedEligibility, lang),
    howToAccess: shownOptionalText(row.howToAccess, translatedHowToAccess, lang),
    // A label missing in the page's language is the German one, and says so.
    categories: terms.filter((term) => term.kind === "category").map((term) => ({ slug: term.slug, text: termLabel(term.labels, lang, ""), lang: term.labels[lang] ? lang : "de" })),
    targetGroups: terms.filter((term) => term.kind === "target_group").map((term) => ({ slug: term.slug, text: termLabel(term.labels, lang, ""), lang: term.labels[lang] ? lang : "de" })),
    locations: await withHours(places),
    nextSteps: next.map(toCard(lang)),
    previousSteps: previous.map(toCard(lang)),
  };
}

/** The id of an active service, for actions on its page. */
export async function getActiveServiceId(slug: string): Promise<string | null> {
  const [row] = await db
    .select({ id: services.id })
    .from(services)
    .innerJoin(partners, eq(partners.id, services.partnerId))
    .where(and(eq(services.slug, slug), listedService));
  return row?.id ?? null;
}

/** Of these service ids, the ones PostgreSQL still shows (active, partner active): a lagging index never shows more. */
export async function activeServiceIds(ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: services.id })
    .from(services)
    .innerJoin(partners, eq(partners.id, services.partnerId))
    .where(and(inArray(services.id, ids), listedService));
  return new Set(rows.map((row) => row.id));
}
