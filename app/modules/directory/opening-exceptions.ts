import { parseTime } from "./import/opening-hours";

export type OpeningException = { day: string; opens: string | null; closes: string | null; note: string | null };

const CLOSED = /^(geschlossen|closed|zu)$/i;

/** "24.12.2026" or "2026-12-24" as "2026-12-24"; null when it is no real date. */
function parseDay(text: string): string | null {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = german ? [german[3], german[2], german[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!year || !month || !day) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Days that differ from the week, one per line: a date, then "geschlossen" or a time range, then an
 * optional note — "24.12.2026 geschlossen Heiligabend", "31.12.2026 09:00-12:00". Returns the line
 * numbers that could not be read.
 */
export function parseOpeningExceptions(text: string): { exceptions: OpeningException[]; badLines: number[] } {
  const exceptions: OpeningException[] = [];
  const badLines: number[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const [dayText = "", hoursText = "", ...rest] = line.split(/\s+/);
    const day = parseDay(dayText);
    const note = rest.join(" ") || null;
    if (day && CLOSED.test(hoursText)) {
      exceptions.push({ day, opens: null, closes: null, note });
      continue;
    }
    const [from = "", to = ""] = hoursText.split(/[-–]/);
    const opens = parseTime(from);
    const closes = parseTime(to);
    if (day && opens && closes && opens < closes) exceptions.push({ day, opens, closes, note });
    else badLines.push(index + 1);
  }
  return { exceptions, badLines };
}

/** The exceptions written back one per line, in German date order. */
export function formatOpeningExceptions(exceptions: OpeningException[]): string {
  return exceptions
    .map(({ day, opens, closes, note }) => {
      const [year, month, date] = day.split("-");
      return [`${date}.${month}.${year}`, opens && closes ? `${opens}-${closes}` : "geschlossen", note].filter(Boolean).join(" ");
    })
    .join("\n");
}
