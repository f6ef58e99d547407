import { createHash } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "#db/client";
import {
  locations,
  partners,
  partnerTranslations,
  serviceLocations,
  serviceNextSteps,
  services,
  serviceTerms,
  serviceTranslations,
  taxonomyTerms,
  type AccessMode,
  type CostKind,
  type PartnerKind,
  type TaxonomyKind,
} from "#db/schema";
import { listedService } from "#search/indexes/services";
import { getEnv } from "#app/utils/env.server";
import { getFixedT } from "#app/utils/i18n.server";
import { getWeeklyHours } from "./directory.server";
import { HSDS_EXTENSION, type LocationExtension, type OrganizationExtension, type ServiceExtension, type ServiceTranslationsExtension } from "./import/hsds-extension.server";

// Open Referral HSDS 3.0 export of the directory (/api/v1/hsds/…). Only active services of active
// partners leave the house. NOTE: optional HSDS fields we have no value for are set to `undefined`,
// which JSON.stringify drops: the schema allows a missing field but not `null`. What HSDS has no
// field for (slugs, keywords, access modes, support chain, wheelchair flag) goes into our extension
// objects (import/hsds-extension.server.ts), so that our own export imports without loss. So do the
// texts in other languages (docs/decisions/075-directory-translations.md): HSDS has no field for them.

export const HSDS_PER_PAGE_DEFAULT = 50;
export const HSDS_PER_PAGE_MAX = 200;

// Texts, names and term labels of the directory are German.
const EXPORT_LANGUAGE = "de";
const COUNTRY = "DE";

const TAXONOMIES: Record<TaxonomyKind, { name: string; description: string; linkType: string }> = {
  category: { name: "kurze-wege-themenfelder", description: "Themenfelder der Angebote im Integrationsnetzwerk", linkType: "category" },
  // HSDS names "the intended audience" as something an attribute describes.
  target_group: { name: "kurze-wege-zielgruppen", description: "Zielgruppen der Angebote im Integrationsnetzwerk", linkType: "audience" },
};

// The kind of a partner, as an attribute of the organization (the import reads it from there).
const PARTNER_KINDS = { name: "kurze-wege-partnerarten", description: "Arten der Netzwerkpartner im Integrationsnetzwerk", linkType: "organization_type", termPrefix: "Partnerart" };

const ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

// HSDS wants a uuid on every nested record, also on those we keep as a column or a link (an
// address, a language, a service at a location). Name-based uuids (RFC 9562 version 5) in our own
// namespace keep those ids the same from one export to the next, so consumers that re-import
// update instead of duplicating.
const ID_NAMESPACE = Buffer.from("e543a21f6c8f4dc9bb4f525aa6a13c8f", "hex");

function derivedId(...parts: string[]): string {
  const hash = createHash("sha1").update(ID_NAMESPACE).update(parts.join(":")).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });

function languageName(code: string): string {
  // Imported rows may carry a code that is no well-formed language tag: it then names itself.
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

// Imported partners may carry a website or e-mail address that is none; the schema would reject
// the whole service for it, so such a value is left out.
function webAddress(value: string | null): string | undefined {
  return value && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) ? value : undefined;
}

function mailAddress(value: string | null): string | undefined {
  return value && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : undefined;
}

/** The German words of the export, from the same catalogue as the pages. */
function exportWording() {
  const t = getFixedT(EXPORT_LANGUAGE);
  return {
    cost: { free: t("directory.free"), fee: t("directory.fee"), unknown: null } satisfies Record<CostKind, string | null>,
    wheelchair: t("directory.wheelchair"),
    access: (mode: AccessMode) => t(`directory.access.${mode}`),
    kind: { category: t("directory.facets.kategorie"), target_group: t("directory.facets.zielgruppe") } satisfies Record<TaxonomyKind, string>,
    partnerKind: (kind: PartnerKind) => t(`directory.kinds.${kind}`),
  };
}
type Wording = ReturnType<typeof exportWording>;

// ─── queries ─────────────────────────────────────────────────────────────────────────────────────

// What the export shows is what search lists: active services of active partners.
const isExported = listedService;

const summaryColumns = {
  id: services.id,
  partnerId: services.partnerId,
  slug: services.slug,
  name: services.name,
  description: services.description,
  cost: services.cost,
  costNote: services.costNote,
  eligibility: services.eligibility,
  howToAccess: services.howToAccess,
  accessModes: services.accessModes,
  keywords: services.keywords,
  lastVerifiedAt: services.lastVerifiedAt,
  updatedAt: services.updatedAt,
  partner: {
    slug: partners.slug,
    name: partners.name,
    shortName: partners.shortName,
    kind: partners.kind,
    description: partners.description,
    email: partners.email,
    website: partners.website,
    updatedAt: partners.updatedAt,
  },
};

