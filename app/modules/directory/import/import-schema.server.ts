import { type z } from "zod";
import type { AccessMode, PartnerKind, TaxonomyKind } from "../../../../db/schema";
import type { OpeningSlot } from "./opening-hours";
import { slugify } from "~/utils/slug";

// In the records below, `undefined` means "the source does not say": a new row gets the column's
// default and an existing row keeps its value. `null` means "empty": the value is cleared.

export type PartnerInput = {
  externalId: string;
  name: string;
  shortName?: string | null;
  kind?: PartnerKind;
  description?: string;
  website?: string | null;
  email?: string | null;
  phone?: string | null;
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
  name: string;
  description?: string;
  languages?: string[];
  cost?: "free" | "fee";
  costNote?: string | null;
  eligibility?: string | null;
  accessModes?: AccessMode[];
  contactName?: string | null;
  keywords?: string[];
  status?: "active" | "archived";
  categories?: string[];
  targetGroups?: string[];
};

/** One service with its partner and places, checked and ready to write; without `locations` its places stay as they are. */
export type ImportRecord = { partner: PartnerInput; service: ServiceInput; locations?: LocationInput[] };

export type ImportIssue = { path: string; message: string };

/** What reading one record of a file gave: the record when it has no errors. */
export type RecordResult = {
  /** 1-based position in the file. */
  index: number;
  /** How the record is named in messages: `service "Integrationskurs"`. */
  label: string;
  line?: number;
  record?: ImportRecord;
  errors: ImportIssue[];
  warnings: ImportIssue[];
};

export type ParsedFile = { format: "hsds" | "csv"; records: RecordResult[]; fileErrors: string[]; fileWarnings: string[] };

export type TermChoice = { kind: TaxonomyKind; slug: string; labels: Record<string, string> };

/** The taxonomy that categories and target groups are checked against. */
export type ImportContext = { terms: TermChoice[] };

export const KIND_NAMES: Record<TaxonomyKind, string> = { category: "category", target_group: "target group" };

/** The term a value names, by slug or by a label in any language, ignoring case, umlaut spelling and punctuation. */
export function findTerm(context: ImportContext, value: string, kind?: TaxonomyKind): TermChoice[] {
  const wanted = slugify(value);
  if (!wanted) return [];
  return context.terms.filter(
    (term) => (kind === undefined || term.kind === kind) && (term.slug === wanted || Object.values(term.labels).some((label) => slugify(label) === wanted)),
  );
}

export function unknownTermMessage(context: ImportContext, kind: TaxonomyKind, value: string): string {
  const known = context.terms.filter((term) => term.kind === kind).map((term) => term.slug);
  return `unknown ${KIND_NAMES[kind]} "${value}" (known: ${known.join(", ")})`;
}

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/**
 * An ISO 639-1 or 639-3 language code as stored: lower case, and the two-letter code where one
 * exists ("deu" → "de"). Codes the app cannot name (it shows languages by Intl.DisplayNames) are
 * kept with a warning when they are well-formed three-letter codes, refused otherwise.
 */
export function normalizeLanguageCode(raw: string): { code: string; warning?: string } | { error: string } {
  const code = raw.trim().toLowerCase();
  if (!/^[a-z]{2,3}$/.test(code)) return { error: `"${raw}" is not an ISO 639-1 or 639-3 language code (like de, ar, prs)` };
  let canonical = code;
  try {
    canonical = Intl.getCanonicalLocales(code)[0] ?? code;
  } catch {
    // not a valid tag: handled below as unknown
  }
  const known = languageNames.of(code) !== undefined;
  if (/^[a-z]{2}$/.test(canonical) && known) return { code: canonical };
  if (known) return { code };
  if (code.length === 2) return { error: `unknown language code "${raw}" (ISO 639-1 expected, like de, en, ar)` };
  return { code, warning: `language code "${code}" is not one the site can name; it is kept as it is` };
}

/** Clean English messages for zod's built-in checks, one short phrase each. */
export const importErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? "required" : `expected ${issue.expected}, got ${describe(issue.input)}`;
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "must not be empty" : `must be at least ${issue.minimum} characters`;
      if (issue.origin === "array") return `needs at least ${issue.minimum} value${Number(issue.minimum) === 1 ? "" : "s"}`;
      return `must be at least ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `must be at most ${issue.maximum} characters`;
      if (issue.origin === "array") return `takes at most ${issue.maximum} values`;
      return `must be at most ${issue.maximum}`;
    case "invalid_value":
      return `${describe(issue.input)} is not one of ${issue.values.map(String).join(", ")}`;
    case "invalid_format":
      if (issue.format === "email") return `${describe(issue.input)} is not an e-mail address`;
      if (issue.format === "url") return `${describe(issue.input)} is not a web address starting with http:// or https://`;
      return undefined;
    default:
      return undefined;
  }
};

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : String(value);
}

/** A zod path as people read it: `service_at_locations[0].location.name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), "");
}

export function issuesFrom(error: z.ZodError): ImportIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** One line per problem: `record 3 (service "Integrationskurs"): categories[1]: unknown category "foo" (…)`. */
export function formatIssue(result: RecordResult, issue: ImportIssue, severity: "error" | "warning" = "error"): string {
  const where = [result.line ? `line ${result.line}` : null, result.label].filter(Boolean).join(", ");
  return `record ${result.index} (${where}): ${severity === "warning" ? "warning: " : ""}${issue.path ? `${issue.path}: ` : ""}${issue.message}`;
}

/** Trimmed text, or null when empty. */
export function cleanText(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}
