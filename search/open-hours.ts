/** Hours of the week: 0 = Monday 00:00–01:00 … 167 = Sunday 23:00–24:00 (Europe/Berlin wall time). */
export const HOURS_PER_WEEK = 7 * 24;

export const hourOfWeek = (isoWeekday: number, hour: number) => (isoWeekday - 1) * 24 + hour;

const minutes = (time: string) => {
  const [hours, mins] = time.split(":").map(Number);
  return (hours ?? 0) * 60 + (mins ?? 0);
};

/**
 * The hours of the week a place is open from start to end, from its weekly opening times ("HH:MM",
 * open from `opens` up to but not including `closes`). "Jetzt geöffnet" filters on them in the index;
 * hours only partly open are decided at query time from PostgreSQL (see open-now.server.ts).
 */
export function fullOpenHours(intervals: { weekday: number; opens: string; closes: string }[]): number[] {
  const hours = new Set<number>();
  for (const { weekday, opens, closes } of intervals) {
    const from = minutes(opens);
    const to = minutes(closes);
    for (let hour = Math.ceil(from / 60); (hour + 1) * 60 <= to && hour < 24; hour++) hours.add(hourOfWeek(weekday, hour));
  }
  return [...hours].sort((a, b) => a - b);
}
