import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { StatusButton } from "#app/components/forms";
import { getOptionalUser, requireUser } from "#app/modules/auth/session.server";
import { utcToBerlinWallTime } from "#app/modules/calendar/berlin-time";
import {
  deleteCalendarToken,
  freshTokenHeaders,
  getCalendarTokenCreatedAt,
  groupFeedQueries,
  redirectWithNewCalendarToken,
  takeNewCalendarToken,
  tokenPageHeaders,
} from "#app/modules/calendar/calendar-tokens.server";
import { getGroupAccess } from "#app/modules/groups/group-access.server";
import { listGroups } from "#app/modules/groups/groups.server";
import { FeedAddress, MeetingList, type ListedMeeting } from "#app/modules/groups/meetings/meeting-parts";
import { listCalendar, meetingPath } from "#app/modules/groups/meetings/meetings.server";
import styles from "#app/styles/meetings.css";
import { getEnv } from "#app/utils/env.server";
import { badRequest } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import { InLang } from "#app/utils/content-lang";

export const links = () => [{ rel: "stylesheet", href: styles }];

// A page that shows a new calendar token once must never be kept by a cache.
export const headers = tokenPageHeaders;

export const meta: MetaFunction = (args) => pageTitle(args, "calendar.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const params = new URL(request.url).searchParams;
  const range = params.get("zeitraum") === "vergangen" ? "past" : "upcoming";
  // Only groups this person may see can be chosen; any other name is treated as no choice at all.
  const groups = await listGroups(user);
  const chosen = groups.find((group) => group.slug === params.get("gruppe")) ?? null;
  const groupId = chosen ? ((await getGroupAccess(chosen.slug, user))?.group.id ?? null) : null;
  const entries = await listCalendar({ userId: user?.id ?? null, range, groupId });
  const appUrl = getEnv().APP_URL;
  const fresh = user ? await takeNewCalendarToken(request, user.id) : { token: null, setCookie: null };
  const headers = freshTokenHeaders(fresh);
  const personalUrls = fresh.token ? { all: `${appUrl}/kalender/privat/${fresh.token}/kalender.ics` } : null;
  // Each private group's own feed link: signed for this person and group (it never carries the
  // personal token), derived from their current token, so shown whenever they have one.
  const groupFeeds: { name: string; url: string }[] = [];
  const privateGroups = user ? groups.filter((group) => group.visibility === "private" && group.isMember) : [];
  if (user && privateGroups.length > 0) {
    const withIds = (await Promise.all(privateGroups.map((group) => getGroupAccess(group.slug, user)))).flatMap((access) => (access?.isMember ? [access.group] : []));
    const queries = await groupFeedQueries(
      user.id,
      withIds.map((group) => group.id),
    );
    for (const group of withIds) {
      const query = queries?.get(group.id);
      if (query) groupFeeds.push({ name: group.name, url: `${appUrl}/arbeitsgruppen/${group.slug}/kalender.ics?${query}` });
    }
  }
  if (groupFeeds.length > 0) headers.set("Cache-Control", "private, no-store");
  return json(
    {
      range,
      gruppe: groupId ? chosen!.slug : null,
      groups: groups.map((group) => ({ slug: group.slug, name: group.name })),
      entries: entries.map((entry) => ({ ...entry, href: meetingPath(entry) })),
      publicFeed: `${appUrl}/kalender.ics`,
      signedIn: Boolean(user),
      tokenSince: user ? await getCalendarTokenCreatedAt(user.id) : null,
      personalUrls,
      groupFeeds,
      managesEvents: isNetworkCoordinator(user),
    },
    { headers },
  );
}

/** Makes (or replaces) the personal calendar token, or deletes it. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const intent = (await request.formData()).get("intent");
  if (intent === "create-token") return redirectWithNewCalendarToken(user.id, "/kalender#kalender-link");
  if (intent === "delete-token") {
    await deleteCalendarToken(user.id);
    return redirectWithToast("/kalender#kalender-link", "calendar.toast.tokenDeleted");
  }
  throw badRequest();
}

type Entry = ListedMeeting;

/** Entries by Berlin calendar month, in the order given. */
function byMonth(entries: Entry[]): { key: string; first: string; items: Entry[] }[] {
  const months: { key: string; first: string; items: Entry[] }[] = [];
  for (const entry of entries) {
    const key = utcToBerlinWallTime(entry.startsAt).slice(0, 7);
    const last = months[months.length - 1];
    if (last?.key === key) last.items.push(entry);
    else months.push({ key, first: entry.startsAt, items: [entry] });
  }
  return months;
}

