import { parseWithZod } from "@conform-to/zod/v4";
import { json } from "@remix-run/node";
import { utcToBerlinWallTime } from "~/modules/calendar/berlin-time";
import { redirectWithToast } from "~/utils/toast.server";
import type { MeetingFormValues } from "./meeting-form";
import { MeetingFormSchema, type MeetingInput } from "./meeting-schemas";

/** A stored meeting in the formats of its edit form: Berlin wall-clock times, "" for no link. */
export function meetingFormValues(meeting: { title: string; startsAt: Date; endsAt: Date; place: string; onlineUrl: string | null; agenda: string }): MeetingFormValues {
  return {
    title: meeting.title,
    startsAt: utcToBerlinWallTime(meeting.startsAt),
    endsAt: utcToBerlinWallTime(meeting.endsAt),
    place: meeting.place,
    onlineUrl: meeting.onlineUrl ?? "",
    agenda: meeting.agenda,
  };
}

/**
 * The action of a meeting form, once the route has checked who may use it: bad input answers 400
 * with the errors for the fields; good input is handed to `save`, which stores it and names the page
 * to go to, and the answer redirects there (303) with the notice `toast`.
 */
export async function submitMeetingForm(request: Request, toast: string, save: (input: MeetingInput) => Promise<string>) {
  const submission = parseWithZod(await request.formData(), { schema: MeetingFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  return redirectWithToast(await save(submission.value), toast);
}
