import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { locations, partners } from "#db/schema";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { action as newAction } from "#app/routes/verzeichnis.partner.$slug_.standorte.neu";
import { createTestUser, formRequest, run, sessionCookieFor, withParams } from "#test/factories";
import { withCoordinates } from "./coordinates.server";

beforeAll(async () => {
  await seedDirectory(db);
}, 60_000);

const place = { name: "Zweigstelle", street: "Marienplatz 8", postalCode: "80331", town: "München", latitude: "", longitude: "", accessibilityNote: "", openingHours: "" };

describe("coordinates for addresses without them", () => {
  test("a location saved without coordinates gets those of its postal code", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const saved = await run(withParams(newAction, { slug: "sg-lindach" }), formRequest("/verzeichnis/partner/sg-lindach/standorte/neu", place, { cookie }));
    expect(saved.status).toBe(303);
    const [row] = await db
      .select({ latitude: locations.latitude, longitude: locations.longitude })
      .from(locations)
      .innerJoin(partners, eq(partners.id, locations.partnerId))
      .where(and(eq(partners.slug, "sg-lindach"), eq(locations.street, "Marienplatz 8")));
    expect(row!.latitude).toBeCloseTo(48.14, 1);
    expect(row!.longitude).toBeCloseTo(11.58, 1);
  });

  test("coordinates given are kept; an address no table knows stays without", () => {
    expect(withCoordinates({ postalCode: "80331", town: "München", latitude: 50.1, longitude: 9.3 })).toMatchObject({ latitude: 50.1, longitude: 9.3 });
    expect(withCoordinates({ postalCode: "00000", town: "Atlantis", latitude: null, longitude: null })).toMatchObject({ latitude: null, longitude: null });
    // The import passes places without the keys at all.
    expect(withCoordinates({ postalCode: "10115", town: "Berlin" })).toMatchObject({ latitude: 52.52437, longitude: 13.41053 });
  });
});
