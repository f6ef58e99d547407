import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { StatusButton } from "#app/components/forms";
import { markdownLinks } from "#app/components/markdown-html";
import { AgendaTopics, MeetingDetails, meetingPageTitle, TopicDecisions } from "#app/modules/groups/meetings/meeting-parts";
import styles from "#app/styles/meetings.css";
import topicStyles from "#app/styles/meeting-topics.css";
import { Attendance } from "./attendance";
import type { action, loader } from "./data.server";
import { Minutes } from "./minutes";
import { InLang } from "#app/utils/content-lang";

export { action, loader } from "./data.server";

export const links = () => [...markdownLinks, { rel: "stylesheet", href: styles }, { rel: "stylesheet", href: topicStyles }];

// Title and group name come from loader data, which a private group gives its members only.
export const meta: MetaFunction<typeof loader> = (args) => (args.data ? meetingPageTitle(args, null, args.data.meeting.title, args.data.group.name) : [{ title: "Kurze Wege" }]);

export default function MeetingPage() {
  const { t } = useTranslation();
  const { group, meeting, coordinates, agendaTopics, decisions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/arbeitsgruppen/${group.slug}/treffen/${meeting.id}`;
  return (
    <article className="page meeting">
      <p className="entry__kind">
        <Link to={`/arbeitsgruppen/${group.slug}/treffen`}>{t("meetings.backToList")}</Link> ·{" "}
        <Link to={`/arbeitsgruppen/${group.slug}`}>
          <InLang>{group.name}</InLang>
        </Link>
      </p>
      <h1>
        <InLang>{meeting.title}</InLang>
        {meeting.cancelledAt ? <span className="badge badge--cancelled">{t("meetings.cancelled")}</span> : null}
      </h1>
      <MeetingDetails meeting={meeting} downloadHref={`${base}/kalender.ics`} cancelledText={t("meetings.cancelledNotice")} />
      <AgendaTopics topics={agendaTopics} error={actionData && "topicError" in actionData ? actionData.topicError : null} />
      <Attendance />
      <Minutes />
      <TopicDecisions decisions={decisions} />
      {coordinates ? (
        <section aria-label={t("meetings.edit")} className="meeting__manage no-print">
          <Link to={`${base}/bearbeiten`} className="button button--secondary">
            {t("meetings.edit")}
          </Link>
          <Form method="post" className="inline-form">
            <StatusButton name="intent" value={meeting.cancelledAt ? "restore" : "cancel"} className="button button--secondary">
              {meeting.cancelledAt ? t("meetings.restore") : t("meetings.cancel")}
            </StatusButton>
          </Form>
          {meeting.cancelledAt ? null : <p className="field__hint">{t("meetings.cancelHint")}</p>}
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
