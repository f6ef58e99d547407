import { sql } from "drizzle-orm";
import { db } from "#db/client";
import { enqueueSearchSync, retrySyncJobsIfSearchIsBack } from "./sync";
import { withMeilisearchUnreachable } from "#test/outages";

/** A sync job as it is after a failed attempt: tried once, due again only in an hour. */
async function failedJob(id: string) {
  await enqueueSearchSync(db, "services", id);
  await db.execute(sql`update graphile_worker._private_jobs set attempts = 1, run_at = now() + interval '1 hour' where key = ${`services:${id}`}`);
}

const dueIn = async (id: string) =>
  (await db.execute<{ seconds: number }>(sql`select extract(epoch from run_at - now())::float8 as seconds from graphile_worker.jobs where key = ${`services:${id}`}`))[0]!.seconds;

describe("catching up after a Meilisearch outage", () => {
  describe("while Meilisearch is unreachable", () => {
    withMeilisearchUnreachable();

    test("failed sync jobs keep waiting", async () => {
      await failedJob("waiting-while-down");
      expect(await retrySyncJobsIfSearchIsBack(db)).toBe(0);
      expect(await dueIn("waiting-while-down")).toBeGreaterThan(3000);
    });
  });

  test("once it answers, failed sync jobs are due at once", async () => {
    await failedJob("waiting-after-outage");
    expect(await retrySyncJobsIfSearchIsBack(db)).toBeGreaterThanOrEqual(1);
    expect(await dueIn("waiting-after-outage")).toBeLessThanOrEqual(0);
  });
});
