import { Meilisearch, type EnqueuedTaskPromise } from "meilisearch";

type Clients = { admin: Meilisearch; search?: Meilisearch; url: string };

const globalForMeili = globalThis as unknown as { __kurzeWegeMeili?: Clients };

const REQUEST_TIMEOUT_MS = 3000;
// NOTE: with compressed answers Node's fetch waits about 40 ms per larger response (measured by
// bench:search); on loopback or a private network, uncompressed is much faster.
const REQUEST_INIT = { headers: { "Accept-Encoding": "identity" } };

function clients(): Clients {
  const url = process.env.MEILI_URL;
  const apiKey = process.env.MEILI_MASTER_KEY;
  if (!url || !apiKey) throw new Error("MEILI_URL and MEILI_MASTER_KEY are not set: start the app through scripts/start.ts or set them.");
  if (globalForMeili.__kurzeWegeMeili?.url !== url) {
    globalForMeili.__kurzeWegeMeili = { admin: new Meilisearch({ host: url, apiKey, timeout: REQUEST_TIMEOUT_MS, requestInit: REQUEST_INIT }), url };
  }
  return globalForMeili.__kurzeWegeMeili;
}

/** The client with the master key: for settings, documents and index management, never for queries from users. */
export function getAdminClient(): Meilisearch {
  return clients().admin;
}

/**
 * The client for queries: it holds Meilisearch's default search-only key, so a query can never write.
 * The key is looked up once with the master key and kept.
 */
export async function getSearchClient(): Promise<Meilisearch> {
  const current = clients();
  if (current.search) return current.search;
  const { results } = await current.admin.getKeys({ limit: 100 });
  const key = results.find((candidate) => candidate.actions.length === 1 && candidate.actions[0] === "search" && candidate.indexes.includes("*"));
  if (!key) throw new Error("Meilisearch has no search-only key");
  current.search = new Meilisearch({ host: current.url, apiKey: key.key, timeout: REQUEST_TIMEOUT_MS, requestInit: REQUEST_INIT });
  return current.search;
}

/** The uid of an index for this installation: tests give every file its own prefix. */
export function indexUid(name: string): string {
  return `${process.env.MEILI_INDEX_PREFIX ?? ""}${name}`;
}

/** Waits for an enqueued Meilisearch task and throws when it failed. */
export async function waitForTask(task: EnqueuedTaskPromise, timeoutMs = 60_000): Promise<void> {
  const done = await task.waitTask({ timeout: timeoutMs, interval: 25 });
  if (done.status !== "succeeded") {
    throw new Error(`Meilisearch task ${done.uid} (${done.type}) ${done.status}: ${done.error?.message ?? "no details"}`);
  }
}
