// The directory's page size, sort orders and facet names, without the validation library: the
// directory page reads them in the browser too, and directory-filters.ts checks the query with them.

export const PAGE_SIZE = 20;
export const SORTS = ["relevanz", "name", "entfernung"] as const;
export const FACET_NAMES = ["kategorie", "zielgruppe", "sprache", "ort", "zugang", "rollstuhl", "kostenlos"] as const;
export type FacetName = (typeof FACET_NAMES)[number];
/** Values a facet shows before "alle anzeigen" (selected ones always show). */
export const FACET_PREVIEW = 8;
