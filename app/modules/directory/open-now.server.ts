import { and, inArray, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { db } from "#db/client";
import { locations, openingExceptions, openingHours } from "#db/schema";
import { anyOf, noneOf } from "#search/filters";
import { coversHourPartly, hourOfWeek } from "#search/open-hours";

// Opening times are written on Berlin's clocks; PostgreSQL turns an instant into that wall time.
const berlinWallTime = (at?: Date): SQL => (at ? sql`(${at.toISOString()}::timestamptz at time zone 'Europe/Berlin')` : sql`(now() at time zone 'Europe/Berlin')`);

/** SQL: today's date in Berlin. */
export const berlinToday = sql`${berlinWallTime()}::date`;

/**
 * SQL: the location is open at this Berlin wall time — the one "jetzt geöffnet" rule. A day with
 * exceptions follows only them (closed, or their hours); any other day follows the weekly hours.
 * Open from `opens` up to but not including `closes`.
 */
function openAt(locationId: SQLWrapper, wallTime: SQL): SQL<boolean> {
  const exceptionToday = sql`${openingExceptions.locationId} = ${locationId} and ${openingExceptions.day} = ${wallTime}::date`;
  return sql<boolean>`(case
    when exists (select 1 from ${openingExceptions} where ${exceptionToday})
      then exists (select 1 from ${openingExceptions} where ${exceptionToday}
                   and ${openingExceptions.opens} <= ${wallTime}::time and ${wallTime}::time < ${openingExceptions.closes})
    else exists (select 1 from ${openingHours} where ${openingHours.locationId} = ${locationId}
                 and ${openingHours.weekday} = extract(isodow from ${wallTime})
                 and ${openingHours.opens} <= ${wallTime}::time and ${wallTime}::time < ${openingHours.closes})
  end)`;
}

/** Of these locations, the ones open at the instant (now unless given). */
export async function openLocationIds(within: string[], at?: Date): Promise<string[]> {
  if (within.length === 0) return [];
  const rows = await db
    .select({ id: locations.id })
    .from(locations)
    .where(and(inArray(locations.id, within), openAt(locations.id, berlinWallTime(at))));
  return rows.map((row) => row.id);
}

type OpenNowRow = { weekday: number; hour: number; excepted: string[]; openBeyondIndex: string[] };

/**
 * The Meilisearch filter for "jetzt geöffnet" (at the instant, now unless given). The index knows the
 * whole hours of the week each place is open by its weekly hours; the rule above decides, in one small
 * query, the places the index cannot answer for: those with an exception today and those whose current
 * hour is only partly open (opening at 9:30, closing at 16:15). Both lists are short, unlike a list of
 * every open place.
 */
export async function openNowFilter(at?: Date): Promise<string> {
  const now = berlinWallTime(at);
  const [row] = await db.execute<OpenNowRow>(sql`
    select
      extract(isodow from ${now})::int as weekday,
      extract(hour from ${now})::int as hour,
      array(select distinct ${openingExceptions.locationId}::text from ${openingExceptions} where ${openingExceptions.day} = ${now}::date) as excepted,
      array(
        select candidate.id::text from (
          select ${openingExceptions.locationId} as id from ${openingExceptions} where ${openingExceptions.day} = ${now}::date
          union
          select ${openingHours.locationId} from ${openingHours}
          where ${openingHours.weekday} = extract(isodow from ${now}) and ${coversHourPartly(sql`extract(hour from ${now})`)}
        ) as candidate
        where ${openAt(sql`candidate.id`, now)}
      ) as "openBeyondIndex"`);
  if (!row) return anyOf("locationId", ["none"]);
  const byHour = `openHours = ${hourOfWeek(row.weekday, row.hour)}${row.excepted.length ? ` AND ${noneOf("locationId", row.excepted)}` : ""}`;
  return row.openBeyondIndex.length ? `(${byHour}) OR ${anyOf("locationId", row.openBeyondIndex)}` : byHour;
}
