// Invented but plausible directory data for the search benchmark: a region east of Frankfurt, 30
// towns, partners with their locations and opening hours, services with their terms.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { slugify } from "#app/utils/slug";
import { db } from "#db/client";
import { locations, openingHours, partners, serviceLocations, services, serviceTerms, taxonomyTerms, accessModes, type AccessMode, type PartnerKind } from "#db/schema";
import { taxonomySeed } from "#app/modules/directory/standard-taxonomy";

const ROWS_PER_INSERT = 1000;
const INSERT_LANES = 3;

export function createRandom(seed: number) {
  let state = seed >>> 0;
  // mulberry32: small, fast and the same on every run.
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const some = <T>(items: readonly T[], count: number): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, count);
  };
  return { next, int, pick, some, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof createRandom>;

const TOWN_NAMES = [
  "Mainblick",
  "Kesselbach",
  "Neu-Kesselbach",
  "Auental",
  "Erlenbrück",
  "Finkenhausen",
  "Grünwiesen",
  "Haselborn",
  "Hohenau",
  "Birkenhain",
  "Lerchenfeld",
  "Mühlental",
  "Ostergrund",
  "Rabenau-Tal",
  "Sonnenberg",
  "Steinfurth-Ost",
  "Talheim am Main",
  "Ulmenhof",
  "Waldsiedlung",
  "Weidenau",
  "Wiesengrund",
  "Ziegelhütte",
  "Bachgau",
  "Eichenried",
  "Fuchsloch",
  "Gänseweid",
  "Kirchbrombach-Süd",
  "Lindenau",
  "Quellenhof",
  "Schlehdorf",
];
const STREETS = [
  "Hauptstraße",
  "Bahnhofstraße",
  "Schulstraße",
  "Kirchgasse",
  "Am Markt",
  "Lindenweg",
  "Gartenstraße",
  "Friedrich-Ebert-Straße",
  "Mühlweg",
  "Rathausplatz",
  "Goethestraße",
  "Am Mainufer",
];
const SURNAMES = ["Bergmann", "Yılmaz", "Schneider", "Kowalski", "Haddad", "Nowak", "Becker", "Öztürk", "Fischer", "Petrenko", "Wagner", "Rahimi", "Schäfer", "Popescu"];
const DISTRICTS = ["Mitte", "Nord", "Süd", "West", "Ost", "Altstadt"];
const FLOWERS = ["Sonnenblume", "Löwenzahn", "Regenbogen", "Pusteblume", "Kunterbunt", "Wirbelwind"];
export const LANGUAGES = ["ar", "en", "fa", "ru", "tr", "uk", "ti", "ps", "fr", "ku", "pl", "ro"];
const LANGUAGE_NAMES: Record<string, string> = {
  ar: "Arabisch",
  en: "Englisch",
  fa: "Farsi",
  ru: "Russisch",
  tr: "Türkisch",
  uk: "Ukrainisch",
  ti: "Tigrinya",
  ps: "Paschtu",
  fr: "Französisch",
  ku: "Kurdisch",
  pl: "Polnisch",
  ro: "Rumänisch",
};

const PARTNER_PATTERNS: { name: string; kind: PartnerKind; short?: string }[] = [
  { name: "Integrationsverein {town} e.V.", kind: "verein" },
  { name: "Nachbarschaftshilfe {town}", kind: "initiative" },
  { name: "Volkshochschule {town}", kind: "bildungstraeger", short: "VHS {town}" },
  { name: "Bildungswerk {surname}", kind: "bildungstraeger" },
  { name: "Sprachschule {surname}", kind: "bildungstraeger" },
  { name: "Migrationsberatungsstelle {town}", kind: "beratungsstelle" },
  { name: "Familienzentrum {town}-{district}", kind: "beratungsstelle" },
  { name: "Ausländerbehörde {town}", kind: "behoerde" },
  { name: "Jobcenter {town}", kind: "behoerde" },
  { name: "Ev. Kirchengemeinde {town}", kind: "kirche" },
  { name: "Kita {flower} {town}", kind: "kita" },
  { name: "Gesamtschule {town}-{district}", kind: "schule" },
  { name: "Gesundheitszentrum {town}", kind: "gesundheit" },
  { name: "Internationaler Frauentreff {town}", kind: "initiative" },
  { name: "Sportverein {town} 1920 e.V.", kind: "verein", short: "SV {town}" },
  { name: "{surname} Personalservice GmbH", kind: "unternehmen" },
];

type Blueprint = { name: string; categories: string[]; targetGroups: string[]; keywords?: string[] };
const BLUEPRINTS: Blueprint[] = [
  { name: "Integrationskurs", categories: ["sprache", "bildung"], targetGroups: ["gefluechtete", "eu-zugewanderte", "alle"] },
  { name: "Migrationsberatung für Erwachsene", categories: ["beratung", "aufenthalt-recht"], targetGroups: ["gefluechtete", "eu-zugewanderte", "fachkraefte"], keywords: ["MBE"] },
  { name: "Kitaplatz-Lotsen", categories: ["kinder-familie", "beratung"], targetGroups: ["familien"] },
  { name: "Kitaplatzvermittlung", categories: ["kinder-familie"], targetGroups: ["familien", "frauen"] },
  { name: "Sprachcafé", categories: ["sprache", "freizeit-sport"], targetGroups: ["alle"] },
  { name: "Deutschkurs für Frauen", categories: ["sprache"], targetGroups: ["frauen"] },
  { name: "Berufssprachkurs B2", categories: ["sprache", "arbeit"], targetGroups: ["fachkraefte"] },
  { name: "Alphabetisierungskurs", categories: ["sprache", "bildung"], targetGroups: ["alle"] },
  { name: "Hausaufgabenhilfe", categories: ["bildung", "kinder-familie"], targetGroups: ["jugendliche", "familien"] },
  { name: "Bewerbungstraining", categories: ["arbeit"], targetGroups: ["jugendliche", "fachkraefte"] },
  { name: "Anerkennungsberatung für ausländische Berufsabschlüsse", categories: ["anerkennung", "beratung", "arbeit"], targetGroups: ["fachkraefte"] },
  { name: "Asylverfahrensberatung", categories: ["aufenthalt-recht", "beratung"], targetGroups: ["gefluechtete"] },
  { name: "Jugendmigrationsdienst", categories: ["beratung", "bildung"], targetGroups: ["jugendliche"], keywords: ["JMD"] },
  { name: "Sprechstunde Wohnungssuche", categories: ["wohnen", "beratung"], targetGroups: ["alle"] },
  { name: "Schuldnerberatung", categories: ["beratung", "alltag-orientierung"], targetGroups: ["alle"] },
  { name: "Elterncafé", categories: ["kinder-familie"], targetGroups: ["familien"] },
  { name: "Frauentreff", categories: ["freizeit-sport", "alltag-orientierung"], targetGroups: ["frauen"] },
  { name: "Nähcafé", categories: ["freizeit-sport"], targetGroups: ["frauen", "senioren"] },
  { name: "Fahrradwerkstatt", categories: ["alltag-orientierung", "freizeit-sport"], targetGroups: ["alle"] },
  { name: "Kleiderkammer", categories: ["alltag-orientierung"], targetGroups: ["alle"] },
  { name: "Dolmetscherpool", categories: ["alltag-orientierung", "gesundheit"], targetGroups: ["gefluechtete", "ukraine"] },
  { name: "Gesundheitslotsen", categories: ["gesundheit"], targetGroups: ["alle"] },
  { name: "Psychosoziale Beratung", categories: ["gesundheit", "beratung"], targetGroups: ["gefluechtete"] },
  { name: "Ehrenamtliche Patenschaften", categories: ["ehrenamt"], targetGroups: ["gefluechtete", "familien"] },
  { name: "Ehrenamtsbörse", categories: ["ehrenamt"], targetGroups: ["alle"] },
  { name: "Erstorientierung für Neuzugewanderte", categories: ["alltag-orientierung"], targetGroups: ["gefluechtete", "eu-zugewanderte"] },
  { name: "Beratung für Schutzsuchende aus der Ukraine", categories: ["beratung", "aufenthalt-recht"], targetGroups: ["ukraine"] },
  { name: "Schwimmkurs für Frauen", categories: ["freizeit-sport"], targetGroups: ["frauen"] },
  { name: "Fußballtreff", categories: ["freizeit-sport"], targetGroups: ["jugendliche"] },
  { name: "Seniorentreff international", categories: ["freizeit-sport"], targetGroups: ["senioren"] },
  { name: "Ausbildungsbegleitung", categories: ["arbeit", "bildung"], targetGroups: ["jugendliche"] },
  { name: "Jobcoaching", categories: ["arbeit"], targetGroups: ["fachkraefte", "eu-zugewanderte"] },
  { name: "Rechtsberatung zum Aufenthaltstitel", categories: ["aufenthalt-recht"], targetGroups: ["gefluechtete"] },
  { name: "Mieterberatung", categories: ["wohnen"], targetGroups: ["alle", "familien"] },
  { name: "Hebammensprechstunde", categories: ["gesundheit", "kinder-familie"], targetGroups: ["familien", "frauen"] },
];
const QUALIFIERS = ["", "", "", " am Vormittag", " am Abend", " für Einsteiger", " (A1)", " (B1)", " in {town}", " – offene Sprechstunde", " mit Kinderbetreuung", " online", " im Stadtteilzentrum"];
const TOPICS = [
  "der Anmeldung zum Integrationskurs",
  "der Suche nach einem Kitaplatz",
  "der Wohnungssuche",
  "Bewerbungen und Lebenslauf",
  "der Anerkennung Ihres Berufsabschlusses",
  "Anträgen beim Jobcenter",
  "Briefen von Behörden",
  "dem Aufenthaltstitel",
  "der Schulanmeldung Ihrer Kinder",
  "Fragen zur Gesundheitsversorgung",
  "der Migrationsberatung",
  "dem Deutschlernen im Alltag",
];
const SENTENCES = [
  "Wir unterstützen Sie bei {topic}.",
  "Das Angebot richtet sich an {group} aus {town} und Umgebung.",
  "Termine nach Vereinbarung, kurze Fragen gerne telefonisch.",
  "Offene Sprechstunde ohne Anmeldung, bitte Unterlagen mitbringen.",
  "Kinderbetreuung während des Kurses ist möglich.",
  "Wir sprechen Deutsch und {language}.",
  "In Zusammenarbeit mit dem Jobcenter und der Ausländerbehörde.",
  "Hilfe bei Anträgen, Formularen und Behördenbriefen.",
  "Im Sprachcafé üben Sie Deutsch in entspannter Runde.",
  "Ehrenamtliche begleiten Sie zu Terminen.",
];
const GROUP_WORDS = ["Geflüchtete", "Familien", "Frauen", "Jugendliche", "Fachkräfte", "Neuzugewanderte", "ältere Menschen"];

export type Town = { name: string; postalCode: string; lat: number; lng: number };

function makeTowns(random: Random): Town[] {
  return TOWN_NAMES.map((name, index) => ({
    name,
    postalCode: String(63_000 + index * 37),
    lat: 50 + random.next() * 0.5,
    lng: 8.8 + random.next() * 0.8,
  }));
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_match, key: string) => values[key] ?? "");
/** Inserts rows in multi-row statements, a few at a time over the pool. */
async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  const batches: T[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) batches.push(rows.slice(start, start + ROWS_PER_INSERT));
  let next = 0;
  const lane = async () => {
    while (next < batches.length) await insert(batches[next++]!);
  };
  await Promise.all(Array.from({ length: INSERT_LANES }, lane));
}

