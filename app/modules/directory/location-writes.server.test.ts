import { and, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { locations, openingHours, partners } from "#db/schema";
import { seedDirectory } from "#app/modules/demo/directory.server";
import { action as editAction, loader as editLoader } from "#app/routes/verzeichnis.partner.$slug_.standorte.$id";
import { action as newAction } from "#app/routes/verzeichnis.partner.$slug_.standorte.neu";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";

beforeAll(async () => {
  await seedDirectory(db);
}, 60_000);

async function locationOf(partnerSlug: string) {
  const [row] = await db.select({ id: locations.id }).from(locations).innerJoin(partners, eq(partners.id, locations.partnerId)).where(eq(partners.slug, partnerSlug)).limit(1);
  return row!.id;
}

const place = { name: "Vereinsheim", street: "Am Sportplatz 2", postalCode: "63915", town: "Lindach", latitude: "50,131", longitude: "9,312", accessibilityNote: "", wheelchairAccessible: "on" };

describe("locations", () => {
  test("an editor saves a location with its weekly hours, and the services there are synced again", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const id = await locationOf("sg-lindach");
    const saved = await run(
      withParams(editAction, { slug: "sg-lindach", id }),
      formRequest(`/verzeichnis/partner/sg-lindach/standorte/${id}`, { ...place, openingHours: "Mo-Fr 09:00-12:00\nDi, Do 14:00-17:30", exceptions: "24.12.2099 geschlossen Heiligabend" }, { cookie }),
    );
    expect(saved.status).toBe(303);
    const [row] = await db.select().from(locations).where(eq(locations.id, id));
    expect(row).toMatchObject({ street: "Am Sportplatz 2", latitude: 50.131, longitude: 9.312, wheelchairAccessible: true });
    const hours = await db.select({ weekday: openingHours.weekday, opens: openingHours.opens }).from(openingHours).where(eq(openingHours.locationId, id));
    expect(hours).toHaveLength(7);
    const jobs = await db.execute<{ key: string }>(sql`select key from graphile_worker.jobs where key like 'services:%'`);
    expect(jobs.length).toBeGreaterThan(0);
    const page = await run(withParams(editLoader, { slug: "sg-lindach", id }), getRequest(`/verzeichnis/partner/sg-lindach/standorte/${id}`, { cookie }));
    const { values } = (await page.json()) as { values: { openingHours: string } };
    expect((values as unknown as { exceptions: string }).exceptions).toBe("24.12.2099 geschlossen Heiligabend");
    expect(values.openingHours).toBe("Mo 09:00-12:00\nDi 09:00-12:00\nDi 14:00-17:30\nMi 09:00-12:00\nDo 09:00-12:00\nDo 14:00-17:30\nFr 09:00-12:00");
  });

  test("unreadable hours and a half coordinate get messages at their fields and change nothing", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const id = await locationOf("tsv-weidenfeld");
    const [before] = await db.select().from(locations).where(eq(locations.id, id));
    const response = await run(
      withParams(editAction, { slug: "tsv-weidenfeld", id }),
      formRequest(`/verzeichnis/partner/tsv-weidenfeld/standorte/${id}`, { ...place, longitude: "", postalCode: "6391", openingHours: "montags ab neun" }, { cookie }),
    );
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(result.error.openingHours).toEqual(["directory.validation.openingHours"]);
    expect(result.error.postalCode).toEqual(["directory.validation.postalCode"]);
    expect(result.initialValue.openingHours).toBe("montags ab neun");
    const [after] = await db.select().from(locations).where(eq(locations.id, id));
    expect(after).toEqual(before);
  });

  test("another partner's location cannot be reached through a partner one edits", async () => {
    const editor = await createTestUser();
    const [tsv] = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, "tsv-weidenfeld"));
    await db.execute(sql`insert into partner_members (partner_id, user_id, role) values (${tsv!.id}, ${editor.id}, 'editor')`);
    const cookie = await sessionCookieFor(editor.id);
    const foreign = await locationOf("vhs-auental");
    expect((await run(withParams(editLoader, { slug: "tsv-weidenfeld", id: foreign }), getRequest(`/verzeichnis/partner/tsv-weidenfeld/standorte/${foreign}`, { cookie }))).status).toBe(404);
    expect(
      (await run(withParams(editAction, { slug: "tsv-weidenfeld", id: foreign }), formRequest(`/verzeichnis/partner/tsv-weidenfeld/standorte/${foreign}`, { ...place, openingHours: "" }, { cookie })))
        .status,
    ).toBe(404);
    expect(
      (await run(withParams(editAction, { slug: "vhs-auental", id: foreign }), formRequest(`/verzeichnis/partner/vhs-auental/standorte/${foreign}`, { ...place, openingHours: "" }, { cookie })))
        .status,
    ).toBe(403);
    const created = await run(
      withParams(newAction, { slug: "tsv-weidenfeld" }),
      formRequest("/verzeichnis/partner/tsv-weidenfeld/standorte/neu", { ...place, openingHours: "Sa 10:00-12:00" }, { cookie }),
    );
    expect(created.status).toBe(303);
    expect(
      (
        await db
          .select()
          .from(locations)
          .where(and(eq(locations.partnerId, tsv!.id), eq(locations.street, "Am Sportplatz 2")))
      ).length,
    ).toBe(1);
  });
});
