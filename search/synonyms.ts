import { asc } from "drizzle-orm";
import type { Executor } from "#db/client";
import { searchSynonyms } from "#db/schema";
import { germanQuery } from "./german";
import shipped from "./data/synonyms.json";

/**
 * The other names people use for the same thing. Each group is mutual: a query for any entry also
 * finds the others. Lower case; Meilisearch applies synonyms to queries of one to three words.
 * The shipped groups live in search/data/synonyms.json; coordinators add their own in the browser
 * (/verzeichnis/suchbegriffe, table `search_synonyms`). The indexes use both (`effectiveSynonymGroups`).
 */
export const DEFAULT_SYNONYM_GROUPS: readonly string[][] = shipped.groups;

/** The groups coordinators keep, oldest first. */
export async function loadSynonymGroups(executor: Executor): Promise<string[][]> {
  const rows = await executor.select({ words: searchSynonyms.words }).from(searchSynonyms).orderBy(asc(searchSynonyms.createdAt), asc(searchSynonyms.id));
  return rows.map((row) => row.words).filter((words) => words.length >= 2);
}

/** What the indexes use: the shipped groups, then the coordinators' groups. */
export async function effectiveSynonymGroups(executor: Executor): Promise<string[][]> {
  return [...DEFAULT_SYNONYM_GROUPS, ...(await loadSynonymGroups(executor))];
}

/**
 * The groups as Meilisearch's synonyms setting: every entry maps to all others of its group (a word
 * in two groups maps to the words of both). Directory queries reach the engine stemmed
 * (`germanQuery`), so each entry is also a key in its stemmed form ("kindergart" → kita, …).
 */
export function synonymSettings(groups: readonly string[][] = DEFAULT_SYNONYM_GROUPS): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of groups) {
    for (const entry of group) {
      const others = group.filter((other) => other !== entry);
      for (const key of new Set([entry, germanQuery(entry)])) synonyms[key] = [...new Set([...(synonyms[key] ?? []), ...others])];
    }
  }
  return synonyms;
}

/** Words too common to help ranking. Lower case: Meilisearch compares stop words case-sensitively. */
export const STOP_WORDS = ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "und", "oder", "für", "mit", "von", "im", "in", "am", "an", "zu", "zur", "zum", "the", "and", "for", "of"];
