import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { formatDate, useRootData } from "#app/utils/misc";
import type { loader } from "./data.server";
import { InLang } from "#app/utils/content-lang";

const dateTime = { dateStyle: "medium", timeStyle: "short" } as const;

/** What everyone who reads the group sees: its latest threads, open tasks and next meetings. */
export function GroupOverview() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { group, overview } = useLoaderData<typeof loader>();
  const base = `/arbeitsgruppen/${group.slug}`;
  return (
    <div className="group-sections">
      <section aria-labelledby="threads-heading">
        <h2 id="threads-heading">{t("groupAdmin.page.latestThreads")}</h2>
        {overview.threads.length === 0 ? (
          <p>{t("groupAdmin.page.noThreads")}</p>
        ) : (
          <ul className="plain">
            {overview.threads.map((thread) => (
              <li key={thread.id}>
                <Link to={`${base}/themen/${thread.id}`}>
                  <InLang>{thread.title}</InLang>
                </Link>
                <span className="group-item__meta">{t("groupAdmin.page.lastActivity", { date: formatDate(lang, thread.lastPostAt, dateTime) })}</span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to={`${base}/themen`}>{t("groupAdmin.page.allThreads")}</Link>
        </p>
      </section>
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">{t("groupAdmin.page.openTasks", { count: overview.openTaskCount })}</h2>
        {overview.tasks.length === 0 ? (
          <p>{t("groupAdmin.page.noTasks")}</p>
        ) : (
          <ul className="plain">
            {overview.tasks.map((task) => (
              <li key={task.id}>
                <Link to={`${base}/aufgaben/${task.id}`}>
                  <InLang>{task.title}</InLang>
                </Link>
                <span className="group-item__meta">
                  {t(`activity.taskStatus.${task.status}`)}
                  {task.dueDate ? ` · ${t("groupAdmin.page.due", { date: formatDate(lang, `${task.dueDate}T12:00:00Z`, { dateStyle: "medium" }) })}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to={`${base}/aufgaben`}>{t("groupAdmin.page.allTasks")}</Link>
        </p>
      </section>
      <section aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">{t("groupAdmin.page.nextMeetings")}</h2>
        {overview.meetings.length === 0 ? (
          <p>{t("groupAdmin.page.noMeetings")}</p>
        ) : (
          <ul className="plain">
            {overview.meetings.map((meeting) => (
              <li key={meeting.id}>
                <Link to={`${base}/treffen/${meeting.id}`}>
                  <InLang>{meeting.title}</InLang>
                </Link>
                <span className="group-item__meta">
                  {formatDate(lang, meeting.startsAt, dateTime)}
                  {meeting.place ? ` · ${meeting.place}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to={`${base}/treffen`}>{t("groupAdmin.page.allMeetings")}</Link>
        </p>
      </section>
    </div>
  );
}
