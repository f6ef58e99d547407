import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import snowball from "snowball-stemmers";

/**
 * German word analysis for the directory's indexes (docs/decisions/063-german-word-forms.md).
 * Meilisearch 1.21 matches whole words (typo-tolerant, umlauts folded) and prefixes of the last query
 * word, nothing else. So documents carry, as keywords, the other forms of their words:
 * - their Snowball stems ("Anmeldung", "anmelden" → anmeld),
 * - the parts of their compounds, split against a German dictionary ("Lebensmittelausgabe" →
 *   lebensmittel, ausgabe, mittel, leben),
 * - and spellings without umlauts ("Ausländerbehörde" → auslaenderbehoerde).
 * Queries get the same stemming (`germanQuery`), so both sides meet at the stem.
 */

const MIN_PART = 3;
/** Query words shorter than this are matched as typed ("Kurs", "Kita", "JMD"). */
const MIN_STEMMED = 5;
/** Words shorter than this are not split into parts. */
const MIN_COMPOUND = 7;
/** A part of a compound has at least four letters ("Amt", "Job" stay whole words). */
const MIN_STEM_PART = 4;

const stemmer = snowball.newStemmer("german");

/**
 * The Snowball stems of a word, applied until the word stops changing: "Integrationskurse" →
 * integrationskurs, integrationskur. Snowball removes one ending at a time, so "Kurse" and "Kurs"
 * meet only at the second step; the whole chain goes into the documents, the last link into queries.
 */
export function stemChain(word: string): string[] {
  const chain: string[] = [];
  let current = word.toLowerCase();
  for (let step = 0; step < 3; step++) {
    const next = stemmer.stem(current);
    if (next === current || next.length < MIN_PART) break;
    chain.push(next);
    current = next;
  }
  return chain;
}

/** The last link of the chain, or the word in lower case. */
export function stem(word: string): string {
  return stemChain(word).at(-1) ?? word.toLowerCase();
}

let lexicon: Set<string> | null = null;

/**
 * The German word list of the `dictionary-de` package (igerman98, the Hunspell dictionary of
 * LibreOffice and Firefox), in lower case. Read once per process, on first use.
 */
function germanLexicon(): Set<string> {
  if (lexicon) return lexicon;
  const file = path.join(path.dirname(createRequire(import.meta.url).resolve("dictionary-de")), "index.dic");
  const entries = new Set<string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const entry = line.split("/")[0]!.trim().toLowerCase();
    if (entry.length >= MIN_PART && /^\p{L}+$/u.test(entry)) entries.add(entry);
  }
  lexicon = entries;
  return entries;
}

// Endings of inflection and joining elements ("Fugen"), longest first: Kurs-e, Integration-s-kurs, Kinder-n.
const ENDINGS = ["ern", "ens", "en", "er", "es", "ns", "e", "n", "s"];

/**
 * The forms under which a part of a compound may stand in the dictionary: as it is, without an
 * inflection or joining ending, with an elided e ("Schul-" → schule), as the verb of a noun in -ung
 * ("Untersuchung" → untersuchen) or of a verb stem ("Wohn-" → wohnen).
 */
function dictionaryForms(part: string): string[] {
  const forms = [part, `${part}e`, `${part}en`];
  for (const ending of ENDINGS) if (part.endsWith(ending) && part.length - ending.length >= MIN_STEM_PART) forms.push(part.slice(0, -ending.length));
  for (const form of [...forms]) if (form.endsWith("ung")) forms.push(`${form.slice(0, -3)}en`);
  return forms;
}

/** A word of the dictionary, in one of its forms, long enough to stand as a part of a compound. */
function isWord(part: string): boolean {
  if (part.length < MIN_STEM_PART) return false;
  const entries = germanLexicon();
  return dictionaryForms(part).some((form) => entries.has(form));
}

const splits = new Map<string, string[] | null>();
const SPLITS_KEPT = 50_000;

/**
 * A compound as its dictionary words, longest last part first, recursively:
 * "schuleingangsuntersuchung" → untersuchung, schuleingangs, eingangs, schul. Null when the word is
 * not made of dictionary words.
 */
function split(word: string, depth: number): string[] | null {
  if (depth > 3 || word.length < 2 * MIN_STEM_PART) return null;
  for (let at = MIN_STEM_PART; at <= word.length - MIN_STEM_PART; at++) {
    const head = word.slice(at);
    if (!isWord(head)) continue;
    const modifier = word.slice(0, at);
    if (isWord(modifier)) return [head, modifier, ...(split(modifier, depth + 1) ?? [])];
    const inner = split(modifier, depth + 1);
    if (inner) return [head, modifier, ...inner];
  }
  return null;
}

