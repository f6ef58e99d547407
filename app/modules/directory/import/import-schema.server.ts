import { z } from "zod";
import { nameKey } from "#app/utils/slug";
import type { AccessMode, CostKind, EntryStatus, PartnerKind, TaxonomyKind } from "#db/schema";
import { asIssueMessage, fromIssueMessage, listOf, msg, shown, type ImportMessage, type Translate } from "./import-messages";
import type { OpeningSlot } from "./opening-hours";

// In the records below, `undefined` means "the source does not say": a new row gets the column's
// default and an existing row keeps its value. `null` means "empty": the value is cleared.

export type PartnerInput = {
  externalId: string;
  /** Wanted for a new partner; taken when free, else numbered. An existing partner keeps its slug (its address). */
  slug?: string;
  name: string;
  shortName?: string | null;
  kind?: PartnerKind;
  description?: string;
  website?: string | null;
  email?: string | null;
  phone?: string | null;
  /** The description in other languages, by language: the whole set (a language left out is removed). */
  translations?: Record<string, { description: string | null }>;
};

export type LocationInput = {
  externalId: string;
  name?: string | null;
  street: string;
  postalCode: string;
  town: string;
  latitude?: number | null;
  longitude?: number | null;
  accessibilityNote?: string | null;
  wheelchairAccessible?: boolean;
  hours?: OpeningSlot[];
};

export type ServiceInput = {
  externalId: string;
  /** As for partners: used when the service is created, if free. */
  slug?: string;
  name: string;
  description?: string;
  languages?: string[];
  cost?: CostKind;
  costNote?: string | null;
  eligibility?: string | null;
  howToAccess?: string | null;
  accessModes?: AccessMode[];
  contactName?: string | null;
  keywords?: string[];
  status?: EntryStatus;
  categories?: string[];
  targetGroups?: string[];
  /** The support chain: external ids of the services that usually follow this one, in this file or imported before. */
  nextSteps?: string[];
  /** Name, description, eligibility and how to access in other languages, by language: the whole set. */
  translations?: Record<string, { name: string | null; description: string | null; eligibility: string | null; howToAccess: string | null }>;
  /** Terms of another system's taxonomy that name none of ours: settled by a stored decision, else the service is a draft (foreign-terms.server.ts). */
  foreignTerms?: ForeignTermInput[];
};

/** A term of another system's taxonomy, as a record carries it: the kind is what the file links it as. */
export type ForeignTermInput = { kind: TaxonomyKind; taxonomy: string; code: string | null; name: string };

/** One service with its partner and places, checked and ready to write; without `locations` its places stay as they are. */
export type ImportRecord = { partner: PartnerInput; service: ServiceInput; locations?: LocationInput[] };

export type ImportIssue = { path: string; message: ImportMessage };

/** What reading one record of a file gave: the record when it has no errors. */
export type RecordResult = {
  /** 1-based position in the file. */
  index: number;
  /** How the record is named in messages: `service "Integrationskurs"`. */
  label: ImportMessage;
  line?: number;
  record?: ImportRecord;
  errors: ImportIssue[];
  warnings: ImportIssue[];
};

export type ParsedFile = { format: "hsds" | "csv"; records: RecordResult[]; fileErrors: ImportMessage[]; fileWarnings: ImportMessage[] };

export type TermChoice = { kind: TaxonomyKind; slug: string; labels: Record<string, string> };

/** The taxonomy that categories and target groups are checked against. */
export type ImportContext = { terms: TermChoice[] };

/** The term a value names, by slug or by a label in any language, ignoring case, umlaut spelling and punctuation. */
export function findTerm(context: ImportContext, value: string, kind?: TaxonomyKind): TermChoice[] {
  const wanted = nameKey(value);
  if (!wanted) return [];
  return context.terms.filter((term) => (kind === undefined || term.kind === kind) && (term.slug === wanted || Object.values(term.labels).some((label) => nameKey(label) === wanted)));
}

