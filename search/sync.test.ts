import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { locations, partners, serviceLocations, services } from "#db/schema";
import { getAdminClient, indexUid } from "./client";
import { applySearchSettings } from "./reindex";
import { syncDocument } from "./sync";

/** A service offered at two locations of its partner: one document per location. */
async function serviceAtTwoPlaces() {
  const slug = `abgleich-${Math.random().toString(36).slice(2, 8)}`;
  const [partner] = await db.insert(partners).values({ slug, name: "Abgleichverein e. V.", kind: "verein" }).returning({ id: partners.id });
  const places = await db
    .insert(locations)
    .values([
      { partnerId: partner!.id, street: "Am Markt 1", postalCode: "63901", town: "Auenstadt" },
      { partnerId: partner!.id, street: "Lindenweg 4", postalCode: "63902", town: "Birkenhain" },
    ])
    .returning({ id: locations.id });
  const [service] = await db.insert(services).values({ partnerId: partner!.id, slug, name: "Abgleichprobe Sprechstunde" }).returning({ id: services.id });
  await db.insert(serviceLocations).values(places.map((place) => ({ serviceId: service!.id, locationId: place.id })));
  return { serviceId: service!.id, locationIds: places.map((place) => place.id) };
}

const index = () => getAdminClient().index(indexUid("services"));

async function documentsOf(serviceId: string) {
  const { results } = await index().getDocuments<{ id: string; locationId: string | null }>({ filter: `serviceId = ${JSON.stringify(serviceId)}`, fields: ["id", "locationId"] });
  return results.map((document) => document.locationId).sort();
}

async function deletionTasks() {
  const { total } = await getAdminClient().tasks.getTasks({ indexUids: [indexUid("services")], types: ["documentDeletion"], limit: 1 });
  return total;
}

describe("syncDocument", () => {
  beforeAll(() => applySearchSettings());

  test("an edit that keeps the row's documents writes them and asks the engine to delete nothing", async () => {
    const { serviceId, locationIds } = await serviceAtTwoPlaces();
    await syncDocument(db, "services", serviceId);
    expect(await documentsOf(serviceId)).toEqual([...locationIds].sort());
    const deletionsBefore = await deletionTasks();
    await db.update(services).set({ name: "Abgleichprobe Sprechstunde am Abend" }).where(eq(services.id, serviceId));
    await syncDocument(db, "services", serviceId);
    expect(await deletionTasks()).toBe(deletionsBefore);
  });

  test("a location taken away and a service removed take their documents out of the index", async () => {
    const { serviceId, locationIds } = await serviceAtTwoPlaces();
    await syncDocument(db, "services", serviceId);
    await db.delete(serviceLocations).where(eq(serviceLocations.locationId, locationIds[1]!));
    await syncDocument(db, "services", serviceId);
    expect(await documentsOf(serviceId)).toEqual([locationIds[0]]);
    await db.delete(services).where(eq(services.id, serviceId));
    await syncDocument(db, "services", serviceId);
    expect(await documentsOf(serviceId)).toEqual([]);
  });
});
