import { sql } from "drizzle-orm";
import { db } from "#db/client";
import { locations, openingExceptions, openingHours, partners } from "#db/schema";
import { getPartnerBySlug } from "./directory.server";
import { openLocationIds } from "./open-now.server";

async function makeLocation() {
  const [partner] = await db
    .insert(partners)
    .values({ slug: `p-${Math.random().toString(36).slice(2)}`, name: "Testpartner", kind: "verein" })
    .returning({ id: partners.id, slug: partners.slug });
  const [location] = await db.insert(locations).values({ partnerId: partner!.id, street: "Teststraße 1", postalCode: "63901", town: "Auenstadt" }).returning({ id: locations.id });
  // Open all day, every day: only an exception can close it.
  await db.insert(openingHours).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ locationId: location!.id, weekday, opens: "00:00", closes: "23:59:59" })));
  return { partnerSlug: partner!.slug, locationId: location!.id };
}

describe("jetzt geöffnet", () => {
  test("follows the weekly hours in Europe/Berlin", async () => {
    const { locationId } = await makeLocation();
    expect(await openLocationIds([locationId])).toContain(locationId);
  });

  test("a closed day overrides the week, and the page lists it", async () => {
    const { partnerSlug, locationId } = await makeLocation();
    await db.insert(openingExceptions).values({ locationId, day: sql`(now() at time zone 'Europe/Berlin')::date`, note: "Betriebsversammlung" });
    expect(await openLocationIds([locationId])).not.toContain(locationId);
    const partner = await getPartnerBySlug(partnerSlug);
    expect(partner?.locations[0]?.openNow).toBe(false);
    expect(partner?.locations[0]?.exceptions).toEqual([expect.objectContaining({ opens: null, closes: null, note: "Betriebsversammlung" })]);
  });

  test("other hours on a day replace the week's hours", async () => {
    const { locationId } = await makeLocation();
    await db.insert(openingExceptions).values({ locationId, day: sql`(now() at time zone 'Europe/Berlin')::date`, opens: "00:00", closes: "00:00:01" });
    expect(await openLocationIds([locationId])).not.toContain(locationId);
  });
});
