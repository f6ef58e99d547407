import { parse } from "csv-parse/sync";
import type { TaxonomyKind } from "#db/schema/directory-enums";
import { msg, type ImportMessage } from "./import-messages";

// Terms of another system's taxonomy (docs/decisions/056-foreign-vocabularies-on-import.md). Pure
// helpers, shared by the importer, the mapping page and the mapping file of the command line.

/**
 * What identifies a foreign term within its source and taxonomy (`term_mappings.key`): the kind the
 * file links it as, then its code, else its name, in lower case ("target_group:pg-fam"). The kind is
 * part of the key because a decision needs it: a term maps to, or is adopted as, a local term of that kind.
 */
export function foreignTermKey(term: { kind: TaxonomyKind; code: string | null; name: string }): string {
  return `${term.kind}:${(term.code ?? term.name).trim().toLowerCase()}`;
}

/** The kind a stored key names. */
export const kindOfKey = (key: string): TaxonomyKind => (key.startsWith("target_group:") ? "target_group" : "category");

/**
 * Where a file's foreign terms come from, when the importer is not told (`--source`): the file's name
 * without folder and extensions ("second-district.hsds.json" → "second-district"). Decisions are
 * reused for the next import of a file of the same name.
 */
export function sourceOfFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/(\.[a-z0-9]{1,5})+$/i, "").trim() || base;
}

export const MAPPING_COLUMNS = ["taxonomy", "term", "local_term"] as const;
/** The words of the `local_term` column that are not a slug. */
export const ADOPT = "adopt";
export const IGNORE = "ignore";

/** One line of a mapping file: the foreign term (taxonomy, and its code or name) and what becomes of it. */
export type MappingLine = { line: number; taxonomy: string; term: string; decision: { map: string } | { adopt: true } | { ignore: true } };
export type MappingFileError = { line: number | null; message: ImportMessage };

/**
 * Reads a mapping file: CSV (comma or semicolon) with the header `taxonomy,term,local_term`; `term` is
 * the foreign term's code or name, `local_term` the slug of a local term of the same kind, or `adopt`
 * or `ignore`. Every mistake comes back with its line; lines are 1-based and count the header.
 */
export function readMappingFile(text: string): { lines: MappingLine[]; errors: MappingFileError[] } {
  const errors: MappingFileError[] = [];
  const body = text.replace(/^\uFEFF/, "");
  const header = body.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = header.split(";").length > header.split(",").length ? ";" : ",";
  let rows: string[][];
  try {
    rows = parse(body, { delimiter, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    return { lines: [], errors: [{ line, message: msg("vocabularyImport.mapFile.notCsv", { detail: (error as Error).message }) }] };
  }
  const columns = (rows[0] ?? []).map((cell) => cell.toLowerCase());
  if (MAPPING_COLUMNS.some((column, index) => columns[index] !== column) || columns.length !== MAPPING_COLUMNS.length) {
    return { lines: [], errors: [{ line: 1, message: msg("vocabularyImport.mapFile.header", { expected: MAPPING_COLUMNS.join(",") }) }] };
  }
  const lines: MappingLine[] = [];
  const seen = new Map<string, number>();
  for (const [index, row] of rows.slice(1).entries()) {
    const line = index + 2;
    if (row.every((cell) => !cell)) continue;
    if (row.length !== MAPPING_COLUMNS.length) {
      errors.push({ line, message: msg("vocabularyImport.mapFile.columns", { count: row.length, expected: MAPPING_COLUMNS.length }) });
      continue;
    }
    const [taxonomy, term, local] = row as [string, string, string];
    const missing = [taxonomy ? null : "taxonomy", term ? null : "term", local ? null : "local_term"].filter(Boolean);
    if (missing.length > 0) {
      errors.push({ line, message: msg("vocabularyImport.mapFile.missing", { columns: missing.join(", ") }) });
      continue;
    }
    const value = local.toLowerCase();
    if (value !== ADOPT && value !== IGNORE && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value)) {
      errors.push({ line, message: msg("vocabularyImport.mapFile.notSlug", { value: local }) });
      continue;
    }
    const key = `${taxonomy.toLowerCase()}\u0000${term.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ line, message: msg("vocabularyImport.mapFile.repeated", { first }) });
      continue;
    }
    seen.set(key, line);
    lines.push({ line, taxonomy, term, decision: value === ADOPT ? { adopt: true } : value === IGNORE ? { ignore: true } : { map: value } });
  }
  if (lines.length === 0 && errors.length === 0) errors.push({ line: null, message: msg("vocabularyImport.mapFile.empty") });
  return { lines, errors };
}
