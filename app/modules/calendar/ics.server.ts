import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { meetingPath, type FeedMeeting } from "#app/modules/groups/meetings/meetings.server";
import { getEnv } from "#app/utils/env.server";
import type { TFunction } from "#app/utils/i18n";

/** The stable iCalendar UID of a meeting: calendars match updates and cancellations by it. */
export const meetingUid = (meetingId: string) => `${meetingId}@kurze-wege`;

/**
 * An iCalendar text of these meetings. Times are written in UTC (…Z), so no time-zone table is
 * needed and every calendar shows them in its own zone; cancelled meetings stay in the feed with
 * STATUS:CANCELLED and a raised SEQUENCE, so subscribed calendars strike them through.
 */
/** Markdown links to pages of this site ("](/open-mic/42)") made absolute: a calendar has no site to be relative to. */
const withSiteLinks = (markdown: string, appUrl: string) => markdown.replace(/\]\((\/(?![/\\]))/g, `](${appUrl}/`);

export function buildCalendar(name: string, items: FeedMeeting[], t: TFunction, options: { method?: "publish" } = {}): string {
  const appUrl = getEnv().APP_URL;
  const calendar = ical({ name, prodId: { company: "Kurze Wege", product: "Kalender", language: "DE" } });
  if (options.method === "publish") calendar.method(ICalCalendarMethod.PUBLISH);
  for (const meeting of items) {
    const url = `${appUrl}${meetingPath(meeting)}`;
    const title = meeting.groupName ? t("calendar.ics.groupTitle", { title: meeting.title, group: meeting.groupName }) : meeting.title;
    const description = [
      meeting.onlineUrl ? t("calendar.ics.online", { url: meeting.onlineUrl }) : "",
      meeting.agenda ? `${t("calendar.ics.agenda")}\n${withSiteLinks(meeting.agenda, appUrl)}` : "",
      t("calendar.ics.page", { url }),
    ]
      .filter(Boolean)
      .join("\n\n");
    calendar.createEvent({
      id: meetingUid(meeting.id),
      sequence: meeting.sequence,
      start: meeting.startsAt,
      end: meeting.endsAt,
      stamp: meeting.updatedAt,
      created: meeting.createdAt,
      lastModified: meeting.updatedAt,
      summary: meeting.cancelledAt ? t("calendar.ics.cancelledTitle", { title }) : title,
      location: meeting.place || meeting.onlineUrl || null,
      description,
      url,
      status: meeting.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/**
 * The HTTP answer for a feed or a download. Personal feeds (a token in the address) and private
 * groups' meetings are never kept by caches; public feeds may be, briefly.
 */
export function icsResponse(body: string, options: { personal: boolean; download?: string }): Response {
  const headers = new Headers({
    "Content-Type": "text/calendar; charset=utf-8",
    "Cache-Control": options.personal ? "private, no-store" : "public, max-age=300",
    "X-Content-Type-Options": "nosniff",
  });
  if (options.personal) headers.set("Referrer-Policy", "no-referrer");
  if (options.download) headers.set("Content-Disposition", `attachment; filename="${options.download}"`);
  return new Response(body, { status: 200, headers });
}