function selectSummaries() {
  return db.select(summaryColumns).from(services).innerJoin(partners, eq(partners.id, services.partnerId));
}
type SummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];

function selectDetails() {
  return db
    .select({ ...summaryColumns, languages: services.languages, contactName: services.contactName, partner: { ...summaryColumns.partner, phone: partners.phone } })
    .from(services)
    .innerJoin(partners, eq(partners.id, services.partnerId));
}
type DetailRow = Awaited<ReturnType<typeof selectDetails>>[number];

function termsOf(serviceId: string) {
  return db
    .select({ id: taxonomyTerms.id, kind: taxonomyTerms.kind, slug: taxonomyTerms.slug, labels: taxonomyTerms.labels })
    .from(serviceTerms)
    .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTerms.termId))
    .where(eq(serviceTerms.serviceId, serviceId))
    .orderBy(asc(taxonomyTerms.kind), asc(taxonomyTerms.position));
}
type TermRow = Awaited<ReturnType<typeof termsOf>>[number];

function locationsOf(serviceId: string) {
  return db
    .select({
      id: locations.id,
      partnerId: locations.partnerId,
      name: locations.name,
      street: locations.street,
      postalCode: locations.postalCode,
      town: locations.town,
      latitude: locations.latitude,
      longitude: locations.longitude,
      accessibilityNote: locations.accessibilityNote,
      wheelchairAccessible: locations.wheelchairAccessible,
    })
    .from(serviceLocations)
    .innerJoin(locations, eq(locations.id, serviceLocations.locationId))
    .where(eq(serviceLocations.serviceId, serviceId))
    .orderBy(asc(locations.town), asc(locations.id));
}
type LocationRow = Awaited<ReturnType<typeof locationsOf>>[number];

/** The support chain, as far as it is exported: a next step that is archived is not in the export. */
async function nextStepsOf(serviceId: string): Promise<string[]> {
  const rows = await db
    .select({ id: services.id })
    .from(serviceNextSteps)
    .innerJoin(services, eq(services.id, serviceNextSteps.nextServiceId))
    .innerJoin(partners, eq(partners.id, services.partnerId))
    .where(and(eq(serviceNextSteps.serviceId, serviceId), isExported))
    .orderBy(asc(services.name), asc(services.id));
  return rows.map((row) => row.id);
}

type Translations = { services: Map<string, ServiceTranslationsExtension>; partners: Map<string, OrganizationExtension["translations"]> };

/** The translations of these services and partners, with HSDS's field names; a text not translated is left out. */
async function translationsOf(serviceIds: string[], partnerIds: string[]): Promise<Translations> {
  const [serviceRows, partnerRows] = await Promise.all([
    serviceIds.length ? db.select().from(serviceTranslations).where(inArray(serviceTranslations.serviceId, serviceIds)).orderBy(asc(serviceTranslations.lang)) : [],
    partnerIds.length ? db.select().from(partnerTranslations).where(inArray(partnerTranslations.partnerId, partnerIds)).orderBy(asc(partnerTranslations.lang)) : [],
  ]);
  const result: Translations = { services: new Map(), partners: new Map() };
  for (const row of serviceRows) {
    const texts = { name: row.name ?? undefined, description: row.description ?? undefined, eligibility_description: row.eligibility ?? undefined, application_process: row.howToAccess ?? undefined };
    result.services.set(row.serviceId, { ...result.services.get(row.serviceId), [row.lang]: texts });
  }
  for (const row of partnerRows) result.partners.set(row.partnerId, { ...result.partners.get(row.partnerId), [row.lang]: { description: row.description } });
  return result;
}

type Slot = { weekday: number; opens: string; closes: string };

// ─── mapping ─────────────────────────────────────────────────────────────────────────────────────

function lastModified(row: SummaryRow): string {
  // The service document embeds its organization: a change to either changes the document.
  return new Date(Math.max(row.updatedAt.getTime(), row.partner.updatedAt.getTime())).toISOString();
}

function toOrganization(row: SummaryRow, translations: Translations) {
  return {
    id: row.partnerId,
    name: row.partner.name,
    alternate_name: row.partner.shortName ?? undefined,
    description: row.partner.description,
    email: mailAddress(row.partner.email),
    website: webAddress(row.partner.website),
    [HSDS_EXTENSION]: { slug: row.partner.slug, translations: translations.partners.get(row.partnerId) ?? {} } satisfies OrganizationExtension,
  };
}

