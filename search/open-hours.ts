import { sql, type SQL } from "drizzle-orm";
import { openingHours } from "#db/schema";

/** Hours of the week: 0 = Monday 00:00–01:00 … 167 = Sunday 23:00–24:00 (Europe/Berlin wall time). */
export const hourOfWeek = (isoWeekday: number, hour: number) => (isoWeekday - 1) * 24 + hour;

const HOUR = 3600;

/** "HH:MM" or "HH:MM:SS" as seconds after midnight ("24:00" is 86 400). */
const seconds = (time: string) => {
  const [hours = 0, minutes = 0, secs = 0] = time.split(":").map(Number);
  return hours * HOUR + minutes * 60 + secs;
};

/**
 * The hours of the week a place is open from start to end, from its weekly opening times (open from
 * `opens` up to but not including `closes`). "Jetzt geöffnet" filters on them in the index; an hour
 * only partly open is left to the query (`coversHourPartly`, app/modules/directory/open-now.server.ts).
 */
export function fullOpenHours(intervals: { weekday: number; opens: string; closes: string }[]): number[] {
  const hours = new Set<number>();
  for (const { weekday, opens, closes } of intervals) {
    const from = seconds(opens);
    const to = seconds(closes);
    for (let hour = Math.ceil(from / HOUR); (hour + 1) * HOUR <= to && hour < 24; hour++) hours.add(hourOfWeek(weekday, hour));
  }
  return [...hours].sort((a, b) => a - b);
}

/**
 * SQL: this weekly opening time (a row of opening_hours) covers part of the hour of the day, but not
 * all of it: exactly the hours `fullOpenHours` leaves out, in the same arithmetic (seconds).
 */
export function coversHourPartly(hourOfDay: SQL): SQL<boolean> {
  const opens = sql`extract(epoch from ${openingHours.opens})`;
  const closes = sql`extract(epoch from ${openingHours.closes})`;
  const start = sql`(${hourOfDay}) * 3600`;
  const end = sql`((${hourOfDay}) + 1) * 3600`;
  return sql<boolean>`(${opens} < ${end} and ${closes} > ${start} and not (${opens} <= ${start} and ${closes} >= ${end}))`;
}
