/** The calendar day ("YYYY-MM-DD") an instant falls on in Europe/Berlin: the calendar's helper, under the name the task pages use. */
export { berlinDate as berlinDay } from "#app/modules/calendar/berlin-time";

/**
 * Whether a task is overdue on `today` (a Berlin calendar day): its due day has passed and it is not
 * done. A task due today is not overdue yet.
 */
export function isOverdue(task: { dueDate: string | null; status: string }, today: string): boolean {
  return task.dueDate !== null && task.status !== "done" && task.dueDate < today;
}

/** Formats a calendar day ("YYYY-MM-DD") for the language; a day has no time zone to convert. */
export function formatDay(lang: string, day: string, options: Intl.DateTimeFormatOptions = { dateStyle: "medium" }): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(lang, { ...options, timeZone: "UTC" }).format(new Date(Date.UTC(year!, month! - 1, date!)));
}
