import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { StatusButton } from "#app/components/forms";
import { MarkdownHtml, type RenderedMarkdown } from "#app/components/markdown-html";
import { BERLIN } from "#app/modules/calendar/berlin-time";
import { titleWith } from "#app/utils/meta";
import { useRootData } from "#app/utils/misc";
import { InLang } from "#app/utils/content-lang";

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
            <Link to={meeting.href}>
              <InLang>{meeting.title}</InLang>
            </Link>
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

type ShownMeeting = { startsAt: string; endsAt: string; place: string; onlineUrl: string | null; agenda: string; agendaHtml: RenderedMarkdown; cancelledAt: string | null };

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
            <dd className="meeting__place">
              <InLang>{meeting.place}</InLang>
            </dd>
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
        {meeting.agenda ? <MarkdownHtml html={meeting.agendaHtml} /> : <p>{t("meetings.noAgenda")}</p>}
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

type AgendaCandidate = { id: number; title: string; status: string };

/**
 * For the group's coordinators before a meeting: the Open Mic topics handed to the group that are
 * not on the agenda yet, each with a button that appends it (a plain form post).
 */
export function AgendaTopics({ topics, error }: { topics: AgendaCandidate[]; error: string | null }) {
  const { t } = useTranslation();
  if (topics.length === 0 && !error) return null;
  return (
    <section aria-labelledby="anliegen-tagesordnung" className="meeting__topics no-print">
      <h2 id="anliegen-tagesordnung" tabIndex={-1}>
        {t("meetings.topics.agendaHeading")}
      </h2>
      <p className="field__hint">{t("meetings.topics.agendaHint")}</p>
      {error ? (
        <p role="alert" className="error-list">
          {t(error)}
        </p>
      ) : null}
      {topics.length > 0 ? (
        <ul className="meeting-list">
          {topics.map((topic) => (
            <li key={topic.id} className="meeting-item meeting-topic">
              <p className="meeting-item__title">
                <Link to={`/open-mic/${topic.id}`}>{t("meetings.topics.topicLabel", { id: topic.id, title: topic.title })}</Link>
              </p>
              <p className="hit__meta">{t(`openMicCoordination.statuses.${topic.status}`)}</p>
              <Form method="post" preventScrollReset>
                <input type="hidden" name="intent" value="agenda-topic" />
                <input type="hidden" name="topicId" value={String(topic.id)} />
                <StatusButton className="button button--secondary">
                  {t("meetings.topics.addToAgenda")}
                  <span className="visually-hidden">{t("meetings.topics.whichTopic", { id: topic.id })}</span>
                </StatusButton>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

type Decision = { id: number; title: string; status: string; statusHref: string | null; taskHref: string | null };

/**
 * After a meeting began: for each visible topic on its agenda, the way back to the Open Mic — the
 * status form with the answer begun (network coordination) and a task linked to the topic (members).
 */
export function TopicDecisions({ decisions }: { decisions: Decision[] }) {
  const { t } = useTranslation();
  if (decisions.length === 0) return null;
  return (
    <section aria-labelledby="beschluesse-anliegen" className="meeting__decisions card no-print">
      <h2 id="beschluesse-anliegen">{t("meetings.topics.decisionsHeading")}</h2>
      <p className="field__hint">{t("meetings.topics.decisionsHint")}</p>
      <ul className="meeting-list">
        {decisions.map((topic) => (
          <li key={topic.id} className="meeting-item">
            <p className="meeting-item__title">
              <Link to={`/open-mic/${topic.id}`}>{t("meetings.topics.topicLabel", { id: topic.id, title: topic.title })}</Link>
            </p>
            <p className="hit__meta">{t(`openMicCoordination.statuses.${topic.status}`)}</p>
            <ul className="plain meeting-topic__actions">
              {topic.statusHref ? (
                <li>
                  <Link to={topic.statusHref}>
                    {t("meetings.topics.changeStatus")}
                    <span className="visually-hidden">{t("meetings.topics.whichTopic", { id: topic.id })}</span>
                  </Link>
                </li>
              ) : null}
              {topic.taskHref ? (
                <li>
                  <Link to={topic.taskHref}>
                    {t("meetings.topics.createTask")}
                    <span className="visually-hidden">{t("meetings.topics.whichTopic", { id: topic.id })}</span>
                  </Link>
                </li>
              ) : null}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
