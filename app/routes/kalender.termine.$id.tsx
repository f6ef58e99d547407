import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { StatusButton } from "#app/components/forms";
import { markdownLinks } from "#app/components/markdown-html";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import { getOptionalUser, requireUser } from "#app/modules/auth/session.server";
import { MeetingDetails, meetingPageTitle } from "#app/modules/groups/meetings/meeting-parts";
import { getMeeting, setMeetingCancelled } from "#app/modules/groups/meetings/meetings.server";
import styles from "#app/styles/meetings.css";
import { badRequest, forbidden, requireFound } from "#app/utils/http";
import { redirectWithToast } from "#app/utils/toast.server";
import { renderMarkdown } from "#app/utils/markdown.server";
import { InLang } from "#app/utils/content-lang";

export const links = () => [...markdownLinks, { rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = (args) => (args.data ? meetingPageTitle(args, "calendar.title", args.data.event.title) : [{ title: "Kurze Wege" }]);

/** A network-wide event: anyone reads it. A group meeting's id finds nothing here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const event = requireFound(await getMeeting(null, params.id));
  return json({
    event: {
      id: event.id,
      title: event.title,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      place: event.place,
      onlineUrl: event.onlineUrl,
      agenda: event.agenda,
      agendaHtml: renderMarkdown(event.agenda),
      cancelledAt: event.cancelledAt,
    },
    manages: isNetworkCoordinator(user),
  });
}

/** Network coordination cancels an event or takes the cancellation back. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const event = requireFound(await getMeeting(null, params.id));
  if (!isNetworkCoordinator(user)) throw forbidden();
  const intent = (await request.formData()).get("intent");
  if (intent !== "cancel" && intent !== "restore") throw badRequest();
  await setMeetingCancelled(null, event.id, intent === "cancel");
  return redirectWithToast(`/kalender/termine/${event.id}`, intent === "cancel" ? "calendar.toast.eventCancelled" : "calendar.toast.eventRestored");
}

export default function NetworkEventPage() {
  const { t } = useTranslation();
  const { event, manages } = useLoaderData<typeof loader>();
  const base = `/kalender/termine/${event.id}`;
  return (
    <article className="page meeting">
      <p className="entry__kind">
        <Link to="/kalender">{t("calendar.event.back")}</Link> · {t("calendar.event.kind")}
      </p>
      <h1>
        <InLang>{event.title}</InLang>
        {event.cancelledAt ? <span className="badge badge--cancelled">{t("meetings.cancelled")}</span> : null}
      </h1>
      <MeetingDetails meeting={event} downloadHref={`${base}/kalender.ics`} cancelledText={t("calendar.event.cancelledNotice")} />
      {manages ? (
        <section aria-label={t("calendar.event.edit")} className="meeting__manage no-print">
          <Link to={`${base}/bearbeiten`} className="button button--secondary">
            {t("calendar.event.edit")}
          </Link>
          <Form method="post" className="inline-form">
            <StatusButton name="intent" value={event.cancelledAt ? "restore" : "cancel"} className="button button--secondary">
              {event.cancelledAt ? t("meetings.restore") : t("calendar.event.cancel")}
            </StatusButton>
          </Form>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
