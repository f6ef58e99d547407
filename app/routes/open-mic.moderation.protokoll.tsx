import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-boundary";
import { pageFrom } from "~/modules/open-mic/coordination-schemas";
import { requireOpenMicCoordinator } from "~/modules/open-mic/coordination.server";
import { getModerationLog } from "~/modules/open-mic/moderation.server";
import styles from "~/styles/open-mic-coordination.css";
import { pageTitle } from "~/utils/meta";
import { formatDate, useRootData } from "~/utils/misc";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, "openMicCoordination.log.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpenMicCoordinator(request);
  return json(await getModerationLog(pageFrom(new URL(request.url).searchParams.get("seite"))));
}

const BASE = "/open-mic/moderation/protokoll";

export default function ModerationLogPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { entries, page, pages, total } = useLoaderData<typeof loader>();
  const pageLink = (to: number) => (to > 1 ? `${BASE}?seite=${to}` : BASE);
  return (
    <div className="page om-coordination">
      <p className="entry__kind">
        <Link to="/open-mic/moderation">{t("openMicCoordination.queue.title")}</Link>
      </p>
      <h1>{t("openMicCoordination.log.title")}</h1>
      <p>{t("openMicCoordination.log.intro", { count: total })}</p>
      {entries.length === 0 ? (
        <p>{t("openMicCoordination.log.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="om-table">
            <caption className="visually-hidden">{t("openMicCoordination.log.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("openMicCoordination.log.when")}</th>
                <th scope="col">{t("openMicCoordination.log.who")}</th>
                <th scope="col">{t("openMicCoordination.log.what")}</th>
                <th scope="col">{t("openMicCoordination.log.topic")}</th>
                <th scope="col">{t("openMicCoordination.log.why")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.createdAt}>{formatDate(lang, entry.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                  </td>
                  <td>{entry.actorName ?? t("openMicCoordination.formerMember")}</td>
                  <td>
                    {t(`openMicCoordination.log.actions.${entry.action}`)}
                    {entry.replyId ? ` ${t("openMicCoordination.log.ofReply")}` : ""}
                    {entry.detail.keptId ? ` ${t("openMicCoordination.log.mergedInto", { id: entry.detail.keptId })}` : ""}
                    {entry.detail.email ? ` ${t("openMicCoordination.log.address", { email: entry.detail.email })}` : ""}
                    {entry.detail.hiddenTopics && entry.detail.hiddenTopics !== "0" ? ` ${t("openMicCoordination.log.hiddenTopics", { count: Number(entry.detail.hiddenTopics) })}` : ""}
                    {entry.detail.flag ? ` (${t(`openMicCoordination.flagReasons.${entry.detail.flag}`)})` : ""}
                  </td>
                  <td>
                    {entry.topicId !== null && entry.topicTitle !== null ? (
                      <Link to={`/open-mic/${entry.topicId}/moderieren`}>{t("openMicCoordination.topicTitle", { id: entry.topicId, title: entry.topicTitle })}</Link>
                    ) : (
                      "–"
                    )}
                  </td>
                  <td>{entry.reason || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t("openMicCoordination.log.pagination")} className="pagination">
          {page > 1 ? <Link to={pageLink(page - 1)}>{t("openMicCoordination.log.previous")}</Link> : null}
          <span>{t("openMicCoordination.log.pageOf", { page, pages })}</span>
          {page < pages ? <Link to={pageLink(page + 1)}>{t("openMicCoordination.log.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
