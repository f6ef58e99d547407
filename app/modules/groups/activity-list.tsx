import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { formatDate, useRootData } from "#app/utils/misc";
import type { ActivityCounts as ActivityCountsData, ActivityItem } from "./activity.server";
import { InLang } from "#app/utils/content-lang";

function itemPath(slug: string, item: ActivityItem): string {
  if (item.kind === "thread" || item.kind === "replies") return `/arbeitsgruppen/${slug}/themen/${item.id}`;
  if (item.kind === "task") return `/arbeitsgruppen/${slug}/aufgaben/${item.id}`;
  return `/arbeitsgruppen/${slug}/treffen/${item.id}`;
}

function useItemLabel() {
  const { t } = useTranslation();
  return (item: ActivityItem): string => {
    switch (item.kind) {
      case "thread":
        return t("activity.item.thread");
      case "replies":
        return t("activity.item.replies", { count: item.count });
      case "task":
        return item.isNew ? t("activity.item.newTask") : t("activity.item.changedTask");
      case "meeting":
        return item.cancelled ? t("activity.item.cancelledMeeting") : item.isNew ? t("activity.item.newMeeting") : t("activity.item.changedMeeting");
    }
  };
}

/** What changed in a group, newest first: each change with a link to what it is about. */
export function ActivityList({ slug, items }: { slug: string; items: ActivityItem[] }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const label = useItemLabel();
  return (
    <ul className="plain">
      {items.map((item) => (
        <li key={`${item.kind}-${item.id}`}>
          {label(item)}:{" "}
          <Link to={itemPath(slug, item)}>
            <InLang>{item.title}</InLang>
          </Link>
          <span className="group-item__meta">
            {item.kind === "meeting"
              ? t("activity.meetingOn", { date: formatDate(lang, item.startsAt, { dateStyle: "medium", timeStyle: "short" }) })
              : formatDate(lang, item.at, { dateStyle: "medium", timeStyle: "short" })}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** "2 neue Themen · 5 neue Antworten …": only the kinds that have news. */
export function ActivityCounts({ counts }: { counts: ActivityCountsData }) {
  const { t } = useTranslation();
  const parts = (["threads", "replies", "tasks", "meetings"] as const).filter((kind) => counts[kind] > 0).map((kind) => t(`activity.count.${kind}`, { count: counts[kind] }));
  return <p className="group-news__counts">{parts.join(" · ")}</p>;
}
