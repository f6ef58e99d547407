/**
 * Finds personal data in a text before it is published: e-mail addresses, phone numbers, dates of
 * birth, file and customer numbers, IBANs. People often write on behalf of a client; the author is
 * warned and may remove what was found or publish anyway. Pure (no I/O), so the form can run it while
 * typing and moderation can run it on stored texts.
 *
 * What counts (a warning, not a verdict: it errs a little on the side of asking):
 * - e-mail: name@domain.tld, also written as "name (at) domain.tld" / "name [at] domain.tld";
 * - phone: +49 / 0049 / any +<country code>, or a German number starting with 0 and an area code
 *   (0171 1234567, 05321/123456, (05321) 12 34 56), or digits after "Tel." / "Handy" / "Mobil" / "Fax";
 *   dots never separate phone digits, so dates and prices stay out;
 * - date of birth: a full date (12.03.1985, 12.3.85, 1985-03-12, 12. März 1985) right after a word of
 *   birth ("geb.", "geboren", "Geburtsdatum", "*"), or any full date at least 14 years back (a
 *   date that far back in a concern is most likely someone's birthday; appointments and deadlines are
 *   recent or ahead); also a bare year after "geb." / "Jahrgang" ("geb. 1985");
 * - file number: the identifier after Aktenzeichen / Az. / Gz. / Kundennummer / BG-Nummer /
 *   Versicherungsnummer / Steuer-ID … (with at least two digits), a Jobcenter BG number
 *   (12345BG0012345), and any run of six or more digits that is not an amount (€, Euro, %);
 * - IBAN: country code, check digits and account, valid by the mod-97 checksum only.
 * Years, postal codes (five digits), prices, times and short numbers are never findings on their own.
 */

export const PERSONAL_DATA_TYPES = ["email", "phone", "birthDate", "fileNumber", "iban"] as const;
export type PersonalDataType = (typeof PERSONAL_DATA_TYPES)[number];

export type PersonalDataFinding = { type: PersonalDataType; text: string; start: number; end: number };

/** Findings grouped by type, each snippet once, in the order of PERSONAL_DATA_TYPES. */
export type PersonalDataSummary = { type: PersonalDataType; snippets: string[] }[];

const NOT_WORD_BEFORE = "(?<![\\p{L}\\p{N}])";
const NOT_WORD_AFTER = "(?![\\p{L}\\p{N}])";

// ---------------------------------------------------------------------------------------------
// IBAN

// Lengths of the countries people here most likely write; others may be 15 to 34 characters long.
const IBAN_LENGTHS: Record<string, number> = {
  DE: 22,
  AT: 20,
  CH: 21,
  LI: 21,
  NL: 18,
  BE: 16,
  LU: 20,
  FR: 27,
  IT: 27,
  ES: 24,
  PT: 25,
  PL: 28,
  CZ: 24,
  SK: 24,
  HU: 28,
  RO: 24,
  BG: 22,
  HR: 21,
  SI: 19,
  GR: 27,
  DK: 18,
  SE: 24,
  NO: 15,
  FI: 18,
  IE: 22,
  GB: 22,
  TR: 26,
  UA: 29,
  LT: 20,
  LV: 21,
  EE: 20,
};

/** Whether a compact IBAN (upper case, no spaces) has a valid mod-97 checksum. */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const IBAN_CANDIDATE = new RegExp(`${NOT_WORD_BEFORE}[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]){11,32}`, "gu");

const IBAN_SHAPED = new RegExp(`${NOT_WORD_BEFORE}[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]{4}){3,7}(?: ?[A-Za-z0-9]{1,3})?${NOT_WORD_AFTER}`, "gu");

