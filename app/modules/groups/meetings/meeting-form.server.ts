import { parseWithZod } from "@conform-to/zod/v4";
import { json } from "@remix-run/node";
import { utcToBerlinWallTime } from "#app/modules/calendar/berlin-time";
import { redirectWithToast } from "#app/utils/toast.server";
import type { MeetingFormValues } from "./meeting-form";
import { MeetingFormSchema, seenSequence, type MeetingInput } from "./meeting-schemas";

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

type StoredMeeting = Parameters<typeof meetingFormValues>[0] & { sequence: number };

/**
 * The action of a meeting form, once the route has checked who may use it: bad input answers 400
 * with the errors for the fields; good input is handed to `save` with the SEQUENCE the form was
 * loaded with (hidden field `sequence`; -1 when missing), which stores it and names the page to go
 * to, and the answer redirects there (303) with the notice `toast`. When `save` reports that
 * someone else changed the meeting meanwhile (it hands back the meeting as it is now), the form
 * comes back (409) with what was typed, the notice `conflictMessage` at the form and the current
 * state, so the person can merge and save again.
 */
export async function submitMeetingForm(
  request: Request,
  toast: string,
  save: (input: MeetingInput, seenSequence: number) => Promise<string | { conflict: StoredMeeting }>,
  conflictMessage = "meetings.conflict.meeting",
) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: MeetingFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), conflict: null }, { status: 400 });
  const outcome = await save(submission.value, seenSequence(formData.get("sequence")));
  if (typeof outcome === "string") return redirectWithToast(outcome, toast);
  const current = outcome.conflict;
  return json({ result: submission.reply({ formErrors: [conflictMessage] }), conflict: { values: meetingFormValues(current), sequence: current.sequence } }, { status: 409 });
}
