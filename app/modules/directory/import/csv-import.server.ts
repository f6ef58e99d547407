import { parse } from "csv-parse/sync";
import { z } from "zod";
import { accessModes, costKinds, entryStatuses, partnerKinds, type TaxonomyKind } from "#db/schema";
import { TERM_LABEL_MAX } from "#app/modules/taxonomy/taxonomy-schemas";
import {
  findTerm,
  importErrorMap,
  issueMessage,
  issuesFrom,
  normalizeLanguageCode,
  unknownTermMessage,
  type ForeignTermInput,
  type ImportContext,
  type ImportIssue,
  type LocationInput,
  type ParsedFile,
  type RecordResult,
} from "./import-schema.server";
import { asIssueMessage, listOf, msg, shown, type ImportMessage } from "./import-messages";
import { formatOpeningHours, parseOpeningHours } from "./opening-hours";
import { foreignTermKey } from "./foreign-terms";
import { groupBy } from "#db/collections";
import { slugify } from "#app/utils/slug";

/** The columns of the CSV template, in the order of docs/import-example.csv. */
export const CSV_COLUMNS = [
  "partner_key",
  "partner_name",
  "partner_short_name",
  "partner_kind",
  "partner_description",
  "partner_website",
  "partner_email",
  "partner_phone",
  "service_key",
  "service_name",
  "description",
  "categories",
  "target_groups",
  "languages",
  "cost",
  "cost_note",
  "eligibility",
  "how_to_access",
  "access_modes",
  "contact_name",
  "keywords",
  "status",
  "location_name",
  "street",
  "postal_code",
  "town",
  "latitude",
  "longitude",
  "wheelchair_accessible",
  "accessibility_note",
  "opening_hours",
] as const;
type Column = (typeof CSV_COLUMNS)[number];

export const REQUIRED_COLUMNS: Column[] = ["partner_key", "partner_name", "partner_kind", "service_key", "service_name", "categories", "target_groups", "languages"];

const PARTNER_COLUMNS = ["partner_name", "partner_short_name", "partner_kind", "partner_description", "partner_website", "partner_email", "partner_phone"] as const;
const LOCATION_COLUMNS = ["location_name", "town", "latitude", "longitude", "wheelchair_accessible", "accessibility_note", "opening_hours"] as const;
const ADDRESS_COLUMNS = ["street", "postal_code", "town"] as const;

// A column left out of the file is not stated (undefined: kept on update); an empty cell is empty (null).
const cell = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (typeof value === "string" ? value.trim() || null : value), schema.nullish());
const text = (max: number) => cell(z.string().max(max));
const KeySchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, issueMessage("keyCharacters"));
const RequiredText = z.string().trim().min(1).max(160);

type ItemResult<T> = { value: T } | { error: ImportMessage };

/**
 * A `|`-separated cell, each value checked by `item`; its problems stand at `column[index]`. A value
 * given twice (the same `keyOf`) is kept once.
 */
function list<T>(item: (value: string) => ItemResult<T>, keyOf: (value: T) => unknown = (value) => value) {
  return cell(z.string()).transform((raw, ctx) => {
    if (raw == null) return raw;
    const values: T[] = [];
    for (const [index, part] of raw.split("|").entries()) {
      if (!part.trim()) continue;
      const result = item(part.trim());
      if ("error" in result) ctx.issues.push({ code: "custom", path: [index], message: asIssueMessage(result.error), input: part });
      else if (!values.some((value) => keyOf(value) === keyOf(result.value))) values.push(result.value);
    }
    return values;
  });
}

const requiredList = <T>(schema: z.ZodType<T[] | null | undefined>) =>
  schema.refine((values) => values === undefined || (values?.length ?? 0) > 0, { message: issueMessage("needsValue"), abort: true });

/** One of a few lower-case words; the cell may be written in any case. */
const word = <T extends string>(values: readonly T[]) =>
  cell(z.string()).transform((raw, ctx) => {
    if (raw == null) return raw;
    const match = values.find((candidate) => candidate === raw.toLowerCase());
    if (match) return match;
    ctx.issues.push({ code: "custom", message: issueMessage("notOneOf", { value: shown(raw), values: listOf(values) }), input: raw });
    return z.NEVER;
  });

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string): ItemResult<T> => {
    const match = values.find((candidate) => candidate === value.toLowerCase());
    return match ? { value: match } : { error: msg("notOneOf", { value: shown(value), values: listOf(values) }) };
  };

