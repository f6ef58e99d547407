import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { berlinDay, formatDay } from "#app/modules/groups/tasks/task-dates";
import { overdueReviews, requireOpenMicCoordinator } from "#app/modules/open-mic/coordination.server";
import styles from "#app/styles/open-mic-coordination.css";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, "openMicCoordination.reviews.title");

const DAY = 86_400_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOpenMicCoordinator(request);
  const today = berlinDay(new Date());
  const topics = await overdueReviews(user, today);
  const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
  return json({ topics: topics.map((topic) => ({ ...topic, overdueDays: daysBetween(topic.nextReviewAt, today) })) });
}

export default function ReviewsPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { topics } = useLoaderData<typeof loader>();
  return (
    <div className="page om-coordination">
      <p className="entry__kind">
        <Link to="/open-mic/moderation">{t("openMicCoordination.queue.title")}</Link>
      </p>
      <h1>{t("openMicCoordination.reviews.title")}</h1>
      <p>{t("openMicCoordination.reviews.intro")}</p>
      {topics.length === 0 ? (
        <p>{t("openMicCoordination.reviews.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="om-table">
            <caption className="visually-hidden">{t("openMicCoordination.reviews.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("openMicCoordination.reviews.topic")}</th>
                <th scope="col">{t("openMicCoordination.reviews.group")}</th>
                <th scope="col">{t("openMicCoordination.reviews.task")}</th>
                <th scope="col">{t("openMicCoordination.reviews.reviewDate")}</th>
                <th scope="col">{t("openMicCoordination.reviews.lastActivity")}</th>
                <th scope="col">{t("openMicCoordination.reviews.next")}</th>
              </tr>
            </thead>
            <tbody>
              {topics.map((topic) => (
                <tr key={topic.id}>
                  <td>
                    <Link to={`/open-mic/${topic.id}`}>{t("openMicCoordination.topicTitle", { id: topic.id, title: topic.title })}</Link>
                  </td>
                  <td>{topic.groupSlug && topic.groupName ? <Link to={`/arbeitsgruppen/${topic.groupSlug}`}>{topic.groupName}</Link> : t("openMicCoordination.hiddenGroup")}</td>
                  <td>
                    {topic.taskId && topic.groupSlug ? (
                      <Link to={`/arbeitsgruppen/${topic.groupSlug}/aufgaben/${topic.taskId}`}>{t(`openMicCoordination.reviews.taskStatus.${topic.taskStatus ?? "open"}`)}</Link>
                    ) : (
                      t("openMicCoordination.reviews.noTask")
                    )}
                  </td>
                  <td>
                    {formatDay(lang, topic.nextReviewAt)} <span className="badge om-badge--warning">{t("openMicCoordination.reviews.overdueDays", { count: topic.overdueDays })}</span>
                  </td>
                  <td>
                    <time dateTime={topic.lastActivityAt}>{formatDate(lang, topic.lastActivityAt, { dateStyle: "medium" })}</time>
                  </td>
                  <td>
                    <Link to={`/open-mic/${topic.id}/status`}>{t("openMicCoordination.reviews.changeStatus", { id: topic.id })}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