function toPartnerKindAttribute(row: SummaryRow, wording: Wording) {
  const { kind } = row.partner;
  const taxonomyId = derivedId("taxonomy", PARTNER_KINDS.name);
  const termId = derivedId("partner_kind", kind);
  const name = wording.partnerKind(kind);
  return {
    id: derivedId("attribute", row.partnerId, termId),
    link_id: row.partnerId,
    link_type: PARTNER_KINDS.linkType,
    link_entity: "organization",
    taxonomy_term_id: termId,
    taxonomy_term: {
      id: termId,
      code: kind,
      name,
      description: `${PARTNER_KINDS.termPrefix}: ${name}`,
      taxonomy: PARTNER_KINDS.name,
      taxonomy_id: taxonomyId,
      taxonomy_detail: { id: taxonomyId, name: PARTNER_KINDS.name, description: PARTNER_KINDS.description },
      language: EXPORT_LANGUAGE,
    },
  };
}

function serviceExtension(row: SummaryRow, translations: Translations): ServiceExtension {
  return { slug: row.slug, keywords: row.keywords, access_modes: row.accessModes, how_to_access: row.howToAccess, translations: translations.services.get(row.id) ?? {} };
}

/** The one-to-one fields of a service: what the HSDS list carries. */
function toServiceSummary(row: SummaryRow, wording: Wording, translations: Translations) {
  return {
    id: row.id,
    organization_id: row.partnerId,
    name: row.name,
    description: row.description,
    url: `${getEnv().APP_URL}/verzeichnis/angebote/${encodeURIComponent(row.slug)}`,
    // The service page offers the partner's address as the way to reach the service.
    email: mailAddress(row.partner.email),
    status: "active" as const,
    // The steps to the service; without them, how it is reached (the extension says which it is).
    application_process: row.howToAccess ?? (row.accessModes.length > 0 ? row.accessModes.map(wording.access).join(", ") : undefined),
    fees_description: row.costNote ?? wording.cost[row.cost] ?? undefined,
    eligibility_description: row.eligibility ?? undefined,
    assured_date: row.lastVerifiedAt?.toISOString().slice(0, 10),
    last_modified: lastModified(row),
    organization: toOrganization(row, translations),
    [HSDS_EXTENSION]: serviceExtension(row, translations),
  };
}

function toCostOptions(row: SummaryRow, wording: Wording) {
  // "Keine Angabe" is no cost option (a note, if any, stays in fees_description): an option without an
  // amount would read as "fee" on re-import.
  if (row.cost === "unknown") return [];
  const option = { id: derivedId("cost_option", row.id), service_id: row.id, option: wording.cost[row.cost], amount_description: row.costNote ?? undefined };
  // We know that a service is free, not what it costs otherwise.
  return [row.cost === "free" ? { ...option, amount: 0, currency: "EUR" } : option];
}

function toTaxonomyTerm(term: TermRow) {
  const taxonomy = TAXONOMIES[term.kind];
  const taxonomyId = derivedId("taxonomy", taxonomy.name);
  const name = term.labels[EXPORT_LANGUAGE] ?? term.slug;
  return {
    id: term.id,
    code: term.slug,
    name,
    taxonomy: taxonomy.name,
    taxonomy_id: taxonomyId,
    taxonomy_detail: { id: taxonomyId, name: taxonomy.name, description: taxonomy.description },
    language: EXPORT_LANGUAGE,
  };
}

function toAttribute(serviceId: string, term: TermRow, wording: Wording) {
  const taxonomyTerm = toTaxonomyTerm(term);
  return {
    id: derivedId("attribute", serviceId, term.id),
    link_id: serviceId,
    link_type: TAXONOMIES[term.kind].linkType,
    link_entity: "service",
    taxonomy_term_id: term.id,
    // Our terms have labels only; the description HSDS requires says which list a term is from.
    taxonomy_term: { ...taxonomyTerm, description: `${wording.kind[term.kind]}: ${taxonomyTerm.name}` },
  };
}

/** Weekly hours as RRULE-style schedules: one per time span, with all its weekdays (Mo–Fr 9–12 is one). */
function toSchedules(locationId: string, slots: Slot[]) {
  const spans = new Map<string, Slot[]>();
  for (const slot of slots) spans.set(`${slot.opens}-${slot.closes}`, [...(spans.get(`${slot.opens}-${slot.closes}`) ?? []), slot]);
  return [...spans.values()].map((span) => {
    const opensAt = span[0]!.opens.slice(0, 5);
    const closesAt = span[0]!.closes.slice(0, 5);
    return {
      id: derivedId("schedule", locationId, opensAt, closesAt),
      location_id: locationId,
      freq: "WEEKLY" as const,
      wkst: "MO" as const,
      byday: [...new Set(span.map((slot) => ICAL_DAYS[slot.weekday - 1]))].join(","),
      opens_at: opensAt,
      closes_at: closesAt,
    };
  });
}

