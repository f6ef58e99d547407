import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { StatusButton } from "#app/components/forms";
import { getOptionalUser, requireUser } from "#app/modules/auth/session.server";
import { createCalendarToken, getCalendarTokenCreatedAt, groupFeedQueries, tokenPageHeaders } from "#app/modules/calendar/calendar-tokens.server";
import { requireGroupAccess } from "#app/modules/groups/group-access.server";
import { FeedAddress, MeetingList, meetingPageTitle } from "#app/modules/groups/meetings/meeting-parts";
import { listGroupMeetings } from "#app/modules/groups/meetings/meetings.server";
import styles from "#app/styles/meetings.css";
import { getEnv } from "#app/utils/env.server";
import { badRequest, forbidden } from "#app/utils/http";
import { redirectWithToast } from "#app/utils/toast.server";
import { InLang } from "#app/utils/content-lang";

export const links = () => [{ rel: "stylesheet", href: styles }];

// A page that shows a member's group feed link must never be kept by a cache.
export const headers = tokenPageHeaders;

// The group's name comes from loader data, which a private group gives its members only.
export const meta: MetaFunction<typeof loader> = (args) => (args.data ? meetingPageTitle(args, "meetings.title", args.data.group.name) : [{ title: "Kurze Wege" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const { group, isMember, coordinates } = await requireGroupAccess(params.slug, user);
  const { upcoming, past } = await listGroupMeetings(group.id);
  const base = `${getEnv().APP_URL}/arbeitsgruppen/${group.slug}/kalender.ics`;
  // A private group's feed link is signed for this member and group (never their personal token);
  // it is derived from their current token, so it can be shown whenever they have one.
  const signed = user && isMember && group.visibility === "private" ? await groupFeedQueries(user.id, [group.id]) : null;
  const query = signed?.get(group.id);
  const privateFeed = query ? `${base}?${query}` : null;
  const headers = new Headers();
  if (privateFeed) headers.set("Cache-Control", "private, no-store");
  const href = (id: string) => `/arbeitsgruppen/${group.slug}/treffen/${id}`;
  const shape = (meeting: (typeof upcoming)[number]) => ({ ...meeting, href: href(meeting.id) });
  return json(
    {
      group: { slug: group.slug, name: group.name, visibility: group.visibility },
      upcoming: upcoming.map(shape),
      past: past.map(shape),
      coordinates,
      isMember,
      feedUrl: group.visibility === "public" ? base : privateFeed,
    },
    { headers },
  );
}

/**
 * Makes the member's personal calendar token when they have none, which gives them this group's
 * feed link. An existing token is kept: replacing it (on /kalender) would end all their links.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { group, isMember } = await requireGroupAccess(params.slug, user);
  const formData = await request.formData();
  if (formData.get("intent") !== "calendar-token") throw badRequest();
  if (!isMember || group.visibility !== "private") throw forbidden();
  if (!(await getCalendarTokenCreatedAt(user.id))) await createCalendarToken(user.id);
  return redirectWithToast(`/arbeitsgruppen/${group.slug}/treffen#kalender`, "meetings.toast.feedLinkReady");
}

export default function GroupMeetingsPage() {
  const { t } = useTranslation();
  const { group, upcoming, past, coordinates, isMember, feedUrl } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p className="entry__kind">
        <Link to={`/arbeitsgruppen/${group.slug}`}>{t("meetings.backToGroup", { name: group.name })}</Link>
      </p>
      <h1>
        {t("meetings.title")}: <InLang>{group.name}</InLang>
      </h1>
      <p className="lead">{t("meetings.intro")}</p>
      {coordinates ? (
        <p>
          <Link to={`/arbeitsgruppen/${group.slug}/treffen/neu`} className="button">
            {t("meetings.new")}
          </Link>
        </p>
      ) : null}
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t("meetings.upcoming")}</h2>
        {upcoming.length > 0 ? <MeetingList items={upcoming} /> : <p>{t("meetings.noUpcoming")}</p>}
      </section>
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">{t("meetings.past")}</h2>
        {past.length > 0 ? <MeetingList items={past} /> : <p>{t("meetings.noPast")}</p>}
      </section>
      <section aria-labelledby="kalender" className="subscribe">
        <h2 id="kalender" tabIndex={-1}>
          {t("meetings.subscribe.heading")}
        </h2>
        {group.visibility === "public" && feedUrl ? (
          <>
            <FeedAddress label={t("meetings.subscribe.publicLink")} url={feedUrl} hint={t("meetings.subscribe.publicHint")} />
            <p>
              <a href={feedUrl}>{t("meetings.subscribe.publicLink")}</a>
            </p>
          </>
        ) : isMember ? (
          <>
            <p>{t("meetings.subscribe.privateIntro")}</p>
            {feedUrl ? (
              <div className="notice">
                <FeedAddress label={t("meetings.subscribe.privateUrl")} url={feedUrl} hint={t("meetings.subscribe.privateHint")} />
              </div>
            ) : (
              <Form method="post">
                <p className="field__hint">{t("meetings.subscribe.privateNoToken")}</p>
                <StatusButton name="intent" value="calendar-token" className="button button--secondary">
                  {t("meetings.subscribe.privateCreate")}
                </StatusButton>
              </Form>
            )}
          </>
        ) : null}
        <p>
          <Link to={`/kalender?gruppe=${group.slug}`}>{t("meetings.subscribe.overview")}</Link>
        </p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
