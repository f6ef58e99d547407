import { parse } from "csv-parse/sync";
import { addPiece, type AddressList } from "./address-list";

// An uploaded CSV file of addresses, as spreadsheet programs save them: comma, semicolon or tab
// separated, UTF-8 with or without BOM. The address column is the one headed e-mail/email/E-Mail
// (or "E-Mail-Adresse", "Mail"), else the first column that holds an address.

const HEADER_NAMES = new Set(["email", "mail", "emailadresse", "emailaddress", "mailadresse"]);

const normaliseHeader = (cell: string) => cell.toLowerCase().replace(/[\s_.-]/g, "");

/** The separator of the file's first line: the one it holds most of. */
function delimiterOf(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const counts = [",", ";", "\t"].map((delimiter) => ({ delimiter, count: firstLine.split(delimiter).length - 1 }));
  return counts.reduce((best, next) => (next.count > best.count ? next : best)).delimiter;
}

export type CsvRefusal = "unreadable" | "noColumn";

/**
 * The addresses of a CSV file with the file's line numbers; duplicates (also of addresses in
 * `seen`) are folded, bad cells reported by line. A file that is no CSV, or has no address column,
 * is refused as a whole.
 */
export function parseAddressCsv(text: string, seen = new Set<string>()): AddressList | { refused: CsvRefusal } {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as typeof rows;
  } catch {
    return { refused: "unreadable" };
  }
  const list: AddressList = { entries: [], problems: [] };
  if (rows.length === 0) return list;
  const header = rows[0]!.record;
  let column = header.findIndex((cell) => HEADER_NAMES.has(normaliseHeader(cell)));
  let body = rows;
  if (column >= 0) {
    body = rows.slice(1);
  } else {
    column = Math.min(...rows.map((row) => row.record.findIndex((cell) => cell.includes("@"))).filter((index) => index >= 0));
    if (!Number.isFinite(column)) return { refused: "noColumn" };
    // A first line without an address there is a header of another name ("Adresse").
    if (!header[column]?.includes("@")) body = rows.slice(1);
  }
  for (const row of body) {
    const cell = row.record[column]?.trim() ?? "";
    if (cell) addPiece(list, seen, cell, row.info.lines, "file");
  }
  return list;
}
