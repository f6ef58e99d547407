import { db } from "#db/client";
import { locations, openingExceptions, openingHours, partners, serviceLocations, services } from "#db/schema";
import { getSearchClient, indexUid } from "#search/client";
import { applySearchSettings } from "#search/reindex";
import { syncDocument } from "#search/sync";
import { openLocationIds, openNowFilter } from "./open-now.server";

// Instants in UTC and what Berlin's clocks show then. 2026-12-07 is a Monday (winter, UTC+1);
// 2026-03-29 is the Sunday the clocks go forward at 02:00 (then UTC+2).
const MONDAY_0930 = new Date("2026-12-07T08:30:00Z");
const MONDAY_2334 = new Date("2026-12-07T22:34:00Z");
const SUNDAY_0330_SUMMER_TIME = new Date("2026-03-29T01:30:00Z");

// A word no demo text has, so the search finds only this file's services.
const MARKER = "Uhrzeitregelprobe";

type Hours = { weekday: number; opens: string; closes: string }[];
type Exception = { day: string; opens?: string; closes?: string };

/** A location with its weekly hours and exceptions, and a service there, indexed. */
async function place(name: string, hours: Hours, exceptions: Exception[] = []) {
  const slug = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
  const [partner] = await db
    .insert(partners)
    .values({ slug, name: `${name} e. V.`, kind: "verein" })
    .returning({ id: partners.id });
  const [location] = await db.insert(locations).values({ partnerId: partner!.id, street: "Am Markt 1", postalCode: "63901", town: "Auenstadt" }).returning({ id: locations.id });
  if (hours.length) await db.insert(openingHours).values(hours.map((entry) => ({ ...entry, locationId: location!.id })));
  if (exceptions.length) await db.insert(openingExceptions).values(exceptions.map((entry) => ({ ...entry, locationId: location!.id })));
  const [service] = await db
    .insert(services)
    .values({ partnerId: partner!.id, slug, name: `${MARKER} ${name}` })
    .returning({ id: services.id });
  await db.insert(serviceLocations).values({ serviceId: service!.id, locationId: location!.id });
  await syncDocument(db, "services", service!.id);
  return location!.id;
}

/** The places open at the instant, as the pages and as the directory's search filter see them. */
async function openAt(at: Date, ids: string[]) {
  const pages = await openLocationIds(ids, at);
  const client = await getSearchClient();
  const found = await client.index(indexUid("services")).search(MARKER, { filter: [await openNowFilter(at)], limit: 100, attributesToRetrieve: ["locationId"] });
  const search = found.hits.map((hit) => String(hit.locationId)).filter((id) => ids.includes(id));
  return { pages: pages.sort(), search: search.sort() };
}

describe("the one rule for jetzt geöffnet, at a given instant", () => {
  beforeAll(() => applySearchSettings());

  test("weekly hours count on Berlin's clock, from opening up to but not including closing", async () => {
    const open = [await place("Vormittag", [{ weekday: 1, opens: "09:00", closes: "12:00" }]), await place("Halbestunde", [{ weekday: 1, opens: "09:30", closes: "10:00" }])];
    const closed = [
      await place("Schonzu", [{ weekday: 1, opens: "08:00", closes: "09:30" }]),
      await place("Dienstags", [{ weekday: 2, opens: "00:00", closes: "24:00" }]),
      await place("Ohnezeiten", []),
    ];
    expect(await openAt(MONDAY_0930, [...open, ...closed])).toEqual({ pages: open.sort(), search: open.sort() });
  });

  test("a day with exceptions follows only them: closed, or its own hours", async () => {
    const open = [
      await place("Sondertermin", [{ weekday: 2, opens: "09:00", closes: "12:00" }], [{ day: "2026-12-07", opens: "09:00", closes: "10:00" }]),
      await place("Nurausnahme", [], [{ day: "2026-12-07", opens: "09:15", closes: "09:45" }]),
      await place(
        "Zweimal",
        [],
        [
          { day: "2026-12-07", opens: "08:00", closes: "08:30" },
          { day: "2026-12-07", opens: "09:00", closes: "11:00" },
        ],
      ),
      await place("Andertags", [{ weekday: 1, opens: "09:00", closes: "12:00" }], [{ day: "2026-12-08" }]),
    ];
    const closed = [
      await place("Feiertag", [{ weekday: 1, opens: "00:00", closes: "24:00" }], [{ day: "2026-12-07" }]),
      await place("Kurzertag", [{ weekday: 1, opens: "00:00", closes: "24:00" }], [{ day: "2026-12-07", opens: "14:00", closes: "16:00" }]),
    ];
    expect(await openAt(MONDAY_0930, [...open, ...closed])).toEqual({ pages: open.sort(), search: open.sort() });
  });

  test("in the last hour of the day, a place closing before midnight is open until it closes", async () => {
    const open = [await place("Spaet", [{ weekday: 1, opens: "00:00", closes: "23:36" }]), await place("Mitternacht", [{ weekday: 1, opens: "22:00", closes: "24:00" }])];
    const closed = [await place("Zufrueh", [{ weekday: 1, opens: "00:00", closes: "23:30" }])];
    expect(await openAt(MONDAY_2334, [...open, ...closed])).toEqual({ pages: open.sort(), search: open.sort() });
  });

  test("summer time counts: 01:30 UTC on the last Sunday of March is 03:30 in Berlin", async () => {
    const open = [await place("Fruehaufsteher", [{ weekday: 7, opens: "03:00", closes: "04:00" }])];
    const closed = [await place("Zweiuhr", [{ weekday: 7, opens: "02:00", closes: "03:00" }])];
    expect(await openAt(SUNDAY_0330_SUMMER_TIME, [...open, ...closed])).toEqual({ pages: open, search: open });
  });
});
