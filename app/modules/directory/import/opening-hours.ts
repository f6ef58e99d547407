import { listOf, msg, type ImportMessage } from "./import-messages";

/** One regular weekly opening: ISO weekday (1 = Monday … 7 = Sunday) and times "HH:MM". */
export type OpeningSlot = { weekday: number; opens: string; closes: string };

export const WEEKDAY_NAMES = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"] as const;

// German abbreviations as people write them, English ones as spreadsheets from elsewhere do; none collide.
const WEEKDAYS: Record<string, number> = { mo: 1, di: 2, mi: 3, do: 4, fr: 5, sa: 6, so: 7, tu: 2, we: 3, th: 4, su: 7 };
const ICAL_WEEKDAYS: Record<string, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };

/** "9:00", "09:00" or "09:00:00" as "09:00"; null when it is not a time of day (24:00 is, as a closing time). */
export function parseTime(text: string): string | null {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (minutes > 59 || seconds > 59 || hours > 24 || (hours === 24 && (minutes > 0 || seconds > 0))) return null;
  return `${String(hours).padStart(2, "0")}:${match[2]}`;
}

function parseDays(text: string): number[] | ImportMessage {
  const days: number[] = [];
  for (const part of text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [from, to, ...rest] = part.split(/[-–]/).map((item) => item.trim());
    const start = WEEKDAYS[from?.toLowerCase() ?? ""];
    const end = to === undefined ? start : WEEKDAYS[to.toLowerCase()];
    if (rest.length > 0 || start === undefined || end === undefined) {
      const unknown = [from, to].find((day) => day !== undefined && WEEKDAYS[day.toLowerCase()] === undefined);
      return unknown ? msg("unknownDay", { day: unknown, days: listOf(WEEKDAY_NAMES) }) : msg("notDays", { part });
    }
    if (end < start) return msg("rangeBackwards", { part });
    for (let day = start; day <= end; day++) days.push(day);
  }
  return days.length > 0 ? days : msg("noDay");
}

type TimeRange = { opens: string; closes: string };

function parseRange(text: string): TimeRange | ImportMessage {
  const [from, to, ...rest] = text.split(/[-–]/);
  if (from === undefined || to === undefined || rest.length > 0) return msg("notTimeRange", { text });
  const opens = parseTime(from);
  const closes = parseTime(to);
  if (!opens) return msg("notTimeOfDay", { value: from.trim() });
  if (!closes) return msg("notTimeOfDay", { value: to.trim() });
  if (closes <= opens) return msg("closesBeforeOpens", { opens, closes });
  return { opens, closes };
}

const isRange = (range: TimeRange | ImportMessage): range is TimeRange => "opens" in range;

/**
 * Parses opening hours written as in the CSV template: parts separated by "|", each days then time
 * ranges, e.g. `Mo-Fr 09:00-12:00, 13:00-15:00|Di 16:00-18:00`. Errors name the part by its index.
 */
export function parseOpeningHours(text: string): { slots: OpeningSlot[]; errors: { index: number; message: ImportMessage }[] } {
  const slots: OpeningSlot[] = [];
  const errors: { index: number; message: ImportMessage }[] = [];
  for (const [index, raw] of text.split("|").entries()) {
    const part = raw.trim();
    if (!part) continue;
    // The days come first, the times start at the first digit.
    const at = part.search(/\d/);
    if (at <= 0 || !part.slice(0, at).trim()) {
      errors.push({ index, message: msg("notLikeExample", { part }) });
      continue;
    }
    const days = parseDays(part.slice(0, at));
    const ranges = part
      .slice(at)
      .split(",")
      .map((range) => parseRange(range.trim()));
    const problem = Array.isArray(days) ? ranges.find((range): range is ImportMessage => !isRange(range)) : days;
    if (problem || !Array.isArray(days)) {
      errors.push({ index, message: msg("problemIn", { problem: problem ?? msg("noDay"), part }) });
      continue;
    }
    for (const range of ranges) if (isRange(range)) for (const weekday of days) slots.push({ weekday, ...range });
  }
  return { slots: sortSlots(slots), errors };
}

/** The weekdays of an iCal BYDAY list ("TH,FR"); a message says why it is not a plain weekly list. */
export function parseIcalByDay(byday: string): number[] | ImportMessage {
  const days: number[] = [];
  for (const code of byday.split(",").map((item) => item.trim().toUpperCase())) {
    const day = ICAL_WEEKDAYS[code];
    if (day === undefined) return /^[+-]?\d+[A-Z]{2}$/.test(code) ? msg("dayOfMonth", { code }) : msg("unknownDay", { day: code, days: listOf(Object.keys(ICAL_WEEKDAYS)) });
    days.push(day);
  }
  return days;
}

/** Slots in weekday and time order without repeats, so that two spellings of the same hours compare equal. */
export function sortSlots(slots: OpeningSlot[]): OpeningSlot[] {
  const unique = new Map(slots.map((slot) => [`${slot.weekday} ${slot.opens} ${slot.closes}`, slot]));
  return [...unique.values()].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens) || a.closes.localeCompare(b.closes));
}

/** The slots written back in the template's notation, one part per day and range. */
export function formatOpeningHours(slots: OpeningSlot[]): string {
  return sortSlots(slots)
    .map((slot) => `${WEEKDAY_NAMES[slot.weekday - 1]} ${slot.opens}-${slot.closes}`)
    .join("|");
}
