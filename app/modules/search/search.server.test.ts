import { sql } from "drizzle-orm";
import { withMeilisearchUnreachable } from "#test/outages";
import { db } from "#db/client";
import { applySearchSettings } from "#search/reindex";
import { enqueueSearchSync, getSearchSyncLag } from "#search/sync";
import { searchEverything } from "./search.server";
import { loader as searchLoader } from "#app/routes/suche";
import { getRequest, run } from "#test/factories";

describe("search", () => {
  beforeAll(() => applySearchSettings());

  test("an empty query asks for a search term", async () => {
    const response = await run(searchLoader, getRequest("/suche?q="));
    expect(await response.json()).toEqual({ query: "", outcome: null });
  });

  test("a query reaches Meilisearch and answers, even with nothing indexed yet", async () => {
    expect(await searchEverything("Integrationskurs", null)).toEqual({ status: "ok", hits: [], totals: { service: 0, partner: 0, group: 0, topic: 0 } });
  });

  describe("with Meilisearch unreachable", () => {
    withMeilisearchUnreachable();

    test("the search page says search is unavailable instead of failing", async () => {
      const response = await run(searchLoader, getRequest("/suche?q=Deutschkurs"));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ query: "Deutschkurs", outcome: { status: "unavailable" } });
    });
  });
});

describe("search sync outbox", () => {
  test("a change records its sync job in the same transaction, and a rollback takes it back", async () => {
    await db.transaction(async (tx) => {
      await enqueueSearchSync(tx, "services", "kept");
    });
    await db
      .transaction(async (tx) => {
        await enqueueSearchSync(tx, "services", "rolled-back");
        throw new Error("rollback");
      })
      .catch(() => undefined);
    const rows = await db.execute<{ key: string }>(sql`select key from graphile_worker.jobs order by key`);
    expect(rows.map((row) => row.key)).toEqual(["services:kept"]);
  });

  test("repeated changes of one document make one job, and the lag counts from the oldest", async () => {
    const before = await getSearchSyncLag(db);
    await enqueueSearchSync(db, "partners", "p1");
    await enqueueSearchSync(db, "partners", "p1");
    await db.execute(sql`update graphile_worker._private_jobs set created_at = now() - interval '90 seconds' where key = 'partners:p1'`);
    const lag = await getSearchSyncLag(db);
    expect(lag.pending).toBe(before.pending + 1);
    expect(lag.lagSeconds).toBeGreaterThanOrEqual(90);
  });
});
