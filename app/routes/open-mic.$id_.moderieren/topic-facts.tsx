import { Link, type useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { formatDate, useRootData } from "#app/utils/misc";
import type { loader } from "./data.server";

type Topic = ReturnType<typeof useLoaderData<typeof loader>>["topic"];

/** Who wrote the topic (also behind "anonym"), the guest's address, when, and where it stands. */
export function TopicFacts({ topic }: { topic: Topic }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const author = topic.authorName
    ? topic.anonymous
      ? t("openMicCoordination.moderate.anonymousBy", { name: topic.authorName })
      : topic.authorName
    : topic.guestEmail || topic.guestName
      ? t("openMicCoordination.moderate.guestBy", { name: topic.guestName || t("openMicCoordination.moderate.guestUnnamed") })
      : t("openMicCoordination.formerMember");
  return (
    <dl className="facts">
      <dt>{t("openMicCoordination.moderate.author")}</dt>
      <dd>{author}</dd>
      {topic.guestEmail ? (
        <>
          <dt>{t("openMicCoordination.moderate.guestEmail")}</dt>
          <dd>
            {topic.guestEmail} {topic.banned ? <span className="badge om-badge--warning">{t("openMicCoordination.moderate.banned")}</span> : null}
          </dd>
        </>
      ) : null}
      <dt>{t("openMicCoordination.moderate.created")}</dt>
      <dd>
        <time dateTime={topic.createdAt}>{formatDate(lang, topic.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
      </dd>
      <dt>{t("openMicCoordination.status.current")}</dt>
      <dd>{t(`openMicCoordination.statuses.${topic.status}`)}</dd>
      <dt>{t("openMicCoordination.moderate.state")}</dt>
      <dd>
        <ul className="plain om-states">
          <li>{topic.approvedAt ? t("openMicCoordination.moderate.approved") : t("openMicCoordination.moderate.pending")}</li>
          {topic.hiddenByFlags ? <li>{t("posting.held.topicForCoordinators")}</li> : topic.hiddenAt ? <li>{t("openMicCoordination.hiddenWithReason", { reason: topic.hiddenReason ?? "" })}</li> : null}
          {topic.lockedAt ? <li>{t("openMicCoordination.moderate.locked")}</li> : null}
          {topic.mergedInto ? (
            <li>
              {t("openMicCoordination.moderate.mergedInto")}{" "}
              <Link to={`/open-mic/${topic.mergedInto.id}`}>{t("openMicCoordination.topicTitle", { id: topic.mergedInto.id, title: topic.mergedInto.title })}</Link>
            </li>
          ) : null}
        </ul>
      </dd>
    </dl>
  );
}
