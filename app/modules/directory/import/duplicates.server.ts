import { inArray } from "drizzle-orm";
import type { Executor } from "#db/client";
import { locations, partnerAliases, partners } from "#db/schema";
import type { LocationInput, PartnerInput, RecordResult } from "./import-schema.server";

// Likely duplicates of existing partners (docs/decisions/056-foreign-vocabularies-on-import.md): an
// imported organisation that is not the same record (external id) but has the same name, e-mail
// address or website, or a like name at the same address. Reported, never merged on its own.

export type DuplicateReason = "name" | "email" | "website" | "address";
export type LikelyDuplicate = { record: number; name: string; partner: { id: string; slug: string; name: string }; reasons: DuplicateReason[] };

const LEGAL_FORMS = /\b(e\s?\.?\s?v|ev|ggmbh|gmbh|eg|ag|kg|ggmbh|mbh|gug)\b\.?/g;

/** A name for comparing: lower case, without umlauts, legal forms and punctuation. */
export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(LEGAL_FORMS, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** A website's host without "www.", and its path, or null when it is no URL. */
function site(url: string | null | undefined): { host: string; path: string } | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return { host: parsed.hostname.toLowerCase().replace(/^www\./, ""), path: parsed.pathname.replace(/\/+$/, "") };
  } catch {
    return null;
  }
}

/** The same site: the same host, unless both name different pages on it (a district's portal hosts many offices). */
function sameSite(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = site(a);
  const right = site(b);
  if (!left || !right || left.host !== right.host) return false;
  return !left.path || !right.path || left.path === right.path || left.path.startsWith(`${right.path}/`) || right.path.startsWith(`${left.path}/`);
}

const address = (street: string, postalCode: string) => `${normalizeName(street).replace(/strasse\b/g, "str")}|${postalCode.trim()}`;
const words = (name: string) =>
  new Set(
    normalizeName(name)
      .split(" ")
      .filter((word) => word.length >= 5),
  );

/** Finds, for each organisation of the file, the existing partners it likely duplicates. Reads only. */
export async function findLikelyDuplicates(db: Executor, results: RecordResult[]): Promise<LikelyDuplicate[]> {
  const incoming = new Map<string, { record: number; partner: PartnerInput; places: LocationInput[] }>();
  for (const result of results) {
    if (!result.record) continue;
    const { partner, locations: places = [] } = result.record;
    const known = incoming.get(partner.externalId);
    if (known) known.places.push(...places);
    else incoming.set(partner.externalId, { record: result.index, partner, places: [...places] });
  }
  if (incoming.size === 0) return [];
  // A record whose partner was merged into another one already is that partner: no duplicate to report.
  const merged = await db
    .select({ externalId: partnerAliases.externalId })
    .from(partnerAliases)
    .where(inArray(partnerAliases.externalId, [...incoming.keys()]));
  for (const alias of merged) incoming.delete(alias.externalId!);
  if (incoming.size === 0) return [];
  const existing = await db.select({ id: partners.id, slug: partners.slug, name: partners.name, email: partners.email, website: partners.website, externalId: partners.externalId }).from(partners);
  if (existing.length === 0) return [];
  const postalCodes = [...new Set([...incoming.values()].flatMap((entry) => entry.places.map((place) => place.postalCode.trim())))];
  const places =
    postalCodes.length > 0
      ? await db.select({ partnerId: locations.partnerId, street: locations.street, postalCode: locations.postalCode }).from(locations).where(inArray(locations.postalCode, postalCodes))
      : [];
  const addressesOf = new Map<string, Set<string>>();
  for (const place of places) {
    const set = addressesOf.get(place.partnerId) ?? new Set();
    set.add(address(place.street, place.postalCode));
    addressesOf.set(place.partnerId, set);
  }

  const found: LikelyDuplicate[] = [];
  for (const { record, partner, places: own } of incoming.values()) {
    const name = normalizeName(partner.name);
    const email = partner.email?.trim().toLowerCase();
    const ownAddresses = new Set(own.map((place) => address(place.street, place.postalCode)));
    const ownWords = words(partner.name);
    for (const candidate of existing) {
      if (candidate.externalId === partner.externalId) continue;
      const reasons: DuplicateReason[] = [];
      if (name && normalizeName(candidate.name) === name) reasons.push("name");
      if (email && candidate.email?.trim().toLowerCase() === email) reasons.push("email");
      if (sameSite(partner.website, candidate.website)) reasons.push("website");
      const sharesAddress = [...(addressesOf.get(candidate.id) ?? [])].some((place) => ownAddresses.has(place));
      if (sharesAddress && !reasons.includes("name") && [...words(candidate.name)].some((word) => ownWords.has(word))) reasons.push("address");
      if (reasons.length > 0) found.push({ record, name: partner.name, partner: { id: candidate.id, slug: candidate.slug, name: candidate.name }, reasons });
    }
  }
  return found;
}
