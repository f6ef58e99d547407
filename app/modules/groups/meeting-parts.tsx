import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Markdown } from "~/components/markdown";
import { BERLIN } from "~/modules/calendar/berlin-time";
import { titleWith } from "~/utils/meta";
import { useRootData } from "~/utils/misc";

/** "<texts> · <translated key> · Kurze Wege" for a route's meta export. */
export function meetingPageTitle(args: Pick<MetaArgs, "matches">, key: string | null, ...texts: string[]): MetaDescriptor[] {
  return titleWith(args, (t) => [...texts, ...(key ? [t(key)] : [])]);
}

const RANGE: Intl.DateTimeFormatOptions = { timeZone: BERLIN, weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" };

/** "Donnerstag, 12. November 2026, 17:00–18:30 Uhr": a meeting's time in Berlin, in the page language. */
export function formatMeetingTime(lang: string, startsAt: Date | string, endsAt: Date | string): string {
  return new Intl.DateTimeFormat(lang, RANGE).formatRange(new Date(startsAt), new Date(endsAt));
}

export function MeetingTime({ startsAt, endsAt }: { startsAt: string; endsAt: string }) {
  const { lang } = useRootData();
  return <time dateTime={startsAt}>{formatMeetingTime(lang, startsAt, endsAt)}</time>;
}

export type ListedMeeting = {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  online: boolean;
  cancelledAt: string | null;
  yes: number;
  href: string;
  /** On the calendar: the group's name, or null for a network-wide event. */
  groupName?: string | null;
  hasMinutes?: boolean;
};

/** A list of meetings with time, place and answers; cancelled ones are marked as such. */
export function MeetingList({ items, showGroup = false }: { items: ListedMeeting[]; showGroup?: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className="meeting-list">
      {items.map((meeting) => (
        <li key={meeting.id} className={meeting.cancelledAt ? "meeting-item meeting-item--cancelled" : "meeting-item"}>
          <p className="meeting-item__title">
            <Link to={meeting.href}>{meeting.title}</Link>
            {meeting.cancelledAt ? <span className="badge badge--cancelled">{t("meetings.cancelled")}</span> : null}
          </p>
          <p className="hit__meta">
            <MeetingTime startsAt={meeting.startsAt} endsAt={meeting.endsAt} />
            {showGroup ? ` · ${meeting.groupName ?? t("calendar.network")}` : ""}
            {meeting.place ? ` · ${meeting.place}` : ""}
            {meeting.online ? ` · ${t("meetings.online")}` : ""}
            {meeting.yes > 0 && !meeting.cancelledAt ? ` · ${t("meetings.yesCount", { count: meeting.yes })}` : ""}
            {meeting.hasMinutes ? ` · ${t("meetings.hasMinutes")}` : ""}
          </p>
        </li>
      ))}
    </ul>
  );
}

type ShownMeeting = { startsAt: string; endsAt: string; place: string; onlineUrl: string | null; agenda: string; cancelledAt: string | null };

/** When, where, the online link, the download and the agenda of a meeting or network event. */
export function MeetingDetails({ meeting, downloadHref, cancelledText }: { meeting: ShownMeeting; downloadHref: string; cancelledText: string }) {
  const { t } = useTranslation();
  return (
    <>
      {meeting.cancelledAt ? (
        <p className="notice" role="status">
          <strong>{cancelledText}</strong>
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("meetings.when")}</dt>
        <dd>
          <MeetingTime startsAt={meeting.startsAt} endsAt={meeting.endsAt} />
        </dd>
        {meeting.place ? (
          <>
            <dt>{t("meetings.where")}</dt>
            <dd className="meeting__place">{meeting.place}</dd>
          </>
        ) : null}
        {meeting.onlineUrl ? (
          <>
            <dt>{t("meetings.onlineLabel")}</dt>
            <dd>
              <a href={meeting.onlineUrl} rel="noopener noreferrer nofollow">
                {t("meetings.joinOnline")}
              </a>{" "}
              <span className="meeting__url">({meeting.onlineUrl})</span>
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={downloadHref} download>
          {t("meetings.download")}
        </a>
      </p>
      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t("meetings.agendaTitle")}</h2>
        {meeting.agenda ? <Markdown source={meeting.agenda} /> : <p>{t("meetings.noAgenda")}</p>}
      </section>
    </>
  );
}

/** A calendar address to copy, with a label; the field selects itself on focus for copying. */
export function FeedAddress({ label, url, hint }: { label: string; url: string; hint?: string }) {
  const id = useId();
  return (
    <div className="field feed-address">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input id={id} type="text" readOnly value={url} aria-describedby={hint ? `${id}-hint` : undefined} onFocus={(event) => event.currentTarget.select()} />
    </div>
  );
}
