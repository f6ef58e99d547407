import { z } from "zod";
import { accessModes } from "#db/schema/directory-enums";
import { FACET_NAMES, SORTS } from "./directory-lists";

export { FACET_NAMES, FACET_PREVIEW, PAGE_SIZE, SORTS, type FacetName } from "./directory-lists";

const list = (item: z.ZodType<string>) => z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item).max(30));
const slug = z.string().regex(/^[a-z0-9-]{1,60}$/);

/**
 * Every state of the directory lives in the query string; this is what it may hold. Values are
 * checked against their form here and against the taxonomy and the towns where they are used.
 */
export const DirectoryQuerySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  kategorie: list(slug).catch([]),
  zielgruppe: list(slug).catch([]),
  sprache: list(z.string().regex(/^[a-z]{2,3}$/)).catch([]),
  ort: list(z.string().min(1).max(60)).catch([]),
  zugang: list(z.enum(accessModes)).catch([]),
  kostenlos: z.literal("1").optional().catch(undefined),
  // Only services at a location with wheelchair access.
  rollstuhl: z.literal("1").optional().catch(undefined),
  offen: z.literal("1").optional().catch(undefined),
  sortierung: z.enum(SORTS).catch("relevanz"),
  von: z.string().trim().max(60).catch(""),
  seite: z.coerce.number().int().min(1).max(500).catch(1),
  // Facets shown with all their values.
  mehr: list(z.enum(FACET_NAMES)).catch([]),
  // The words as typed: no place is read from the query (the place notice's link).
  woertlich: z.literal("1").optional().catch(undefined),
});

export type DirectoryQuery = z.infer<typeof DirectoryQuerySchema>;

/** Whether any filter narrows the search (the query text aside). */
export function hasFilters(query: DirectoryQuery): boolean {
  return Boolean(query.kategorie.length || query.zielgruppe.length || query.sprache.length || query.ort.length || query.zugang.length || query.kostenlos || query.rollstuhl || query.offen);
}

/** Reads the directory's state from URL search params (repeated keys for several values). */
export function parseDirectoryQuery(params: URLSearchParams): DirectoryQuery {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).filter((value) => value !== "");
    if (values.length > 0) raw[key] = values.length === 1 && !["kategorie", "zielgruppe", "sprache", "ort", "zugang", "mehr"].includes(key) ? values[0]! : values;
  }
  return DirectoryQuerySchema.parse(raw);
}

/** Text with its matches marked: what the highlight of a hit turns into, never raw HTML. */
export type MarkedText = { text: string; marked: boolean }[];

export const MARK_START = "\u0001";
export const MARK_END = "\u0002";

/** Splits Meilisearch's formatted text at the markers we asked it to put around matches. */
export function toMarkedText(formatted: string): MarkedText {
  const parts: MarkedText = [];
  for (const [index, chunk] of formatted.split(MARK_START).entries()) {
    if (index === 0) {
      if (chunk) parts.push({ text: chunk, marked: false });
      continue;
    }
    const [marked, rest] = chunk.split(MARK_END) as [string, string | undefined];
    if (marked) parts.push({ text: marked, marked: true });
    if (rest) parts.push({ text: rest, marked: false });
  }
  return parts;
}