export default function CalendarPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { range, gruppe, groups, entries, publicFeed, signedIn, tokenSince, personalUrls, groupFeeds, managesEvents } = useLoaderData<typeof loader>();
  const query = (next: { zeitraum?: string | null; gruppe?: string | null }) => {
    const search = new URLSearchParams();
    if (next.zeitraum) search.set("zeitraum", next.zeitraum);
    if (next.gruppe) search.set("gruppe", next.gruppe);
    const text = search.toString();
    return text ? `/kalender?${text}` : "/kalender";
  };
  return (
    <div className="page">
      <h1>{t("calendar.title")}</h1>
      <p className="lead">{t("calendar.intro")}</p>
      {managesEvents ? (
        <p>
          <Link to="/kalender/termine/neu" className="button">
            {t("calendar.newEvent")}
          </Link>
        </p>
      ) : null}
      <div className="calendar__tools no-print">
        <nav aria-label={t("calendar.rangeNav")}>
          <ul className="calendar__ranges">
            <li>
              <Link to={query({ gruppe })} aria-current={range === "upcoming" ? "page" : undefined}>
                {t("calendar.showUpcoming")}
              </Link>
            </li>
            <li>
              <Link to={query({ zeitraum: "vergangen", gruppe })} aria-current={range === "past" ? "page" : undefined}>
                {t("calendar.showPast")}
              </Link>
            </li>
          </ul>
        </nav>
        <Form method="get" className="calendar__filter">
          {range === "past" ? <input type="hidden" name="zeitraum" value="vergangen" /> : null}
          <div className="field">
            <label htmlFor="calendar-group">{t("calendar.filterLabel")}</label>
            <select id="calendar-group" name="gruppe" defaultValue={gruppe ?? ""} key={gruppe ?? ""}>
              <option value="">{t("calendar.filterAll")}</option>
              {groups.map((group) => (
                <option key={group.slug} value={group.slug}>
                  <InLang>{group.name}</InLang>
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--secondary">
            {t("calendar.filterApply")}
          </button>
        </Form>
      </div>
      <h2>{range === "past" ? t("calendar.past") : t("calendar.upcoming")}</h2>
      {entries.length === 0 ? <p>{t("calendar.empty")}</p> : null}
      {byMonth(entries).map((month) => (
        <section key={month.key} aria-labelledby={`monat-${month.key}`} className="calendar__month">
          <h3 id={`monat-${month.key}`}>{formatDate(lang, month.first, { month: "long", year: "numeric" })}</h3>
          <MeetingList items={month.items} showGroup />
        </section>
      ))}
      <section aria-labelledby="abonnieren" className="subscribe">
        <h2 id="abonnieren">{t("calendar.subscribe.heading")}</h2>
        <FeedAddress label={t("calendar.subscribe.publicLink")} url={publicFeed} hint={t("calendar.subscribe.publicHint")} />
        <p>
          <a href={publicFeed}>{t("calendar.subscribe.publicLink")}</a>
        </p>
        <h3 id="kalender-link" tabIndex={-1}>
          {t("calendar.personal.heading")}
        </h3>
        {signedIn ? (
          <>
            <p>{t("calendar.personal.intro")}</p>
            {personalUrls ? (
              <div className="notice">
                <FeedAddress label={t("calendar.personal.url")} url={personalUrls.all} hint={t("calendar.personal.once")} />
              </div>
            ) : tokenSince ? (
              <p>{t("calendar.personal.since", { date: formatDate(lang, tokenSince) })}</p>
            ) : (
              <p>{t("calendar.personal.none")}</p>
            )}
            {groupFeeds.length > 0 ? (
              <>
                <h4>{t("calendar.personal.groupUrls")}</h4>
                <p className="field__hint">{t("calendar.personal.groupUrlsHint")}</p>
                {groupFeeds.map((group) => (
                  <FeedAddress key={group.url} label={t("calendar.personal.groupUrl", { name: group.name })} url={group.url} />
                ))}
              </>
            ) : null}
            <Form method="post" className="calendar__token">
              {tokenSince ? <p className="field__hint">{t("calendar.personal.replaceHint")}</p> : null}
              <StatusButton name="intent" value="create-token" className="button button--secondary">
                {tokenSince ? t("calendar.personal.replace") : t("calendar.personal.create")}
              </StatusButton>
              {tokenSince ? (
                <StatusButton name="intent" value="delete-token" className="button button--secondary">
                  {t("calendar.personal.delete")}
                </StatusButton>
              ) : null}
            </Form>
          </>
        ) : (
          <p>
            <Link to="/anmelden?redirectTo=%2Fkalender">{t("calendar.personal.signIn")}</Link>
          </p>
        )}
      </section>
    </div>
  );
}
