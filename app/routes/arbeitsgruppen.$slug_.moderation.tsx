import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-boundary";
import { requireUser } from "~/modules/auth/session.server";
import { threadPageTitle } from "~/modules/groups/thread-meta";
import { canModerate, getModerationLog, requireReadableGroup } from "~/modules/groups/threads.server";
import threadStyles from "~/styles/threads.css";
import { formatDate, useRootData } from "~/utils/misc";

export const links = () => [{ rel: "stylesheet", href: threadStyles }];

export const meta: MetaFunction<typeof loader> = (args) => threadPageTitle(args, "threads.moderation.logTitle", args.data ? [args.data.group.name] : null);

// The log is the group's coordinators' business: guests sign in first, people who may read the
// group but do not coordinate it get 403, and outsiders of a private group the usual 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireReadableGroup(params.slug, user);
  if (!canModerate(access, user)) throw new Response("Forbidden", { status: 403 });
  const page = Number.parseInt(new URL(request.url).searchParams.get("seite") ?? "1", 10);
  const log = await getModerationLog(access, user, Number.isFinite(page) ? page : 1);
  return json({ group: { slug: access.group.slug, name: access.group.name }, ...log });
}

export default function ModerationLogPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { group, entries, page, pages } = useLoaderData<typeof loader>();
  const base = `/arbeitsgruppen/${group.slug}`;
  const pageLink = (to: number) => (to > 1 ? `${base}/moderation?seite=${to}` : `${base}/moderation`);
  return (
    <div className="page">
      <p className="entry__kind">
        <Link to={`${base}/themen`}>{t("threads.backToList", { name: group.name })}</Link>
      </p>
      <h1>{t("threads.moderation.logTitle")}</h1>
      <p>{t("threads.moderation.logIntro")}</p>
      {entries.length === 0 ? (
        <p>{t("threads.moderation.logEmpty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="moderation-log">
            <caption className="visually-hidden">{t("threads.moderation.logTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("threads.moderation.when")}</th>
                <th scope="col">{t("threads.moderation.who")}</th>
                <th scope="col">{t("threads.moderation.what")}</th>
                <th scope="col">{t("threads.moderation.thread")}</th>
                <th scope="col">{t("threads.moderation.why")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.createdAt}>{formatDate(lang, entry.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                  </td>
                  <td>{entry.actorName ?? t("threads.formerMember")}</td>
                  <td>
                    {t(`threads.moderation.actions.${entry.action}`)}
                    {entry.action === "move" ? ` ${t("threads.moderation.movedFromTo", { from: entry.fromName ?? t("threads.moderation.otherGroup"), to: entry.toName ?? t("threads.moderation.otherGroup") })}` : ""}
                  </td>
                  <td>
                    {entry.threadId ? (
                      <Link to={`${base}/themen/${entry.threadId}${entry.postId ? `#beitrag-${entry.postId}` : ""}`}>{entry.threadTitle}</Link>
                    ) : (
                      t("threads.moderation.threadElsewhere")
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
        <nav aria-label={t("threads.pagination")} className="pagination">
          {page > 1 ? <Link to={pageLink(page - 1)}>{t("threads.previous")}</Link> : null}
          <span>{t("threads.pageOf", { page, pages })}</span>
          {page < pages ? <Link to={pageLink(page + 1)}>{t("threads.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