/**
 * The taxonomy a file's own names of categories and target groups are kept under (term_mappings.taxonomy):
 * the template's column, so that a mapping file names a term as `categories,Sprachkurse,sprache`.
 */
export const CSV_TAXONOMIES: Record<TaxonomyKind, "categories" | "target_groups"> = { category: "categories", target_group: "target_groups" };

/** A term of ours (its slug), or a name of the file's own vocabulary, kept as a foreign term (docs/decisions/056). */
type TermValue = { slug: string } | { foreign: ForeignTermInput };
const termKey = (value: TermValue) => ("slug" in value ? `slug:${value.slug}` : `foreign:${foreignTermKey(value.foreign)}`);

// A name a coordinator could adopt as a label: some letter or digit, no control character, not longer than a label may be.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// NOTE: the report has one line per problem, so a line break in a cell is shown escaped.
const visible = (value: string) =>
  value.replace(CONTROL, (character) => {
    const escaped = JSON.stringify(character).slice(1, -1);
    return escaped !== character ? escaped : `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });

function term(context: ImportContext, kind: TaxonomyKind) {
  return (value: string): ItemResult<TermValue> => {
    const match = findTerm(context, value, kind)[0];
    if (match) return { value: { slug: match.slug } };
    if (value.length > TERM_LABEL_MAX) return { error: msg("maxChars", { max: TERM_LABEL_MAX }) };
    if (visible(value) !== value || !/[\p{L}\p{N}]/u.test(value)) return { error: unknownTermMessage(context, kind, visible(value)) };
    // Another name than ours never refuses the row: the service waits as a draft until a coordinator settles the term.
    return { value: { foreign: { kind, taxonomy: CSV_TAXONOMIES[kind], code: null, name: value } } };
  };
}

const coordinate = (limit: number) =>
  cell(z.string()).transform((raw, ctx) => {
    if (raw == null) return raw;
    // Spreadsheets set to German write a decimal comma.
    const value = Number(raw.replace(",", "."));
    if (Number.isFinite(value) && Math.abs(value) <= limit) return value;
    ctx.issues.push({ code: "custom", message: issueMessage("notCoordinate", { value: raw, limit }), input: raw });
    return z.NEVER;
  });

const YES = ["yes", "ja", "true", "1", "x"];
const NO = ["no", "nein", "false", "0"];

function createRowSchema(context: ImportContext) {
  return z.object({
    partner_key: KeySchema,
    partner_name: RequiredText,
    partner_short_name: text(60),
    partner_kind: word(partnerKinds).refine((kind) => kind != null, issueMessage("required")),
    partner_description: text(4000),
    partner_website: cell(z.url({ protocol: /^https?$/ })),
    partner_email: cell(z.email()),
    partner_phone: text(60),
    service_key: KeySchema,
    service_name: RequiredText,
    description: text(4000),
    categories: requiredList(list(term(context, "category"), termKey)),
    target_groups: requiredList(list(term(context, "target_group"), termKey)),
    languages: requiredList(
      list((value): ItemResult<string> => {
        const result = normalizeLanguageCode(value);
        return "error" in result ? result : { value: result.code };
      }),
    ),
    cost: word(costKinds),
    cost_note: text(500),
    eligibility: text(1000),
    how_to_access: text(2000),
    access_modes: list(oneOf(accessModes)),
    contact_name: text(120),
    keywords: list((value): ItemResult<string> => ({ value })),
    status: word(entryStatuses),
    location_name: text(160),
    street: text(160),
    postal_code: cell(z.string().regex(/^\d{5}$/, issueMessage("fiveDigits"))),
    town: text(80),
    latitude: coordinate(90),
    longitude: coordinate(180),
    wheelchair_accessible: cell(z.string()).transform((raw, ctx) => {
      if (raw == null || YES.includes(raw.toLowerCase())) return raw == null ? raw : true;
      if (NO.includes(raw.toLowerCase())) return false;
      ctx.issues.push({ code: "custom", message: issueMessage("notYesNo", { value: raw }), input: raw });
      return z.NEVER;
    }),
    accessibility_note: text(1000),
    opening_hours: cell(z.string()).transform((raw, ctx) => {
      if (raw == null) return raw;
      const { slots, errors } = parseOpeningHours(raw);
      for (const error of errors) ctx.issues.push({ code: "custom", path: [error.index], message: asIssueMessage(error.message), input: raw });
      return errors.length ? z.NEVER : slots;
    }),
  });
}
type CsvRow = z.infer<ReturnType<typeof createRowSchema>>;

type Parsed = { result: RecordResult; row: CsvRow };

const show = (value: unknown) => (Array.isArray(value) && value.every((item) => typeof item === "object") ? shown(formatOpeningHours(value)) : shown(value));

/**
 * Rows that describe the same partner (or the same place) must agree: the first value given for a
 * column is taken for all of them, a different one is an error at the later row.
 */
function mergeGroups(rows: Parsed[], keyOf: (row: CsvRow) => string | null, columns: readonly Column[], what: (row: CsvRow) => ImportMessage) {
  const groups = groupBy(rows, (parsed) => keyOf(parsed.row));
  for (const group of groups.values()) {
    for (const column of columns) {
      const source = group.find((parsed) => parsed.row[column] != null);
      if (!source) continue;
      const value = source.row[column];
      for (const parsed of group) {
        const own = parsed.row[column];
        if (own != null && JSON.stringify(own) !== JSON.stringify(value)) {
          parsed.result.errors.push({ path: column, message: msg("differs", { own: show(own), first: show(value), record: source.result.index, what: what(parsed.row) }) });
        }
        (parsed.row as Record<Column, unknown>)[column] = value;
      }
    }
  }
}

const locationKey = (row: CsvRow) => (row.street && row.postal_code ? `${row.partner_key}:${slugify(row.street)}:${row.postal_code}` : null);

function checkAddress(row: CsvRow): ImportIssue[] {
  const given = ADDRESS_COLUMNS.filter((column) => row[column] != null);
  const placeOnly = LOCATION_COLUMNS.filter((column) => column !== "town" && row[column] != null);
  if (given.length === ADDRESS_COLUMNS.length || (given.length === 0 && placeOnly.length === 0)) return [];
  const missing = ADDRESS_COLUMNS.filter((column) => row[column] == null);
  return missing.map((column) => ({ path: column, message: msg("requiredWithPlace", { columns: listOf([...given, ...placeOnly]) }) }));
}

function toLocation(row: CsvRow): LocationInput | null {
  const externalId = locationKey(row);
  if (!externalId || !row.street || !row.postal_code || !row.town) return null;
  return {
    externalId,
    name: row.location_name,
    street: row.street,
    postalCode: row.postal_code,
    town: row.town,
    latitude: row.latitude,
    longitude: row.longitude,
    wheelchairAccessible: row.wheelchair_accessible === undefined ? undefined : (row.wheelchair_accessible ?? false),
    accessibilityNote: row.accessibility_note,
    hours: row.opening_hours === undefined ? undefined : (row.opening_hours ?? []),
  };
}

function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [",", ";", "\t"].map((delimiter) => [delimiter, header.split(delimiter).length] as const);
  return counts.reduce((best, candidate) => (candidate[1] > best[1] ? candidate : best))[0];
}

/** Reads a file of the CSV template: one row per service, multiple values separated by `|`. */
export function readCsv(text: string, context: ImportContext): ParsedFile {
  const file: ParsedFile = { format: "csv", records: [], fileErrors: [], fileWarnings: [] };
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    const content = text.replace(/^\uFEFF/, "");
    rows = parse(content, { delimiter: detectDelimiter(content), relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof rows;
  } catch (error) {
    file.fileErrors.push(msg("notCsv", { detail: (error as Error).message }));
    return file;
  }
  const [head, ...body] = rows;
  if (!head) {
    file.fileErrors.push(msg("emptyFile"));
    return file;
  }
  const header = head.record.map((name) => name.trim().toLowerCase());
  for (const [index, name] of header.entries()) {
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) file.fileErrors.push(msg("unknownColumn", { name, known: listOf(CSV_COLUMNS) }));
    else if (header.indexOf(name) !== index) file.fileErrors.push(msg("columnTwice", { name }));
  }
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length) file.fileErrors.push(msg("missingColumns", { count: missing.length, columns: listOf(missing) }));
  if (body.length === 0) file.fileErrors.push(msg("noRecords"));
  if (file.fileErrors.length) return file;

  const schema = createRowSchema(context);
  const parsedRows: Parsed[] = [];
  const serviceKeys = new Map<string, number>();
  for (const [position, { record: cells, info }] of body.entries()) {
    const values = Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ""]));
    const name = values.service_name?.trim();
    const key = values.service_key?.trim();
    const label = name ? msg("label.service", { name }) : key ? msg("label.serviceKey", { key }) : msg("label.serviceWithoutNameOrKey");
    const result: RecordResult = { index: position + 1, line: info.lines, label, errors: [], warnings: [] };
    file.records.push(result);
    if (cells.length !== header.length) result.errors.push({ path: "", message: msg("fieldCount", { fields: cells.length, header: header.length }) });
    if (key) {
      const first = serviceKeys.get(key);
      if (first !== undefined) result.errors.push({ path: "service_key", message: msg("keyUsed", { key, record: first }) });
      else serviceKeys.set(key, result.index);
    }
    const parsed = schema.safeParse(values, { error: importErrorMap });
    if (!parsed.success) {
      result.errors.push(...issuesFrom(parsed.error));
      continue;
    }
    if ((parsed.data.latitude == null) !== (parsed.data.longitude == null)) result.errors.push({ path: parsed.data.latitude == null ? "latitude" : "longitude", message: msg("coordinatesTogether") });
    result.errors.push(...checkAddress(parsed.data));
    for (const code of parsed.data.languages ?? []) {
      const warning = (normalizeLanguageCode(code) as { warning?: ImportMessage }).warning;
      if (warning) result.warnings.push({ path: "languages", message: warning });
    }
    parsedRows.push({ result, row: parsed.data });
  }

  mergeGroups(
    parsedRows,
    (row) => row.partner_key,
    PARTNER_COLUMNS,
    (row) => msg("samePartner", { key: row.partner_key }),
  );
  mergeGroups(parsedRows, locationKey, LOCATION_COLUMNS, (row) => msg("samePlace", { street: row.street ?? "", postalCode: row.postal_code ?? "" }));

  for (const { result, row } of parsedRows) {
    if (result.errors.length) continue;
    const terms = [...(row.categories ?? []), ...(row.target_groups ?? [])];
    const slugs = (values: TermValue[] | null | undefined) => values?.flatMap((value) => ("slug" in value ? [value.slug] : []));
    const orEmpty = <T>(value: T | null | undefined, empty: T) => (value === undefined ? undefined : (value ?? empty));
    const location = toLocation(row);
    result.record = {
      partner: {
        externalId: row.partner_key,
        name: row.partner_name,
        shortName: row.partner_short_name,
        kind: row.partner_kind,
        description: orEmpty(row.partner_description, ""),
        website: row.partner_website,
        email: row.partner_email,
        phone: row.partner_phone,
      },
      service: {
        externalId: row.service_key,
        name: row.service_name,
        description: orEmpty(row.description, ""),
        categories: slugs(row.categories),
        targetGroups: slugs(row.target_groups),
        // Both columns are required, so a row always states its foreign terms: none drops the links of an earlier import.
        foreignTerms: terms.flatMap((value) => ("foreign" in value ? [value.foreign] : [])),
        languages: row.languages ?? undefined,
        cost: orEmpty(row.cost, "unknown"),
        costNote: row.cost_note,
        eligibility: row.eligibility,
        howToAccess: row.how_to_access,
        accessModes: orEmpty(row.access_modes, []),
        contactName: row.contact_name,
        keywords: orEmpty(row.keywords, []),
        status: orEmpty(row.status, "active"),
      },
      // Without the address columns the file says nothing about places: the service keeps its own.
      locations: row.street === undefined ? undefined : location ? [location] : [],
    };
  }
  return file;
}