function toAccessibility(place: LocationRow, wording: Wording) {
  // Our flag defaults to false, so false says "not stated" rather than "not accessible".
  if (!place.accessibilityNote && !place.wheelchairAccessible) return [];
  return [
    {
      id: derivedId("accessibility", place.id),
      location_id: place.id,
      description: place.accessibilityNote ?? wording.wheelchair,
      details: place.wheelchairAccessible && place.accessibilityNote ? wording.wheelchair : undefined,
    },
  ];
}

function toLocation(place: LocationRow, slots: Slot[], wording: Wording) {
  return {
    id: place.id,
    location_type: "physical" as const,
    organization_id: place.partnerId,
    name: place.name ?? undefined,
    latitude: place.latitude ?? undefined,
    longitude: place.longitude ?? undefined,
    addresses: [
      {
        id: derivedId("address", place.id),
        location_id: place.id,
        address_1: place.street,
        city: place.town,
        // Required by HSDS, but we keep no Land for an address: present and empty.
        state_province: "",
        postal_code: place.postalCode,
        country: COUNTRY,
        address_type: "physical" as const,
      },
    ],
    accessibility: toAccessibility(place, wording),
    schedules: toSchedules(place.id, slots),
    [HSDS_EXTENSION]: { wheelchair_accessible: place.wheelchairAccessible } satisfies LocationExtension,
  };
}

function toServiceAtLocation(serviceId: string, place: LocationRow, slots: Slot[], wording: Wording) {
  return { id: derivedId("service_at_location", serviceId, place.id), service_id: serviceId, location_id: place.id, location: toLocation(place, slots, wording) };
}

function toFullService(row: DetailRow, terms: TermRow[], places: LocationRow[], hours: Map<string, Slot[]>, nextSteps: string[], wording: Wording, translations: Translations) {
  return {
    ...toServiceSummary(row, wording, translations),
    organization: { ...toOrganization(row, translations), attributes: [toPartnerKindAttribute(row, wording)] },
    phones: row.partner.phone ? [{ id: derivedId("phone", row.partnerId), organization_id: row.partnerId, number: row.partner.phone, type: "voice" }] : [],
    contacts: row.contactName ? [{ id: derivedId("contact", row.id), service_id: row.id, name: row.contactName }] : [],
    languages: row.languages.map((code) => ({ id: derivedId("language", row.id, code), service_id: row.id, code, name: languageName(code) })),
    cost_options: toCostOptions(row, wording),
    service_at_locations: places.map((place) => toServiceAtLocation(row.id, place, hours.get(place.id) ?? [], wording)),
    attributes: terms.map((term) => toAttribute(row.id, term, wording)),
    [HSDS_EXTENSION]: { ...serviceExtension(row, translations), next_steps: nextSteps } satisfies ServiceExtension,
  };
}

// ─── exports ─────────────────────────────────────────────────────────────────────────────────────

/** One page of the HSDS service list (one-to-one fields and the organization), in HSDS's page envelope. */
export async function listHsdsServices(page: number, perPage: number) {
  const [[counted], rows] = await Promise.all([
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(services)
      .innerJoin(partners, eq(partners.id, services.partnerId))
      .where(isExported),
    selectSummaries()
      .where(isExported)
      .orderBy(asc(services.name), asc(services.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
  ]);
  const total = counted?.total ?? 0;
  const totalPages = Math.ceil(total / perPage);
  const wording = exportWording();
  const translations = await translationsOf(
    rows.map((row) => row.id),
    [...new Set(rows.map((row) => row.partnerId))],
  );
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: rows.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: rows.length === 0,
    contents: rows.map((row) => toServiceSummary(row, wording, translations)),
  };
}

/** A fully nested HSDS service, or null when missing, archived or of an archived partner. */
export async function getHsdsService(id: string) {
  const [row] = await selectDetails().where(and(eq(services.id, id), isExported));
  if (!row) return null;
  const [terms, places, nextSteps, translations] = await Promise.all([termsOf(id), locationsOf(id), nextStepsOf(id), translationsOf([id], [row.partnerId])]);
  const hours = await getWeeklyHours(places.map((place) => place.id));
  return toFullService(row, terms, places, hours, nextSteps, exportWording(), translations);
}