export function unknownTermMessage(context: ImportContext, kind: TaxonomyKind, value: string): ImportMessage {
  const known = context.terms.filter((term) => term.kind === kind).map((term) => term.slug);
  return msg(kind === "category" ? "unknownCategory" : "unknownTargetGroup", { value, known: listOf(known) });
}

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/**
 * An ISO 639-1 or 639-3 language code as stored: lower case, and the two-letter code where one
 * exists ("deu" → "de"). Codes the app cannot name (it shows languages by Intl.DisplayNames) are
 * kept with a warning when they are well-formed three-letter codes, refused otherwise.
 */
export function normalizeLanguageCode(raw: string): { code: string; warning?: ImportMessage } | { error: ImportMessage } {
  const code = raw.trim().toLowerCase();
  if (!/^[a-z]{2,3}$/.test(code)) return { error: msg("notLanguageCode", { value: raw }) };
  let canonical = code;
  try {
    canonical = Intl.getCanonicalLocales(code)[0] ?? code;
  } catch {
    // not a valid tag: handled below as unknown
  }
  const known = languageNames.of(code) !== undefined;
  if (/^[a-z]{2}$/.test(canonical) && known) return { code: canonical };
  if (known) return { code };
  if (code.length === 2) return { error: msg("unknownLanguageCode", { value: raw }) };
  return { code, warning: msg("languageCodeKept", { code }) };
}

const TYPE_NAMES = new Set(["string", "number", "boolean", "array", "object"]);

/** zod's built-in checks as report messages, one short phrase each (carried through zod as JSON). */
export const importErrorMap: z.core.$ZodErrorMap = (issue) => {
  const message = builtInMessage(issue);
  return message ? asIssueMessage(message) : undefined;
};

function builtInMessage(issue: Parameters<z.core.$ZodErrorMap>[0]): ImportMessage | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return msg("required");
      return msg("wrongType", { expected: TYPE_NAMES.has(issue.expected) ? msg(`type.${issue.expected}`) : issue.expected, got: shown(issue.input) });
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? msg("empty") : msg("minChars", { min: Number(issue.minimum) });
      if (issue.origin === "array") return msg("minValues", { count: Number(issue.minimum) });
      return msg("minNumber", { min: Number(issue.minimum) });
    case "too_big":
      if (issue.origin === "string") return msg("maxChars", { max: Number(issue.maximum) });
      if (issue.origin === "array") return msg("maxValues", { max: Number(issue.maximum) });
      return msg("maxNumber", { max: Number(issue.maximum) });
    case "invalid_value":
      return msg("notOneOf", { value: shown(issue.input), values: listOf(issue.values.map(String)) });
    case "invalid_format":
      if (issue.format === "email") return msg("notEmail", { value: shown(issue.input) });
      if (issue.format === "url") return msg("notUrl", { value: shown(issue.input) });
      return undefined;
    default:
      return undefined;
  }
}

/** A custom check's message for a zod issue. */
export const issueMessage = (key: string, values?: Parameters<typeof msg>[1]) => asIssueMessage(msg(key, values));

/** A zod path as people read it: `service_at_locations[0].location.name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), "");
}

export function issuesFrom(error: z.ZodError): ImportIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: fromIssueMessage(issue.message) }));
}

/** One line per problem: `record 3 (service "Integrationskurs"): categories[1]: unknown category "foo" (…)`. */
export function formatIssue(translate: Translate, result: RecordResult, issue: ImportIssue, severity: "error" | "warning" = "error"): string {
  const where = [result.line ? translate(msg("line", { line: result.line })) : null, translate(result.label)].filter(Boolean).join(", ");
  const text = `${severity === "warning" ? translate(msg("warningPrefix")) : ""}${issue.path ? `${issue.path}: ` : ""}${translate(issue.message)}`;
  return translate(msg("recordLine", { index: result.index, where, text }));
}

/** An HSDS value that may be left out; empty strings count as missing, as many exports write them. */
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (typeof value === "string" ? value.trim() || null : value), schema.nullish());

/** The id of an HSDS record (some exports write numbers). */
export const IdSchema = z.preprocess((value) => (typeof value === "number" ? String(value) : value), z.string().trim().min(1).max(200));

/** Trimmed text, or null when empty. */
export function cleanText(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}