export type Generated = { towns: Town[]; serviceIds: string[]; locationCount: number };

export async function generate(counts: { partners: number; services: number }, random: Random): Promise<Generated> {
  const towns = makeTowns(random);
  const terms = await db
    .insert(taxonomyTerms)
    .values(taxonomySeed.map((term, position) => ({ ...term, position })))
    .returning({ id: taxonomyTerms.id, kind: taxonomyTerms.kind, slug: taxonomyTerms.slug });
  const termId = new Map(terms.map((term) => [`${term.kind}:${term.slug}`, term.id]));
  const categorySlugs = terms.filter((term) => term.kind === "category").map((term) => term.slug);
  const verifiedAt = () => new Date(Date.now() - random.int(0, 400) * 86_400_000);

  const partnerRows: (typeof partners.$inferInsert)[] = [];
  const locationRows: (typeof locations.$inferInsert)[] = [];
  const hourRows: (typeof openingHours.$inferInsert)[] = [];
  const partnerPlaces: { id: string; town: Town; locationIds: string[] }[] = [];
  for (let index = 0; index < counts.partners; index++) {
    const home = random.pick(towns);
    const pattern = random.pick(PARTNER_PATTERNS);
    const values = { town: home.name, surname: random.pick(SURNAMES), district: random.pick(DISTRICTS), flower: random.pick(FLOWERS) };
    const name = fill(pattern.name, values);
    const slug = `${slugify(name)}-${index.toString(36)}`;
    const id = randomUUID();
    partnerRows.push({
      id,
      slug,
      name,
      shortName: pattern.short ? fill(pattern.short, values) : null,
      kind: pattern.kind,
      description: `${name} ist Teil des Netzwerks in ${home.name}. ${fill(random.pick(SENTENCES), { topic: random.pick(TOPICS), group: random.pick(GROUP_WORDS), town: home.name, language: LANGUAGE_NAMES[random.pick(LANGUAGES)]! })}`,
      website: `https://${slug}.example.org`,
      email: `kontakt@${slug}.example.org`,
      phone: `06${random.int(100, 199)} ${random.int(10_000, 999_999)}`,
      lastVerifiedAt: verifiedAt(),
    });
    const placeCount = random.chance(0.6) ? 1 : random.chance(0.75) ? 2 : 3;
    const locationIds: string[] = [];
    for (let place = 0; place < placeCount; place++) {
      const town = place === 0 ? home : random.pick(towns);
      const locationId = randomUUID();
      locationIds.push(locationId);
      locationRows.push({
        id: locationId,
        partnerId: id,
        name: place === 0 ? null : `Außenstelle ${town.name}`,
        street: `${random.pick(STREETS)} ${random.int(1, 120)}`,
        postalCode: town.postalCode,
        town: town.name,
        latitude: town.lat + (random.next() - 0.5) * 0.02,
        longitude: town.lng + (random.next() - 0.5) * 0.03,
        wheelchairAccessible: random.chance(0.5),
      });
      for (let weekday = 1; weekday <= 5; weekday++) {
        if (random.chance(0.8)) hourRows.push({ locationId, weekday, opens: "09:00", closes: "12:30" });
        if (weekday % 2 === 0 && random.chance(0.5)) hourRows.push({ locationId, weekday, opens: "14:00", closes: "17:00" });
      }
    }
    partnerPlaces.push({ id, town: home, locationIds });
  }

  const serviceRows: (typeof services.$inferInsert)[] = [];
  const termRows: (typeof serviceTerms.$inferInsert)[] = [];
  const placeRows: (typeof serviceLocations.$inferInsert)[] = [];
  for (let index = 0; index < counts.services; index++) {
    const partner = random.pick(partnerPlaces);
    const blueprint = random.pick(BLUEPRINTS);
    const name = `${blueprint.name}${fill(random.pick(QUALIFIERS), { town: partner.town.name })}`;
    const languages = ["de", ...random.some(LANGUAGES, random.int(0, 3))];
    const id = randomUUID();
    const cost = random.chance(0.8) ? "free" : "fee";
    const sentences = random.some(SENTENCES, random.int(2, 3)).map((sentence) =>
      fill(sentence, {
        topic: random.pick(TOPICS),
        group: random.pick(GROUP_WORDS),
        town: partner.town.name,
        language:
          languages
            .slice(1)
            .map((code) => LANGUAGE_NAMES[code])
            .join(", ") || "Englisch",
      }),
    );
    serviceRows.push({
      id,
      partnerId: partner.id,
      slug: `${slugify(blueprint.name)}-${index.toString(36)}`,
      name,
      description: sentences.join(" "),
      languages,
      cost,
      costNote: cost === "fee" ? `${random.int(2, 40)} € pro Termin, ermäßigt nach Absprache` : null,
      eligibility: random.chance(0.2) ? "Mit Wohnsitz im Landkreis" : null,
      accessModes: random.some(accessModes, random.int(1, 3)) as AccessMode[],
      contactName: random.chance(0.5) ? `${random.pick(["Frau", "Herr"])} ${random.pick(SURNAMES)}` : null,
      keywords: blueprint.keywords ?? [],
      lastVerifiedAt: verifiedAt(),
    });
    const categories = new Set(blueprint.categories.slice(0, random.int(1, blueprint.categories.length)));
    if (random.chance(0.1)) categories.add(random.pick(categorySlugs));
    const groups = random.some(blueprint.targetGroups, random.int(1, Math.min(2, blueprint.targetGroups.length)));
    for (const slug of categories) termRows.push({ serviceId: id, termId: termId.get(`category:${slug}`)! });
    for (const slug of groups) termRows.push({ serviceId: id, termId: termId.get(`target_group:${slug}`)! });
    const where = random.some(partner.locationIds, partner.locationIds.length > 1 && random.chance(0.4) ? 2 : 1);
    for (const locationId of where) placeRows.push({ serviceId: id, locationId });
  }

  await insertInBatches(partnerRows, (batch) => db.insert(partners).values(batch));
  await insertInBatches(locationRows, (batch) => db.insert(locations).values(batch));
  await insertInBatches(hourRows, (batch) => db.insert(openingHours).values(batch));
  await insertInBatches(serviceRows, (batch) => db.insert(services).values(batch));
  await insertInBatches(termRows, (batch) => db.insert(serviceTerms).values(batch));
  await insertInBatches(placeRows, (batch) => db.insert(serviceLocations).values(batch));
  await db.execute(sql`analyze`);
  return { towns, serviceIds: serviceRows.map((row) => row.id!), locationCount: locationRows.length };
}
