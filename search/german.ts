/**
 * What Meilisearch 1.21 does not do for German without breaking typo tolerance (see docs/search-notes.md):
 * find a part of a compound ("Kurs" in "Integrationskurs") and spellings without umlauts
 * ("Auslaenderbehoerde"). Each record gets the parts and variants of its words as keywords, so one
 * plain, typo-tolerant index serves both.
 */

// Word endings that stand on their own in the directory's compounds. Reviewable: add what users type.
const HEADS = [
  "abschluss",
  "amt",
  "anerkennung",
  "angebot",
  "antrag",
  "arbeit",
  "ausbildung",
  "beratung",
  "begleitung",
  "behörde",
  "beruf",
  "bildung",
  "büro",
  "café",
  "cafe",
  "center",
  "dienst",
  "erlaubnis",
  "familie",
  "förderung",
  "gruppe",
  "haus",
  "hilfe",
  "integration",
  "jugend",
  "kammer",
  "kasse",
  "kind",
  "klasse",
  "kleidung",
  "kurs",
  "lernen",
  "migration",
  "platz",
  "prüfung",
  "schule",
  "sport",
  "sprache",
  "sprach",
  "sprechstunde",
  "stelle",
  "tafel",
  "titel",
  "training",
  "treff",
  "unterstützung",
  "verein",
  "vermittlung",
  "wohnung",
  "zentrum",
].sort((a, b) => b.length - a.length);

const MIN_PART = 3;

/** Splits one lower-case word at the known endings, recursively: "integrationskurs" → kurs, integration. */
export function compoundParts(word: string, depth = 0): string[] {
  const lower = word.toLowerCase();
  if (depth > 2) return [];
  for (const head of HEADS) {
    if (lower.length < head.length + MIN_PART || !lower.endsWith(head)) continue;
    let rest = lower.slice(0, -head.length).replace(/-$/, "");
    const parts = [head];
    // The joining s of German compounds (Integration-s-kurs).
    if (rest.endsWith("s") && rest.length > MIN_PART + 1) rest = rest.slice(0, -1);
    if (rest.length >= MIN_PART) parts.push(rest, ...compoundParts(rest, depth + 1));
    return parts;
  }
  return [];
}

/** The spelling without umlauts and ß that keyboards without them produce: "behörde" → "behoerde". */
export function transliterate(word: string): string | null {
  if (!/[äöüß]/i.test(word)) return null;
  return word.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/Ä/g, "Ae").replace(/Ö/g, "Oe").replace(/Ü/g, "Ue").replace(/ß/g, "ss");
}

/** The words of a text, split at spaces, hyphens and punctuation. */
export function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= MIN_PART);
}

/** Keywords for a record: the given ones, the parts of every compound and the umlaut-free spellings. */
export function searchKeywords(texts: string[], keywords: string[] = []): string[] {
  const result = new Set<string>(keywords.map((keyword) => keyword.toLowerCase()));
  for (const text of [...texts, ...keywords]) {
    // Hyphenated compounds ("Kita-Platz") also as one word ("kitaplatz").
    for (const joined of text.match(/\p{L}+(?:-\p{L}+)+/gu) ?? []) result.add(joined.replace(/-/g, "").toLowerCase());
    for (const word of words(text)) {
      for (const part of compoundParts(word)) result.add(part);
    }
  }
  for (const text of [...texts, ...result]) {
    for (const word of words(text)) {
      const plain = transliterate(word.toLowerCase());
      if (plain) result.add(plain);
    }
  }
  return [...result];
}

/**
 * The text of a directory query as the engine should match it: the same word analysis the
 * documents get (see searchKeywords). Identity until the stemmer lands.
 */
export function germanQuery(text: string): string {
  return text;
}
