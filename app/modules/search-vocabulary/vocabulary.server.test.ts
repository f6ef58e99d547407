import { Logger } from "@graphile/logger";
import { eq, sql } from "drizzle-orm";
import { runOnce } from "graphile-worker";
import { db } from "#db/client";
import { searchSynonyms, services, serviceTerms, taxonomyTerms, zeroResultSearches } from "#db/schema";
import { getAdminClient, indexUid } from "#search/client";
import { applySearchSettings, reindexAll } from "#search/reindex";
import { createSearchSyncTask, SEARCH_SYNC_TASK } from "#search/sync";
import { createSynonymSettingsTask, SYNONYM_SETTINGS_TASK } from "#search/synonym-sync";
import { DEFAULT_SYNONYM_GROUPS, effectiveSynonymGroups } from "#search/synonyms";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { parseDirectoryQuery } from "#app/modules/directory/directory-filters";
import { searchDirectory } from "#app/modules/directory/directory-search.server";
import { enforceRetention } from "#app/modules/privacy/retention.server";
import { createTestUser } from "#test/factories";
import { createSynonymGroup, deleteSynonymGroup, pruneZeroResultSearches, recordZeroResultSearch, setTermKeywords, updateSynonymGroup, zeroResultReport } from "./vocabulary.server";
import { forgetIndexWords } from "./zero-result-help.server";

/** Runs the queued jobs once, as the app's worker would after the commit. */
const runJobs = () =>
  runOnce({
    connectionString: process.env.DATABASE_URL!,
    concurrency: 1,
    noHandleSignals: true,
    logger: new Logger(() => () => {}),
    taskList: { [SEARCH_SYNC_TASK]: createSearchSyncTask(db), [SYNONYM_SETTINGS_TASK]: createSynonymSettingsTask(db) },
  });

const searchServices = async (query: string) =>
  (
    await getAdminClient()
      .index(indexUid("services"))
      .search(query, { limit: 100, attributesToRetrieve: ["serviceId"] })
  ).hits.map((hit) => String(hit.serviceId));
const directory = async (params: Record<string, string>) => {
  const result = await searchDirectory(parseDirectoryQuery(new URLSearchParams(params)), null, "de");
  if (result.status !== "ok") throw new Error("search unavailable");
  return result;
};

beforeAll(async () => {
  await seedDirectory(db);
  await applySearchSettings();
  await reindexAll(db);
}, 120_000);

describe("synonyms", () => {
  test("the effective groups are the shipped ones plus the coordinators'", async () => {
    const user = await createTestUser({ role: "coordinator" });
    expect(await effectiveSynonymGroups(db)).toEqual(DEFAULT_SYNONYM_GROUPS);
    const id = await createSynonymGroup(db, ["elterngeld", "basiselterngeld"], user.id);
    expect(await effectiveSynonymGroups(db)).toEqual([...DEFAULT_SYNONYM_GROUPS, ["elterngeld", "basiselterngeld"]]);
    expect(await updateSynonymGroup(db, id, ["elterngeld", "elterngeld plus"])).toBe(true);
    expect((await effectiveSynonymGroups(db)).at(-1)).toEqual(["elterngeld", "elterngeld plus"]);
    expect(await deleteSynonymGroup(db, id)).toBe(true);
    expect(await deleteSynonymGroup(db, id)).toBe(false);
    expect(await effectiveSynonymGroups(db)).toEqual(DEFAULT_SYNONYM_GROUPS);
    // Every write queued the settings job (one job key: several edits, one update).
    const jobs = await db.execute<{ count: number }>(sql`select count(*)::int as count from graphile_worker.jobs where task_identifier = ${SYNONYM_SETTINGS_TASK}`);
    expect(jobs[0]!.count).toBe(1);
    await runJobs();
  });

  test("a new group makes a query find a service through the live index once the job ran", async () => {
    const user = await createTestUser({ role: "coordinator" });
    const target = await searchServices("Integrationskurs");
    expect(target.length).toBeGreaterThan(0);
    expect(await searchServices("quasselkurs")).toEqual([]);
    await createSynonymGroup(db, ["quasselkurs", "integrationskurs"], user.id);
    await runJobs();
    // The synonym stands for the word itself (not its prefixes and typos): a part of the same hits.
    const found = await searchServices("quasselkurs");
    expect(found.length).toBeGreaterThan(0);
    expect(target).toEqual(expect.arrayContaining(found));
    // A full reindex and the start-up settings keep the coordinators' groups.
    await applySearchSettings();
    await reindexAll(db);
    expect(await searchServices("quasselkurs")).toEqual(found);
    for (const row of await db.select({ id: searchSynonyms.id }).from(searchSynonyms)) await deleteSynonymGroup(db, row.id);
    await runJobs();
    expect(await searchServices("quasselkurs")).toEqual([]);
  }, 120_000);
});

