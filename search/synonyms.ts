/**
 * The other names people use for the same thing. Each group is mutual: a query for any entry also
 * finds the others. Lower case; Meilisearch applies synonyms to queries of one to three words.
 * Reviewable by coordinators: add what people actually type.
 */
export const SYNONYM_GROUPS: string[][] = [
  ["arbeitsamt", "agentur für arbeit", "arbeitsagentur", "jobcenter"],
  ["kita", "kindergarten", "kindertagesstätte", "kindertagesstaette", "krippe", "kinderbetreuung", "daycare"],
  ["deutschkurs", "sprachkurs", "integrationskurs", "deutsch lernen", "german course", "language course"],
  ["ausländerbehörde", "auslaenderbehoerde", "ausländeramt", "ausländerbehoerde", "immigration office"],
  ["aufenthaltstitel", "aufenthaltserlaubnis", "visum", "residence permit"],
  ["anerkennung", "berufsanerkennung", "anerkennungsberatung", "recognition"],
  ["abschluss", "zeugnis", "berufsabschluss", "diploma", "degree"],
  ["migrationsberatung", "mbe", "migrationsdienst"],
  ["jugendmigrationsdienst", "jmd"],
  ["bürgergeld", "buergergeld", "hartz iv", "grundsicherung", "sozialleistung"],
  ["wohnung", "wohnungssuche", "wohnraum", "housing", "flat", "apartment"],
  ["arzt", "ärztin", "doktor", "doctor"],
  ["dolmetscher", "sprachmittlung", "übersetzung", "interpreter", "translation"],
  ["ehrenamt", "freiwilligenarbeit", "volunteering", "volunteer"],
  ["job", "arbeit", "arbeitsstelle", "work", "employment"],
  ["ausbildung", "lehre", "apprenticeship", "vocational training"],
  ["schuldnerberatung", "schulden", "debt"],
  ["einbürgerung", "einbuergerung", "staatsangehörigkeit", "citizenship", "naturalisation"],
  ["schwangerschaft", "schwanger", "pregnancy"],
  ["hausaufgabenhilfe", "nachhilfe", "lernhilfe", "homework"],
];

/** The groups as Meilisearch's synonyms setting: every entry maps to all others of its group. */
export function synonymSettings(): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of SYNONYM_GROUPS) {
    for (const entry of group) synonyms[entry] = [...new Set([...(synonyms[entry] ?? []), ...group.filter((other) => other !== entry)])];
  }
  return synonyms;
}

/** Words too common to help ranking. Lower case: Meilisearch compares stop words case-sensitively. */
export const STOP_WORDS = ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "und", "oder", "für", "mit", "von", "im", "in", "am", "an", "zu", "zur", "zum", "the", "and", "for", "of"];
