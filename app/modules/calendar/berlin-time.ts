/**
 * Wall-clock time in Europe/Berlin, the network's time zone, and the instants it stands for. Forms
 * send `<input type="datetime-local">` values ("2026-11-12T17:00") without a zone: they mean the
 * time on a clock in Berlin, whatever the browser's or the server's zone is.
 */
export const BERLIN = "Europe/Berlin";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const clock = new Intl.DateTimeFormat("en-US", {
  timeZone: BERLIN,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallTimeAt(instant: number): WallTime {
  const parts = Object.fromEntries(clock.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

const asUtcMillis = (wall: WallTime) => Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

/** How far Berlin's clocks are ahead of UTC at this instant, in milliseconds (1 h in winter, 2 h in summer). */
function offsetAt(instant: number): number {
  // Whole seconds: Intl shows no milliseconds.
  const whole = Math.floor(instant / 1000) * 1000;
  return asUtcMillis(wallTimeAt(whole)) - whole;
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

/** The parts of a `datetime-local` value, or null when it is no real date and time. */
function parseLocal(value: string): WallTime | null {
  const match = LOCAL_PATTERN.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // 31 February, 24:00 and the like roll over into another value: refuse them.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || check.getUTCHours() !== hour || check.getUTCMinutes() !== minute) return null;
  return { year, month, day, hour, minute, second };
}

/** Whether a value has the form of a real `datetime-local` date and time (whether or not Berlin's clocks show it). */
export function isWallTimeValue(value: string): boolean {
  return parseLocal(value) !== null;
}

/**
 * The instant a Berlin wall-clock time ("2026-11-12T17:00") stands for, or null when the value is
 * not a date and time or names a time that Berlin's clocks skip (02:00–02:59 on the last Sunday of
 * March). A time that happens twice (02:00–02:59 on the last Sunday of October) means the first
 * one, still in summer time.
 */
export function berlinWallTimeToUtc(value: string): Date | null {
  const wall = parseLocal(value);
  if (!wall) return null;
  const asUtc = asUtcMillis(wall);
  // The offsets in force a day before and a day after cover every rule change near this time.
  const offsets = [...new Set([offsetAt(asUtc - DAY), offsetAt(asUtc), offsetAt(asUtc + DAY)])];
  const matches = offsets
    .map((offset) => asUtc - offset)
    .filter((candidate) => offsetAt(candidate) === asUtc - candidate)
    .sort((a, b) => a - b);
  return matches.length > 0 ? new Date(matches[0]!) : null;
}

const pad = (value: number, length = 2) => String(value).padStart(length, "0");

/** The Berlin wall-clock time of an instant as a `datetime-local` value ("2026-11-12T17:00"). */
export function utcToBerlinWallTime(value: Date | string): string {
  const wall = wallTimeAt(new Date(value).getTime());
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** The Berlin calendar day of an instant ("2026-11-12"). */
export function berlinDate(value: Date | string): string {
  return utcToBerlinWallTime(value).slice(0, 10);
}

/** A Berlin calendar day moved by whole days ("2026-10-24" + 2 → "2026-10-26"), across any clock change. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return `${pad(moved.getUTCFullYear(), 4)}-${pad(moved.getUTCMonth() + 1)}-${pad(moved.getUTCDate())}`;
}

/** The weekday of a calendar day: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