describe("extra keywords of a term", () => {
  test("reach the search documents of every service of the term", async () => {
    const [term] = await db.select({ id: taxonomyTerms.id }).from(taxonomyTerms).innerJoin(serviceTerms, eq(serviceTerms.termId, taxonomyTerms.id)).limit(1);
    const ofTerm = await db.select({ id: services.id }).from(serviceTerms).innerJoin(services, eq(services.id, serviceTerms.serviceId)).where(eq(serviceTerms.termId, term!.id));
    expect(await searchServices("plauderstunde")).toEqual([]);
    expect(await setTermKeywords(db, term!.id, ["plauderstunde"])).toBe(true);
    await runJobs();
    const found = await searchServices("plauderstunde");
    const active = (await db.select({ id: services.id }).from(services).where(eq(services.status, "active"))).map((row) => row.id);
    expect(found.sort()).toEqual(
      ofTerm
        .map((row) => row.id)
        .filter((id) => active.includes(id))
        .sort(),
    );
    expect(await setTermKeywords(db, "00000000-0000-4000-8000-000000000000", ["x"])).toBe(false);
  }, 60_000);
});

describe("searches without results", () => {
  test("are recorded normalised, per day, without filters; the report sums the last 90 days", async () => {
    await db.delete(zeroResultSearches);
    const now = new Date("2026-12-07T10:00:00Z");
    await recordZeroResultSearch(db, "  Quokka   BERATUNG ", now);
    await recordZeroResultSearch(db, "quokka beratung", now);
    await recordZeroResultSearch(db, "quokka beratung", new Date("2026-12-01T10:00:00Z"));
    await recordZeroResultSearch(db, "wombat", new Date("2026-12-06T10:00:00Z"));
    await recordZeroResultSearch(db, "alt", new Date("2026-08-01T10:00:00Z"));
    await recordZeroResultSearch(db, "   ", now);
    expect(await zeroResultReport(db, now)).toEqual([
      { query: "quokka beratung", count: 3, lastDay: "2026-12-07" },
      { query: "wombat", count: 1, lastDay: "2026-12-06" },
    ]);
    expect(await db.$count(zeroResultSearches)).toBe(4);
    expect(await pruneZeroResultSearches(db, now)).toBe(1);
    expect(await db.$count(zeroResultSearches)).toBe(3);
    // The daily retention job does the same.
    expect((await enforceRetention(db, new Date("2027-03-10T10:00:00Z"))).zeroResultSearches).toBe(3);
  });

  test("the directory records a query that finds nothing and offers help; a search with filters is not recorded", async () => {
    await db.delete(zeroResultSearches);
    forgetIndexWords();
    const result = await directory({ q: "Schuldnrbaratunk" });
    expect(result.total).toBe(0);
    expect(result.exact).toBe(true);
    expect(result.help?.suggestion).toBe("schuldnerberatung");
    expect(result.help?.terms.length).toBeGreaterThan(0);
    expect(await zeroResultReport(db)).toEqual([expect.objectContaining({ query: "schuldnrbaratunk", count: 1 })]);
    const filtered = await directory({ q: "Schuldnrbaratunk", kostenlos: "1" });
    expect(filtered.total).toBe(0);
    expect(await zeroResultReport(db)).toEqual([expect.objectContaining({ query: "schuldnrbaratunk", count: 1 })]);
    const found = await directory({ q: "Integrationskurs" });
    expect(found.help).toBeNull();
  });
});

describe("facets and counts", () => {
  test("wheelchair access is a facet and a filter", async () => {
    const all = await directory({});
    const facet = all.facets.rollstuhl.find((value) => value.value === "true");
    expect(facet?.count).toBeGreaterThan(0);
    const only = await directory({ rollstuhl: "1" });
    expect(only.total).toBeLessThan(all.total);
    expect(only.facets.rollstuhl[0]).toMatchObject({ value: "true", selected: true });
    const walkIn = await directory({ zugang: "walk_in" });
    expect(walkIn.total).toBeGreaterThan(0);
    expect(walkIn.total).toBeLessThan(all.total);
  });

  test("a count is exact when the first page holds every match, else marked as an estimate", async () => {
    expect((await directory({})).exact).toBe(false);
    const few = await directory({ q: "Integrationskurs" });
    expect(few.exact).toBe(true);
    expect(few.total).toBe(few.hits.length);
  });
});
