import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { ModerationLogTable } from "#app/components/moderation-log";
import { pageFrom, Pagination } from "#app/components/pagination";
import { requireOpenMicCoordinator } from "#app/modules/open-mic/coordination.server";
import { getModerationLog } from "#app/modules/open-mic/moderation-log.server";
import styles from "#app/styles/open-mic-coordination.css";
import { pageTitle } from "#app/utils/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, "openMicCoordination.log.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpenMicCoordinator(request);
  return json(await getModerationLog(pageFrom(new URL(request.url).searchParams.get("seite"))));
}

const BASE = "/open-mic/moderation/protokoll";

export default function ModerationLogPage() {
  const { t } = useTranslation();
  const { entries, page, pages, total } = useLoaderData<typeof loader>();
  const rows = entries.map((entry) => ({
    id: entry.id,
    createdAt: entry.createdAt,
    actor: entry.actorName ?? t("openMicCoordination.formerMember"),
    action: [
      t(`openMicCoordination.log.actions.${entry.action}`),
      entry.replyId ? ` ${t("openMicCoordination.log.ofReply")}` : "",
      entry.detail.keptId ? ` ${t("openMicCoordination.log.mergedInto", { id: entry.detail.keptId })}` : "",
      entry.detail.email ? ` ${t("openMicCoordination.log.address", { email: entry.detail.email })}` : "",
      entry.detail.hiddenTopics && entry.detail.hiddenTopics !== "0" ? ` ${t("openMicCoordination.log.hiddenTopics", { count: Number(entry.detail.hiddenTopics) })}` : "",
      entry.detail.flag ? ` (${t(`openMicCoordination.flagReasons.${entry.detail.flag}`)})` : "",
    ].join(""),
    subject:
      entry.topicId !== null && entry.topicTitle !== null ? (
        <Link to={`/open-mic/${entry.topicId}/moderieren`}>{t("openMicCoordination.topicTitle", { id: entry.topicId, title: entry.topicTitle })}</Link>
      ) : (
        "–"
      ),
    reason: entry.reason,
  }));
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
        <ModerationLogTable
          caption={t("openMicCoordination.log.title")}
          columns={[t("openMicCoordination.log.when"), t("openMicCoordination.log.who"), t("openMicCoordination.log.what"), t("openMicCoordination.log.topic"), t("openMicCoordination.log.why")]}
          className="om-table"
          rows={rows}
        />
      )}
      <Pagination page={page} pages={pages} href={(to) => (to > 1 ? `${BASE}?seite=${to}` : BASE)} keys="openMicCoordination.log" />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
