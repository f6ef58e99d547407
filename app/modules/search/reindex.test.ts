import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { locations, partners, searchIndexBuilds, services } from "#db/schema";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { getAdminClient, indexUid } from "#search/client";
import { partnersIndex } from "#search/indexes/partners";
import { servicesIndex } from "#search/indexes/services";
import { applySearchSettings, rebuildOutdatedIndexes, reindexAll } from "#search/reindex";

beforeAll(async () => {
  await seedDirectory(db);
}, 60_000);

// Each test builds real indexes of the whole demo directory: on a busy CI machine that takes more than the default 20 s.
describe("rebuilding the indexes", { timeout: 60_000 }, () => {
  test("an empty index is rebuilt from PostgreSQL, with one document per service and location", async () => {
    await applySearchSettings();
    await rebuildOutdatedIndexes(db);
    const stats = await getAdminClient().index(indexUid("services")).getStats();
    const placed = await db.select({ id: services.id }).from(services);
    expect(stats.numberOfDocuments).toBeGreaterThanOrEqual(placed.length);
    expect((await getAdminClient().index(indexUid("partners")).getStats()).numberOfDocuments).toBe((await db.select().from(partners)).length);
  });

  test("an index built with another version of its documents is rebuilt once at the next start, then left alone", async () => {
    await reindexAll(db);
    const uid = indexUid("services");
    // An installation of the earlier release: its services index was made by documents version 1.
    await db
      .update(searchIndexBuilds)
      .set({ version: servicesIndex.documentsVersion - 1 })
      .where(eq(searchIndexBuilds.index, uid));
    await getAdminClient().index(uid).deleteDocuments({ filter: "town = Lindach" }).waitTask();
    const before = (await getAdminClient().index(uid).getStats()).numberOfDocuments;
    await rebuildOutdatedIndexes(db);
    const after = (await getAdminClient().index(uid).getStats()).numberOfDocuments;
    expect(after).toBeGreaterThan(before);
    const [build] = await db.select().from(searchIndexBuilds).where(eq(searchIndexBuilds.index, uid));
    expect(build!.version).toBe(servicesIndex.documentsVersion);
    // Up to date: nothing is rebuilt, so a document removed now stays removed.
    await getAdminClient().index(uid).deleteDocuments({ filter: "town = Lindach" }).waitTask();
    await rebuildOutdatedIndexes(db);
    expect((await getAdminClient().index(uid).getStats()).numberOfDocuments).toBe(before);
  });

  test("a rebuild swaps in a fresh index that reflects PostgreSQL", async () => {
    await db.update(services).set({ name: "Orientierungskurs Quittengarten" }).where(eq(services.slug, "orientierungskurs"));
    await reindexAll(db);
    const { hits } = await getAdminClient().index(indexUid("services")).search("Quittengarten");
    expect(hits.map((hit) => hit.slug)).toEqual(["orientierungskurs"]);
  });

  test("what changed while a rebuild ran is found again: services through their partner and locations too", async () => {
    const since = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [vhs] = await db.update(partners).set({ updatedAt: new Date() }).where(eq(partners.slug, "vhs-auental")).returning({ id: partners.id });
    const [place] = await db.select({ id: locations.id }).from(locations).where(eq(locations.town, "Steinach")).limit(1);
    await db.update(locations).set({ updatedAt: new Date() }).where(eq(locations.id, place!.id));
    const changedServices = await servicesIndex.listChangedSince(db, since);
    const vhsServices = await db.select({ id: services.id }).from(services).where(eq(services.partnerId, vhs!.id));
    expect(changedServices).toEqual(expect.arrayContaining(vhsServices.map((row) => row.id)));
    expect(changedServices.length).toBeGreaterThan(vhsServices.length);
    expect(await partnersIndex.listChangedSince(db, since)).toContain(vhs!.id);
    expect(await servicesIndex.listChangedSince(db, new Date())).toEqual([]);
  });
});
