import { sql } from "drizzle-orm";
import type { Settings } from "meilisearch";
import type { Task } from "graphile-worker";
import type { Database, Executor } from "#db/client";
import { getAdminClient, indexUid, waitForTask } from "./client";
import { searchIndexes } from "./indexes";
import type { SearchIndexDefinition } from "./indexes/types";
import { effectiveSynonymGroups, synonymSettings } from "./synonyms";

export const SYNONYM_SETTINGS_TASK = "search_synonyms";

/**
 * An index's settings as they apply now: its static settings with the effective synonyms (shipped
 * groups plus the coordinators' groups) for every index that uses synonyms. Reindex, start-up and
 * the synonym job all read this, so they never disagree.
 */
export function settingsWithSynonyms(definition: SearchIndexDefinition, groups: readonly string[][]): Settings {
  return definition.settings.synonyms ? { ...definition.settings, synonyms: synonymSettings(groups) } : definition.settings;
}

export async function effectiveSettings(db: Executor, definition: SearchIndexDefinition): Promise<Settings> {
  return settingsWithSynonyms(definition, await effectiveSynonymGroups(db));
}

/**
 * Records, inside the caller's transaction, that the indexes must learn the current synonyms. One
 * job key for all: several edits in a row become one settings update, run after the commit.
 */
export async function enqueueSynonymSettings(executor: Executor): Promise<void> {
  await executor.execute(sql`select graphile_worker.add_job(${SYNONYM_SETTINGS_TASK}, '{}'::json, queue_name => 'search_settings', job_key => 'search_synonyms', max_attempts => 32000)`);
}

/** Gives every index that uses synonyms the effective list (only the synonyms setting changes). */
export async function applySynonymSettings(db: Executor): Promise<void> {
  const groups = await effectiveSynonymGroups(db);
  const client = getAdminClient();
  for (const definition of searchIndexes) {
    if (!definition.settings.synonyms) continue;
    await waitForTask(client.index(indexUid(definition.name)).updateSynonyms(synonymSettings(groups)));
  }
}

/** The graphile-worker task: reads the table at run time, so the latest state always wins. */
export function createSynonymSettingsTask(db: Database): Task {
  return async () => {
    await applySynonymSettings(db);
  };
}
