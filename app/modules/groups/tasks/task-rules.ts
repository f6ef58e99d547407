// The task list's words and limits, without the validation library: the board, the list and the
// task forms read them in the browser too, and task-schemas.ts checks them on the server.
import { taskStatuses, type TaskStatus } from "#db/schema/group-enums";

export const TASK_TITLE_MAX = 200;
export const TASK_DESCRIPTION_MAX = 10_000;

/** The German words for statuses in URLs and forms (`?status=in-arbeit`). */
export const STATUS_SLUGS = { open: "offen", in_progress: "in-arbeit", done: "erledigt" } as const satisfies Record<TaskStatus, string>;
export type StatusSlug = (typeof STATUS_SLUGS)[TaskStatus];

/** The status a URL or form word stands for, or null for anything else. */
export function statusFromSlug(slug: unknown): TaskStatus | null {
  return taskStatuses.find((status) => STATUS_SLUGS[status] === slug) ?? null;
}

/** Whether "YYYY-MM-DD" names a day that exists (no 31 April), in a sensible range of years. */
export function isValidDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2999) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A topic number ("42") as the form sends it; null for anything else. */
export function topicNumber(value: unknown): number | null {
  if (typeof value !== "string" || !/^[1-9]\d{0,9}$/.test(value.trim())) return null;
  const id = Number(value.trim());
  return id <= 2_147_483_647 ? id : null;
}

export type TaskView = "board" | "liste";

/** What the task list shows, read from the query string; unknown values are ignored. */
export type TaskQuery = { view: TaskView; mine: boolean; overdue: boolean; status: TaskStatus | null };

export function parseTaskQuery(params: URLSearchParams): TaskQuery {
  const filters = params.getAll("filter");
  return {
    view: params.get("ansicht") === "liste" ? "liste" : "board",
    mine: filters.includes("meine"),
    overdue: filters.includes("ueberfaellig"),
    status: statusFromSlug(params.get("status")),
  };
}

/** The query string of a task list: only what differs from the defaults. */
export function taskQueryString(query: TaskQuery): string {
  const params = new URLSearchParams();
  if (query.view !== "board") params.set("ansicht", query.view);
  if (query.mine) params.append("filter", "meine");
  if (query.overdue) params.append("filter", "ueberfaellig");
  if (query.status) params.set("status", STATUS_SLUGS[query.status]);
  const text = params.toString();
  return text ? `?${text}` : "";
}
