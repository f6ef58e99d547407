import { sql } from "drizzle-orm";
import { db } from "#db/client";
import { locations, openingExceptions, openingHours, partners, serviceLocations, services } from "#db/schema";
import { applySearchSettings } from "#search/reindex";
import { syncDocument } from "#search/sync";
import { parseDirectoryQuery } from "./directory-filters";
import { searchDirectory } from "./directory-search.server";

// A word no demo text has, so the search finds only this file's services.
const MARKER = "Zeitfensterprobe";

type Hours = { weekday: number; opens: string; closes: string }[];

async function berlinNow() {
  const [row] = await db.execute<{ weekday: number; minutes: number }>(
    sql`select extract(isodow from now() at time zone 'Europe/Berlin')::int as weekday,
               (extract(hour from now() at time zone 'Europe/Berlin') * 60 + extract(minute from now() at time zone 'Europe/Berlin'))::int as minutes`,
  );
  return row!;
}

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** A partner with one location (its weekly hours and today's exception) and one service there, indexed. */
async function placeWith(name: string, hours: Hours, exceptionToday?: { opens: string; closes: string } | "closed") {
  const slug = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
  const [partner] = await db
    .insert(partners)
    .values({ slug, name: `${name} e. V.`, kind: "verein" })
    .returning({ id: partners.id });
  const [location] = await db.insert(locations).values({ partnerId: partner!.id, street: "Am Markt 1", postalCode: "63901", town: "Auenstadt" }).returning({ id: locations.id });
  if (hours.length) await db.insert(openingHours).values(hours.map((entry) => ({ ...entry, locationId: location!.id })));
  if (exceptionToday) {
    await db.insert(openingExceptions).values({
      locationId: location!.id,
      day: sql`(now() at time zone 'Europe/Berlin')::date`,
      ...(exceptionToday === "closed" ? {} : exceptionToday),
    });
  }
  const [service] = await db
    .insert(services)
    .values({ partnerId: partner!.id, slug, name: `${MARKER} ${name}` })
    .returning({ id: services.id });
  await db.insert(serviceLocations).values({ serviceId: service!.id, locationId: location!.id });
  await syncDocument(db, "services", service!.id);
  return `${MARKER} ${name}`;
}

describe("jetzt geöffnet in the directory search", () => {
  beforeAll(() => applySearchSettings());

  test("finds places open now — whole hours from the index, partly open hours and today's exceptions from PostgreSQL", async () => {
    const { weekday, minutes } = await berlinNow();
    const otherDay = (weekday % 7) + 1;
    const allDay = [{ weekday, opens: "00:00", closes: "24:00" }];
    const open = [
      await placeWith("Ganztags", allDay),
      // Closes a few minutes from now (a minute was too tight on a busy machine): open, though not for the whole hour.
      await placeWith("Kurzzeit", [{ weekday, opens: "00:00", closes: clock(Math.min(minutes + 5, 24 * 60)) }]),
      // Closed in the week today, open today by exception.
      await placeWith("Sondertermin", [{ weekday: otherDay, opens: "00:00", closes: "24:00" }], { opens: "00:00", closes: "24:00" }),
    ];
    const closed = [await placeWith("Andertags", [{ weekday: otherDay, opens: "00:00", closes: "24:00" }]), await placeWith("Feiertag", allDay, "closed"), await placeWith("Ohnezeiten", [])];
    const result = await searchDirectory(parseDirectoryQuery(new URLSearchParams({ q: MARKER, offen: "1" })), null, "de");
    if (result.status !== "ok") throw new Error("search unavailable");
    const names = result.hits.map((hit) => hit.name.map((part) => part.text).join(""));
    expect(names.sort()).toEqual(open.sort());
    for (const name of closed) expect(names).not.toContain(name);
    const all = await searchDirectory(parseDirectoryQuery(new URLSearchParams({ q: MARKER })), null, "de");
    expect(all.status === "ok" && all.hits.length).toBe(6);
  });
});
