import { z } from "zod";
import { berlinWallTimeToUtc, isWallTimeValue } from "#app/modules/calendar/berlin-time";
import { textOrEmpty } from "#app/utils/form-fields";
import { attendanceResponses } from "#db/schema/group-enums";

export const MEETING_TITLE_MAX = 160;
export const MEETING_TEXT_MAX = 20_000;

const wallTime = z.string({ error: "validation.required" }).trim().min(1, "validation.required");

/**
 * A meeting or network event as its form sends it. Times are Berlin wall-clock times from
 * `datetime-local` inputs; the parsed value carries the instants.
 */
export const MeetingFormSchema = z
  .object({
    title: z.string({ error: "validation.required" }).trim().min(3, "meetings.validation.titleShort").max(MEETING_TITLE_MAX, "validation.tooLong"),
    startsAt: wallTime,
    endsAt: wallTime,
    place: textOrEmpty(300),
    onlineUrl: z
      .string()
      .trim()
      .max(500, "validation.tooLong")
      .optional()
      .transform((value) => value || null)
      .refine((value) => value === null || /^https?:\/\/[^\s/]+\.[^\s]+$/.test(value), "meetings.validation.onlineUrl"),
    agenda: textOrEmpty(MEETING_TEXT_MAX),
  })
  .superRefine((value, ctx) => {
    const starts = berlinWallTimeToUtc(value.startsAt);
    const ends = berlinWallTimeToUtc(value.endsAt);
    const timeError = (value: string) => (isWallTimeValue(value) ? "meetings.validation.timeSkipped" : "meetings.validation.time");
    if (!starts) ctx.addIssue({ code: "custom", path: ["startsAt"], message: timeError(value.startsAt) });
    if (!ends) ctx.addIssue({ code: "custom", path: ["endsAt"], message: timeError(value.endsAt) });
    if (starts && ends && ends.getTime() <= starts.getTime()) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "meetings.validation.endBeforeStart" });
    if (!value.place && !value.onlineUrl) ctx.addIssue({ code: "custom", path: ["place"], message: "meetings.validation.placeOrLink" });
  })
  .transform((value) => ({ ...value, startsAt: berlinWallTimeToUtc(value.startsAt)!, endsAt: berlinWallTimeToUtc(value.endsAt)! }));

export type MeetingInput = z.output<typeof MeetingFormSchema>;

export const MinutesSchema = z.object({
  intent: z.literal("minutes"),
  minutes: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(MEETING_TEXT_MAX, "validation.tooLong"),
  /** When the minutes the writer saw were saved (ISO), "" when there were none: a later save is a conflict. */
  seen: z.string().max(40).optional(),
});

/** The minutesAt a minutes form was loaded with: null for none; an unreadable value counts as "none seen". */
export function seenMinutesAt(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The SEQUENCE a meeting edit form was loaded with; -1 (never stored) when it is missing or unreadable. */
export function seenSequence(value: FormDataEntryValue | null): number {
  return typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : -1;
}

export const AttendanceSchema = z.object({ intent: z.literal("attend"), response: z.enum(attendanceResponses) });
