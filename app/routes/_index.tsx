import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { getLanguage } from "#app/utils/i18n.server";
import { ActivityCounts, ActivityList } from "#app/modules/groups/activity-list";
import { getMyGroupsWithNews, getUpcomingMeetings } from "#app/modules/groups/activity.server";
import { listInvitationsForUser } from "#app/modules/groups/membership/invitations.server";
import { WaitingSummary } from "#app/modules/open-mic/topic-parts";
import { listTopics, waitingSummary } from "#app/modules/open-mic/topics.server";
import groupStyles from "#app/styles/groups.css";
import { formatDate, useRootData } from "#app/utils/misc";
import { InLang } from "#app/utils/content-lang";

export const meta: MetaFunction = () => [{ title: "Kurze Wege" }];

export const links = () => [{ rel: "stylesheet", href: groupStyles }];

const SECTIONS = [
  { to: "/verzeichnis", title: "nav.directory", text: "home.directoryText" },
  { to: "/arbeitsgruppen", title: "nav.groups", text: "home.groupsText" },
  { to: "/open-mic", title: "nav.openMic", text: "home.openMicText" },
] as const;

// What a person sees here is only ever theirs: their groups (private ones included, as they are
// members), invitations to their confirmed address, the meetings of their groups. Guests get the
// network-wide events.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const lang = await getLanguage(request);
  const [myGroups, meetings, invitations, newTopics, waiting] = await Promise.all([
    user ? getMyGroupsWithNews(user.id) : Promise.resolve([] as Awaited<ReturnType<typeof getMyGroupsWithNews>>),
    getUpcomingMeetings(user?.id ?? null),
    user ? listInvitationsForUser(user) : Promise.resolve([] as Awaited<ReturnType<typeof listInvitationsForUser>>),
    listTopics({ q: "", sort: "neu", status: null, category: null, page: 1, lang, perPage: NEW_TOPICS }),
    waitingSummary(),
  ]);
  const topics = newTopics.topics.map(({ id, title, status, ageDays }) => ({ id, title, status, ageDays }));
  return json({ signedIn: Boolean(user), myGroups, meetings, invitations, topics, waiting });
}

const dateTime = { dateStyle: "medium", timeStyle: "short" } as const;
const NEW_TOPICS = 5;

export default function HomePage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { signedIn, myGroups, meetings, invitations, topics, waiting } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      {invitations.length > 0 ? (
        <section aria-labelledby="invitations-heading" className="notice home-section">
          <h2 id="invitations-heading">{t("activity.home.invitations", { count: invitations.length })}</h2>
          <ul className="plain">
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                {invitation.inviterName
                  ? t("activity.home.invitedBy", { inviter: invitation.inviterName, group: invitation.groupName })
                  : t("activity.home.invitedTo", { group: invitation.groupName })}{" "}
                <Link to={`/arbeitsgruppen/einladungen/${invitation.id}`}>{t("activity.home.answerInvitation", { group: invitation.groupName })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {signedIn ? (
        <section aria-labelledby="my-groups-heading" className="home-section">
          <h2 id="my-groups-heading">{t("activity.home.myGroups")}</h2>
          {myGroups.length === 0 ? (
            <p>
              {t("activity.home.noGroups")} <Link to="/arbeitsgruppen">{t("activity.home.findGroups")}</Link>
            </p>
          ) : (
            <ul className="home-groups">
              {myGroups.map((group) => (
                <li key={group.slug} className="card">
                  <h3>
                    <Link to={`/arbeitsgruppen/${group.slug}`}>
                      <InLang>{group.name}</InLang>
                    </Link>
                  </h3>
                  {!group.news ? (
                    <p>{t("activity.home.notVisited")}</p>
                  ) : group.news.counts.total === 0 ? (
                    <p>{t("activity.home.nothingNew")}</p>
                  ) : (
                    <>
                      <p>{t("activity.home.newItems", { count: group.news.counts.total })}</p>
                      <ActivityCounts counts={group.news.counts} />
                      <ActivityList slug={group.slug} items={group.news.items} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <section aria-labelledby="open-mic-heading" className="home-section">
        <h2 id="open-mic-heading">{t("home.openMicNews")}</h2>
        <WaitingSummary count={waiting.count} oldestDays={waiting.oldestDays} />
        {topics.length > 0 ? (
          <ul className="plain">
            {topics.map((topic) => (
              <li key={topic.id}>
                <Link to={`/open-mic/${topic.id}`}>{topic.title}</Link>
                <span className="group-item__meta">
                  {t(`openMic.status.${topic.status}`)} · {topic.ageDays === 0 ? t("openMic.age.today") : t("openMic.age.days", { count: topic.ageDays })}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        <p>
          <Link to="/open-mic/neu">{t("home.raiseTopic")}</Link> · <Link to="/open-mic">{t("home.allTopics")}</Link>
        </p>
      </section>
      <section aria-labelledby="meetings-heading" className="home-section">
        <h2 id="meetings-heading">{signedIn ? t("activity.home.nextMeetings") : t("activity.home.nextEvents")}</h2>
        {meetings.length === 0 ? (
          <p>{t("activity.home.noMeetings")}</p>
        ) : (
          <ul className="plain">
            {meetings.map((meeting) => (
              <li key={meeting.id}>
                <Link to={meeting.url}>
                  <InLang>{meeting.title}</InLang>
                </Link>
                <span className="group-item__meta">
                  {formatDate(lang, meeting.startsAt, dateTime)}
                  {" · "}
                  {meeting.groupName ?? t("activity.home.networkEvent")}
                  {meeting.place ? ` · ${meeting.place}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ul className="cards">
        {SECTIONS.map((section) => (
          <li key={section.to} className="card">
            <h2>
              <Link to={section.to}>{t(section.title)}</Link>
            </h2>
            <p>{t(section.text)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
