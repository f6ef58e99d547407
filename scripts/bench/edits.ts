// Edit → searchable: a service is renamed the way the app saves it (the row and its sync jobs in one
// transaction), and the time until a search finds the new name is measured, with where it went.
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import type { Index, Task } from "meilisearch";
import { db } from "#db/client";
import { services } from "#db/schema";
import { getAdminClient, indexUid } from "#search/client";
import { servicesIndex } from "#search/indexes/services";
import { enqueueSearchSync, SEARCH_SYNC_TASK } from "#search/sync";
import type { Random } from "./data";
import { figures, type Figures } from "./figures";

const POLL_MS = 20;
const SEARCHABLE_TIMEOUT_MS = 10_000;

/** Where the time of one edit went, from the commit on (wall clock, the engine's task times). */
type Parts = {
  /** The sync job picked up, the documents loaded from PostgreSQL and sent. */
  toEngine: number;
  /** The document task waiting in the engine's queue (behind other tasks, e.g. the partner's). */
  queued: number;
  /** The engine indexing the document. */
  indexing: number;
  /** From the task's end until the benchmark's search saw the new name. */
  seen: number;
};

export type EditResult = { all: Figures; commit: Figures; load: Figures; parts: Record<keyof Parts, Figures> };

/**
 * Renames `count` services one after another; the worker must be running. Back to back, an edit's
 * document waits behind the previous edit's partner document in the engine's queue; `settled` waits
 * for the jobs and the engine's tasks to be done first, as for an editor's single save.
 */
export async function measureEdits(serviceIds: string[], count: number, random: Random, { settled = false } = {}): Promise<EditResult> {
  const index = getAdminClient().index(indexUid(servicesIndex.name));
  const times: number[] = [];
  const commits: number[] = [];
  const loads: number[] = [];
  const parts: Parts[] = [];
  let lost = 0;
  for (const serviceId of random.some(serviceIds, Math.min(count, serviceIds.length))) {
    if (settled) await settle();
    const token = `bench${Array.from({ length: 8 }, () => String.fromCharCode(97 + random.int(0, 25))).join("")}`;
    const startedWall = Date.now();
    const started = performance.now();
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(services)
        .set({ name: sql`${services.name} || ${` ${token}`}`, updatedAt: new Date() })
        .where(eq(services.id, serviceId))
        .returning({ partnerId: services.partnerId });
      await enqueueSearchSync(tx, "services", serviceId);
      await enqueueSearchSync(tx, "partners", row!.partnerId);
    });
    const committed = performance.now();
    const committedWall = startedWall + (committed - started);
    const deadline = started + SEARCHABLE_TIMEOUT_MS;
    let found = false;
    while (!found && performance.now() < deadline) {
      const { hits } = await index.search(token, { filter: [`serviceId = ${JSON.stringify(serviceId)}`], limit: 1, attributesToRetrieve: ["id"] });
      found = hits.length > 0;
      if (!found) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    if (!found) {
      lost++;
      continue;
    }
    const foundAt = performance.now();
    times.push(foundAt - started);
    commits.push(committed - started);
    const task = await documentTask(index, startedWall);
    if (task?.startedAt && task.finishedAt) {
      const enqueued = Date.parse(task.enqueuedAt);
      const begun = Date.parse(task.startedAt);
      const finished = Date.parse(task.finishedAt);
      parts.push({ toEngine: enqueued - committedWall, queued: begun - enqueued, indexing: finished - begun, seen: startedWall + (foundAt - started) - finished });
    }
  }
  // Loading one service's documents, as the sync job does, on its own.
  for (const serviceId of serviceIds.slice(0, count)) {
    const started = performance.now();
    await servicesIndex.load(db, [serviceId]);
    loads.push(performance.now() - started);
  }
  const part = (name: keyof Parts) => figures(parts.map((entry) => entry[name]));
  return {
    all: figures(times, lost),
    commit: figures(commits),
    load: figures(loads),
    parts: { toEngine: part("toEngine"), queued: part("queued"), indexing: part("indexing"), seen: part("seen") },
  };
}

/** Waits until no sync job is left and the engine has no task to do. */
async function settle(): Promise<void> {
  const deadline = performance.now() + SEARCHABLE_TIMEOUT_MS;
  while (performance.now() < deadline) {
    const [jobs] = await db.execute<{ count: number }>(sql`select count(*)::int as count from graphile_worker.jobs where task_identifier = ${SEARCH_SYNC_TASK}`);
    const { total } = await getAdminClient().tasks.getTasks({ statuses: ["enqueued", "processing"], limit: 1 });
    if (jobs?.count === 0 && total === 0) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The first document task on the services index enqueued after the edit began. */
async function documentTask(index: Index, since: number): Promise<Task | undefined> {
  const { results } = await getAdminClient().tasks.getTasks({
    indexUids: [index.uid],
    types: ["documentAdditionOrUpdate"],
    afterEnqueuedAt: new Date(since - 1).toISOString(),
    reverse: true,
    limit: 1,
  });
  return results[0];
}
