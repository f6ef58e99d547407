import { groupContentIndex } from "./group-content";
import { partnersIndex } from "./partners";
import { peopleIndex } from "./people";
import { servicesIndex } from "./services";
import { topicsIndex } from "./topics";
import type { SearchIndexDefinition } from "./types";

/** Every index the sync worker and the reindex know. */
export const searchIndexes = [servicesIndex, partnersIndex, groupContentIndex, topicsIndex, peopleIndex] as unknown as SearchIndexDefinition[];

export function findIndexDefinition(name: string): SearchIndexDefinition | undefined {
  return searchIndexes.find((definition) => definition.name === name);
}