function findIbans(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const match of text.matchAll(IBAN_CANDIDATE)) {
    // The pattern may run on into the following words: try the longest valid prefix.
    const positions: number[] = [];
    let compact = "";
    for (let offset = 0; offset < match[0].length; offset++) {
      const char = match[0][offset]!;
      if (char === " ") continue;
      compact += char.toUpperCase();
      positions.push(match.index + offset);
    }
    for (let length = Math.min(34, compact.length); length >= 15; length--) {
      const end = positions[length - 1]! + 1;
      if (/[\p{L}\p{N}]/u.test(text[end] ?? "")) continue;
      if (isValidIban(compact.slice(0, length))) {
        found.push({ type: "iban", text: text.slice(match.index, end), start: match.index, end });
        break;
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// E-mail

const LOCAL = "[\\p{L}\\p{N}._%+-]+";
const DOMAIN = "[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}";
const EMAIL = new RegExp(`${LOCAL}(?:@|\\s?[\\[(]\\s?(?:at|ät)\\s?[\\])]\\s?)${DOMAIN}`, "giu");

// ---------------------------------------------------------------------------------------------
// Dates of birth

const MONTHS: [RegExp, number][] = [
  [/^(jan(uar|uary)?|jän(ner)?)\.?$/i, 1],
  [/^feb(ruar|ruary)?\.?$/i, 2],
  [/^(mär(z)?|maerz|mrz|mar(ch)?)\.?$/i, 3],
  [/^apr(il)?\.?$/i, 4],
  [/^(mai|may)$/i, 5],
  [/^jun[ie]?\.?$/i, 6],
  [/^jul[iy]?\.?$/i, 7],
  [/^aug(ust)?\.?$/i, 8],
  [/^sep(t|tember)?\.?$/i, 9],
  [/^(okt|oct)(ober)?\.?$/i, 10],
  [/^nov(ember)?\.?$/i, 11],
  [/^(dez|dec)(ember)?\.?$/i, 12],
];
const MONTH_WORD =
  "(?:Januar|January|Jänner|Jan\\.?|Februar|February|Feb\\.?|März|Maerz|March|Mrz\\.?|Mär\\.?|Mar\\.?|April|Apr\\.?|Mai|May|Juni|June|Jun\\.?|Juli|July|Jul\\.?|August|Aug\\.?|September|Sept?\\.?|Oktober|October|Okt\\.?|Oct\\.?|November|Nov\\.?|Dezember|December|Dez\\.?|Dec\\.?)";

const NUMERIC_DATE = new RegExp(`(?<![\\p{L}\\p{N}.])(\\d{1,2})\\.\\s?(\\d{1,2})\\.\\s?(\\d{4}|\\d{2})(?![\\p{N}]|\\.\\d)`, "gu");
const ISO_DATE = new RegExp(`${NOT_WORD_BEFORE}(\\d{4})-(\\d{2})-(\\d{2})${NOT_WORD_AFTER}`, "gu");
const WORD_DATE = new RegExp(`${NOT_WORD_BEFORE}(\\d{1,2})\\.?\\s?(${MONTH_WORD})\\s(\\d{4})${NOT_WORD_AFTER}`, "giu");
// "geb. 1985", "Jahrgang 1962": a year alone counts only right after such a word.
const BIRTH_YEAR = new RegExp(`${NOT_WORD_BEFORE}(?:geb\\.|geboren(?:\\s(?:am|im))?|Jahrgang|Jg\\.)\\s*(?:19|20)\\d{2}${NOT_WORD_AFTER}`, "giu");
// The words right before a date that make it a birth date.
const BIRTH_WORD_BEFORE = /(?:(?<![\p{L}\p{N}])(?:geb\.?|geboren|geburtsdatum|geburtstag|geb\.-datum|geb\.datum|dob|date of birth|born)|\*)\s*(?:am|on)?\s*[:.,]?\s*$/iu;

const MIN_BIRTH_AGE_YEARS = 14;

function realDate(day: number, month: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fullYear(value: string, now: Date): number {
  if (value.length === 4) return Number(value);
  const short = Number(value);
  return 2000 + short > now.getFullYear() ? 1900 + short : 2000 + short;
}

function findBirthDates(text: string, now: Date): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  const consider = (start: number, matched: string, day: number, month: number, year: number) => {
    if (!realDate(day, month, year)) return;
    const afterBirthWord = BIRTH_WORD_BEFORE.test(text.slice(Math.max(0, start - 30), start));
    const yearsBack = (now.getTime() - Date.UTC(year, month - 1, day)) / (365.25 * 86_400_000);
    if (afterBirthWord || yearsBack >= MIN_BIRTH_AGE_YEARS) found.push({ type: "birthDate", text: matched, start, end: start + matched.length });
  };
  for (const match of text.matchAll(NUMERIC_DATE)) consider(match.index, match[0], Number(match[1]), Number(match[2]), fullYear(match[3]!, now));
  for (const match of text.matchAll(ISO_DATE)) consider(match.index, match[0], Number(match[3]), Number(match[2]), Number(match[1]));
  for (const match of text.matchAll(WORD_DATE)) {
    const month = MONTHS.find(([pattern]) => pattern.test(match[2]!))?.[1];
    if (month) consider(match.index, match[0], Number(match[1]), month, Number(match[3]));
  }
  for (const match of text.matchAll(BIRTH_YEAR)) found.push({ type: "birthDate", text: match[0], start: match.index, end: match.index + match[0].length });
  return found;
}

// ---------------------------------------------------------------------------------------------
// File, case and customer numbers

const FILE_WORDS = [
  "Aktenzeichen",
  "Az",
  "Gz",
  "Geschäftszeichen",
  "Gesch\\.-?Z",
  "Vorgangsnummer",
  "Vorgangs-?Nr",
  "Kundennummer",
  "Kunden-?Nr",
  "Kd\\.?-?Nr",
  "BG-?Nummer",
  "BG-?Nr",
  "Bedarfsgemeinschaftsnummer",
  "Fallnummer",
  "Fall-?Nr",
  "Versichertennummer",
  "Versicherungsnummer",
  "Sozialversicherungsnummer",
  "Rentenversicherungsnummer",
  "SV-?Nummer",
  "RV-?Nummer",
  "Steuer-?ID",
  "Steuernummer",
  "Steueridentifikationsnummer",
  "Ausweisnummer",
  "Personalausweisnummer",
  "Pass-?Nummer",
  "Pass-?Nr",
  "AZR-?Nummer",
  "Mitgliedsnummer",
  "Vertragsnummer",
  "Kassenzeichen",
  "Zeichen",
];
const FILE_WORD = new RegExp(`${NOT_WORD_BEFORE}(?:${FILE_WORDS.join("|")})(?![\\p{L}])\\.?\\s*(?:[:#]|Nr\\.?)?\\s*`, "giu");
// An identifier: tokens with digits, or short capitals ("4 K 123/21", "12345BG0012345", "123/45").
const ID_TOKEN = "(?:[A-Za-z]{0,4}\\d[A-Za-z0-9]*|[A-Z]{1,3})";
const FILE_ID = new RegExp(`${ID_TOKEN}(?:[ /.\\-]${ID_TOKEN}){0,6}`, "uy");
const BG_NUMBER = new RegExp(`${NOT_WORD_BEFORE}\\d{5}BG\\d{7}${NOT_WORD_AFTER}`, "gu");
const LONG_NUMBER = /(?<![\p{L}\p{N}.,])\d{6,}(?![\p{L}\p{N}]|[.,]\d)(?!\s?(?:€|EUR\b|Euro|Prozent|%|km|qm|m²|Einwohner))/giu;

function findFileNumbers(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const word of text.matchAll(FILE_WORD)) {
    FILE_ID.lastIndex = word.index + word[0].length;
    const id = FILE_ID.exec(text);
    if (!id) continue;
    // Capitals after the number belong to the sentence ("Az. 123/45 AG Lindach"), not to it.
    const trimmed = id[0].replace(/(?:[ /.-][A-Z]{1,3})+$/u, "");
    if ((trimmed.match(/\d/g) ?? []).length < 2) continue;
    found.push({ type: "fileNumber", text: text.slice(word.index, id.index + trimmed.length).trim(), start: word.index, end: id.index + trimmed.length });
  }
  for (const match of text.matchAll(BG_NUMBER)) found.push({ type: "fileNumber", text: match[0], start: match.index, end: match.index + match[0].length });
  return found;
}

function findLongNumbers(text: string): PersonalDataFinding[] {
  return [...text.matchAll(LONG_NUMBER)].map((match) => ({ type: "fileNumber" as const, text: match[0], start: match.index, end: match.index + match[0].length }));
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

const SEP = "[ \\-/]?";
const INTERNATIONAL = new RegExp(`(?<![\\p{L}\\p{N}+])(?:\\+|00)[1-9]\\d{0,2}(?:${SEP}\\(0\\))?(?:${SEP}\\d){6,13}(?![\\p{N}])`, "gu");
const NATIONAL = new RegExp(`(?<![\\p{L}\\p{N}.,/])(?:\\(0\\d{2,5}\\)|0\\d{2,5})(?:${SEP}\\d){4,10}(?![\\p{N}]|[.,]\\d)`, "gu");
const PHONE_WORD = /(?<![\p{L}\p{N}])(?:Tel(?:efon(?:nummer)?)?|Handy(?:nummer)?|Mobil(?:nummer|telefon)?|Fax|Rufnummer|WhatsApp)\.?\s*(?:[:.]|Nr\.?)?\s*(\+?\d(?:[ \-/]?\d){4,14})(?![\p{N}])/giu;

function findPhones(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const pattern of [INTERNATIONAL, NATIONAL]) {
    for (const match of text.matchAll(pattern)) found.push({ type: "phone", text: match[0], start: match.index, end: match.index + match[0].length });
  }
  for (const match of text.matchAll(PHONE_WORD)) {
    const start = match.index + match[0].length - match[1]!.length;
    found.push({ type: "phone", text: match[1]!, start, end: start + match[1]!.length });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------

/**
 * Every piece of personal data found in the text, in reading order. Where two findings overlap,
 * the more specific one wins (IBAN before e-mail before date before file number before phone).
 * `now` decides which dates lie far enough back to be birth dates.
 */
export function findPersonalData(text: string, options: { now?: Date } = {}): PersonalDataFinding[] {
  const now = options.now ?? new Date();
  const passes: (() => PersonalDataFinding[])[] = [
    () => findIbans(text),
    () => [...text.matchAll(EMAIL)].map((match) => ({ type: "email" as const, text: match[0], start: match.index, end: match.index + match[0].length })),
    () => findBirthDates(text, now),
    () => findFileNumbers(text),
    () => findPhones(text),
    () => findLongNumbers(text),
  ];
  const kept: PersonalDataFinding[] = [];
  // Something shaped like an IBAN whose checksum fails is no finding, nor are its digit groups phones.
  const masked = [...text.matchAll(IBAN_SHAPED)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  for (const pass of passes) {
    for (const finding of pass().sort((a, b) => a.start - b.start || b.end - a.end)) {
      if ([...kept, ...(finding.type === "iban" ? [] : masked)].some((other) => finding.start < other.end && other.start < finding.end)) continue;
      kept.push(finding);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The findings by type, each snippet once (at most `perType`), for the warning next to the form. */
export function summarisePersonalData(findings: PersonalDataFinding[], perType = 5): PersonalDataSummary {
  return PERSONAL_DATA_TYPES.flatMap((type) => {
    const snippets = [...new Set(findings.filter((finding) => finding.type === type).map((finding) => finding.text.trim()))].slice(0, perType);
    return snippets.length ? [{ type, snippets }] : [];
  });
}

/** Checks several texts of one post (title, text, place) at once. */
export function personalDataIn(texts: (string | null | undefined)[], options: { now?: Date } = {}): PersonalDataSummary {
  return summarisePersonalData(texts.flatMap((text) => (text ? findPersonalData(text, options) : [])));
}
