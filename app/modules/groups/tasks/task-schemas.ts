import { z } from "zod";
import { taskStatuses, type TaskStatus } from "#db/schema/group-enums";
import { isUuid } from "#app/utils/uuid";

export const TASK_TITLE_MAX = 200;
export const TASK_DESCRIPTION_MAX = 10_000;
const TASK_ASSIGNEES_MAX = 50;

/** The German words for statuses in URLs and forms (`?status=in-arbeit`). */
export const STATUS_SLUGS = { open: "offen", in_progress: "in-arbeit", done: "erledigt" } as const satisfies Record<TaskStatus, string>;
export type StatusSlug = (typeof STATUS_SLUGS)[TaskStatus];
const SLUG_VALUES = Object.values(STATUS_SLUGS) as [StatusSlug, ...StatusSlug[]];

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

/**
 * The task form, shared by the browser and the actions. Whether the assignees are members of the
 * group, the thread belongs to it and the topic was handed to it needs the database: tasks.server.ts
 * checks it when writing.
 */
export const TaskFormSchema = z.object({
  title: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(TASK_TITLE_MAX, "validation.tooLong"),
  description: z
    .string()
    .trim()
    .max(TASK_DESCRIPTION_MAX, "validation.tooLong")
    .optional()
    .transform((value) => value ?? ""),
  // Checked as a whole, so the message stands at the group of checkboxes.
  assignees: z
    .array(z.string())
    .default([])
    .refine((ids) => ids.every(isUuid), "tasks.validation.assignees")
    .refine((ids) => ids.length <= TASK_ASSIGNEES_MAX, "tasks.validation.assignees")
    .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
  dueDate: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || isValidDay(value), "tasks.validation.dueDate")
    .transform((value) => value || null),
  threadId: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || isUuid(value), "tasks.validation.thread")
    .transform((value) => value?.toLowerCase() || null),
  // An Open Mic topic handed to this group ("Anliegen 42"): its number.
  topicId: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || topicNumber(value) !== null, "tasks.validation.topic")
    .transform((value) => (value ? topicNumber(value) : null)),
});

export type TaskForm = z.infer<typeof TaskFormSchema>;
/** The form's fields as the browser holds them. */
export type TaskFormFields = z.input<typeof TaskFormSchema>;

/** A small form that moves a task to another status (board, list and task page). */
export const TaskStatusSchema = z.object({
  intent: z.literal("status"),
  taskId: z.string().refine(isUuid),
  status: z.enum(SLUG_VALUES).transform((slug) => statusFromSlug(slug)!),
});

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
