import type { SearchIndexDefinition } from "./types";

/**
 * Every index the sync worker and the reindex know. The directory, working groups and Open Mic each
 * add theirs here.
 */
export const searchIndexes: SearchIndexDefinition[] = [];

export function findIndexDefinition(name: string): SearchIndexDefinition | undefined {
  return searchIndexes.find((definition) => definition.name === name);
}
