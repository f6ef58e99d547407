import { z } from "zod";
import { isUuid } from "#app/utils/uuid";
import { isValidDay, STATUS_SLUGS, statusFromSlug, TASK_DESCRIPTION_MAX, TASK_TITLE_MAX, topicNumber, type StatusSlug } from "./task-rules";

export {
  isValidDay,
  parseTaskQuery,
  STATUS_SLUGS,
  statusFromSlug,
  TASK_DESCRIPTION_MAX,
  TASK_TITLE_MAX,
  taskQueryString,
  topicNumber,
  type StatusSlug,
  type TaskQuery,
  type TaskView,
} from "./task-rules";

const TASK_ASSIGNEES_MAX = 50;
const SLUG_VALUES = Object.values(STATUS_SLUGS) as [StatusSlug, ...StatusSlug[]];

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
