/** The kinds the search box finds, in the order it groups them (shared by pages and the server). */
export const SEARCH_TYPES = ["service", "partner", "group", "topic"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
export const QUERY_MAX = 200;