/** The parts of a compound in lower case ("Integrationskurs" → kurs, integrations), or none. */
export function compoundParts(word: string): string[] {
  const lower = word.toLowerCase();
  if (lower.length < MIN_COMPOUND) return [];
  const kept = splits.get(lower);
  if (kept !== undefined) return kept ?? [];
  const parts = split(lower, 0);
  if (splits.size >= SPLITS_KEPT) splits.clear();
  splits.set(lower, parts);
  return parts ?? [];
}

/** The last part of a compound: its split's head, or the longest dictionary word it ends with ("hörtest" → test). */
function lastPart(word: string): string | null {
  const [head] = compoundParts(word);
  if (head) return head;
  for (let at = 1; at <= word.length - MIN_STEM_PART; at++) if (isWord(word.slice(at))) return word.slice(at);
  return null;
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

const forms = new Map<string, string[]>();
const FORMS_KEPT = 100_000;

/** Every form of one word a query may use: stems, compound parts and their stems, umlaut-free spellings. */
function formsOf(word: string): string[] {
  const lower = word.toLowerCase();
  const kept = forms.get(lower);
  if (kept) return kept;
  const result = new Set<string>();
  const plain = transliterate(lower);
  for (const form of [lower, ...(plain ? [plain] : [])]) {
    for (const stemmed of stemChain(form)) result.add(stemmed);
  }
  for (const part of compoundParts(lower)) {
    result.add(part);
    for (const stemmed of stemChain(part)) result.add(stemmed);
    const plainPart = transliterate(part);
    if (plainPart) result.add(plainPart);
  }
  if (plain) result.add(plain);
  const found = [...result];
  if (forms.size >= FORMS_KEPT) forms.clear();
  forms.set(lower, found);
  return found;
}

/**
 * Keywords for a record: the given ones, and the other forms of every word of the texts and
 * keywords (stems, compound parts, umlaut-free spellings). Hyphenated compounds ("Kita-Platz") also
 * as one word ("kitaplatz").
 */
export function searchKeywords(texts: string[], keywords: string[] = []): string[] {
  const result = new Set<string>(keywords.map((keyword) => keyword.toLowerCase()));
  for (const text of [...texts, ...keywords]) {
    for (const joined of text.match(/\p{L}+(?:-\p{L}+)+/gu) ?? []) result.add(joined.replace(/-/g, "").toLowerCase());
    // A part left out before "und"/"oder" ("Seh- und Hörtest"): the whole compound it stands for (sehtest).
    for (const [, start, compound] of text.matchAll(/(\p{L}{2,})-\s+(?:und|oder|bzw\.?|sowie)\s+(\p{L}+)/gu)) {
      const head = lastPart(compound!.toLowerCase());
      if (!head) continue;
      const whole = `${start}${head}`.toLowerCase();
      result.add(whole);
      for (const form of formsOf(whole)) result.add(form);
    }
    for (const word of words(text)) for (const form of formsOf(word)) result.add(form);
  }
  return [...result];
}

/**
 * The other forms of the words of longer texts (descriptions, labels, towns), without the words
 * themselves, which the engine already has in their own attributes.
 */
export function wordForms(texts: string[]): string[] {
  const own = new Set(texts.flatMap((text) => words(text).map((word) => word.toLowerCase())));
  return searchKeywords(texts).filter((form) => !own.has(form));
}

/**
 * The text of a directory query as the engine should match it: every word of five letters or more
 * becomes its stem, the form the documents carry as a keyword ("Anmeldung beantragen" → "anmeld
 * beantrag"). Shorter words, numbers and quoted phrases stay as typed.
 */
export function germanQuery(text: string): string {
  return text
    .split(/("[^"]*")/)
    .map((piece) => (piece.startsWith('"') && piece.endsWith('"') && piece.length > 1 ? piece : piece.replace(/\p{L}+/gu, (word) => (word.length >= MIN_STEMMED ? stem(word) : word))))
    .join("");
}

/**
 * A looser form of a query that found nothing: compounds become their parts ("Flüchtlingsberatung"
 * → flüchtlings berat), nouns in -ung the stem of their verb ("Impfung" → impf), each part stemmed
 * as `germanQuery` does. Null when no word of the query changes.
 */
export function relaxedGermanQuery(text: string): string | null {
  let changed = false;
  const relaxed = text.replace(/\p{L}+/gu, (word) => {
    const lower = word.toLowerCase();
    const parts = compoundParts(lower);
    if (parts.length >= 2) {
      changed = true;
      return `${parts[1]} ${parts[0]}`.replace(/\p{L}+/gu, (part) => (part.length >= MIN_STEMMED ? stem(part) : part));
    }
    const verb = lower.replace(/ung(en)?$/, "en");
    if (verb !== lower && verb.length >= MIN_STEM_PART + 2 && germanLexicon().has(verb)) {
      changed = true;
      return stem(verb);
    }
    return word;
  });
  return changed ? germanQuery(relaxed) : null;
}
