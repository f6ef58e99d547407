import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ActivityCounts, ActivityList } from "#app/modules/groups/activity-list";
import { formatDate, useRootData } from "#app/utils/misc";
import type { loader } from "./data.server";

const dateTime = { dateStyle: "medium", timeStyle: "short" } as const;

/** For a member: what changed in the group since their last visit (or a welcome on the first one). */
export function GroupNews() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { group, news } = useLoaderData<typeof loader>();
  if (!news) return null;
  return (
    <section aria-labelledby="news-heading" className="group-news">
      <h2 id="news-heading">{t("activity.sinceLastVisit")}</h2>
      {news.firstVisit ? (
        <p>{t("activity.welcome", { group: group.name })}</p>
      ) : news.counts.total === 0 ? (
        <p>{t("activity.nothingNew", { date: formatDate(lang, news.since, dateTime) })}</p>
      ) : (
        <>
          <p>{t("activity.since", { date: formatDate(lang, news.since, dateTime) })}</p>
          <ActivityCounts counts={news.counts} />
          <ActivityList slug={group.slug} items={news.items} />
        </>
      )}
    </section>
  );
}
