import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { locations, partners } from "#db/schema";
import { transliterate } from "#search/german";

/** A place found at the start or the end of a directory query, and the words around it. */
export type PlaceInQuery = {
  /** The town as the directory spells it, or the postal code. */
  place: string;
  kind: "town" | "postalCode";
  /** The query without the place: what the engine matches. */
  rest: string;
  /** The place as typed (with its "in", "bei" …), to put back around other words. */
  typed: { before: string; after: string };
};

// Words before a place in the languages of the directory's users: "Kita in Lindach",
// "курсы в Lindach", "دورة في Lindach". Longer ones first, so "in der Nähe von" wins over "in".
const PREPOSITIONS = [
  "in der nähe von",
  "in der nähe",
  "in der naehe von",
  "in der naehe",
  "in",
  "im",
  "bei",
  "nahe",
  "nähe",
  "naehe",
  "um",
  "near",
  "around",
  "at",
  "près de",
  "à",
  "en",
  "в",
  "у",
  "біля",
  "возле",
  "около",
  "في",
  "قرب",
  "بالقرب من",
  "در",
  "yakınında",
].sort((a, b) => b.length - a.length);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Directory towns change when a location is saved or imported: a copy a few seconds old spares
// busy searches a query, like the taxonomy's (directory-search.server.ts).
const TOWNS_TTL_MS = 5_000;
let townsCache: { towns: string[]; expiresAt: number } | null = null;

/** The towns of the active partners' locations. */
export async function directoryTowns(): Promise<string[]> {
  if (townsCache && townsCache.expiresAt > Date.now()) return townsCache.towns;
  const rows = await db.selectDistinct({ town: locations.town }).from(locations).innerJoin(partners, eq(partners.id, locations.partnerId)).where(eq(partners.status, "active"));
  const towns = rows.map((row) => row.town.trim()).filter((town) => town.length >= 2);
  townsCache = { towns, expiresAt: Date.now() + TOWNS_TTL_MS };
  return towns;
}

type Matcher = { end: RegExp; start: RegExp; canonical: Map<string, string> };
// Built again only when the list of towns is a new one (directoryTowns keeps its list a few seconds).
let matcherCache: { towns: string[]; matcher: Matcher } | null = null;

function matcherFor(towns: string[]): Matcher {
  if (matcherCache?.towns === towns) return matcherCache.matcher;
  // Each town also as typed without umlauts ("Muehlheim"); all compared without case.
  const canonical = new Map<string, string>();
  for (const town of towns) {
    canonical.set(town.toLowerCase(), town);
    const plain = transliterate(town);
    if (plain) canonical.set(plain.toLowerCase(), town);
  }
  const names = [...canonical.keys()].sort((a, b) => b.length - a.length).map(escape);
  const townPattern = names.length ? `(?:\\d{5}\\s+)?(?<town>${names.join("|")})|` : "";
  const place = `(?:${townPattern}(?<code>\\d{5}))`;
  const preposition = `(?:(?:${PREPOSITIONS.map(escape).join("|")})\\s+)?`;
  const matcher = {
    end: new RegExp(`^(?<rest>.*?)(?<typed>(?:^|[\\s,]+)${preposition}${place})[\\s.,!?]*$`, "iu"),
    start: new RegExp(`^(?<typed>${preposition}${place}(?:[\\s,:;–-]+|$))(?<rest>.*)$`, "iu"),
    canonical,
  };
  matcherCache = { towns, matcher };
  return matcher;
}

/**
 * A town of the directory or a five-digit postal code at the end or the start of a query, with an
 * optional "in", "bei", "near" … before it. Other words are never taken for places: the directory's
 * own towns are the list.
 */
export function findPlace(q: string, towns: string[]): PlaceInQuery | null {
  const text = q.trim().replace(/\s+/g, " ");
  if (!text) return null;
  const { end, start, canonical } = matcherFor(towns);
  const atEnd = end.exec(text);
  const found = atEnd ?? start.exec(text);
  if (!found?.groups) return null;
  const { rest = "", typed = "", town, code } = found.groups;
  const place = town ? canonical.get(town.toLowerCase()) : code;
  if (!place) return null;
  return {
    place,
    kind: town ? "town" : "postalCode",
    rest: rest.trim(),
    typed: atEnd ? { before: "", after: typed } : { before: typed, after: "" },
  };
}
