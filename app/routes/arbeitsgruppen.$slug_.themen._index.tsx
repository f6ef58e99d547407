import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { Pagination } from "#app/components/pagination";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { threadPageTitle } from "#app/modules/groups/threads/thread-meta";
import { requireGroupAccess } from "#app/modules/groups/group-access.server";
import { listThreads } from "#app/modules/groups/threads/threads.server";
import threadStyles from "#app/styles/threads.css";
import { formatDate, useRootData } from "#app/utils/misc";
import { InLang } from "#app/utils/content-lang";

export const links = () => [{ rel: "stylesheet", href: threadStyles }];

export const meta: MetaFunction<typeof loader> = (args) => threadPageTitle(args, "threads.listTitle", args.data ? [args.data.group.name] : null);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const access = await requireGroupAccess(params.slug, user);
  const page = Number.parseInt(new URL(request.url).searchParams.get("seite") ?? "1", 10);
  const list = await listThreads(access, Number.isFinite(page) ? page : 1);
  return json({
    group: { slug: access.group.slug, name: access.group.name },
    ...list,
    signedIn: Boolean(user),
    canPost: access.isMember,
    canModerate: access.coordinates,
  });
}

export default function ThreadListPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { group, threads, page, pages, signedIn, canPost, canModerate } = useLoaderData<typeof loader>();
  const base = `/arbeitsgruppen/${group.slug}/themen`;
  const pageLink = (to: number) => (to > 1 ? `${base}?seite=${to}` : base);
  const here = page > 1 ? `${base}?seite=${page}` : base;
  return (
    <div className="page">
      <p className="entry__kind">
        <Link to={`/arbeitsgruppen/${group.slug}`}>
          <InLang>{group.name}</InLang>
        </Link>
      </p>
      <h1>{t("threads.listTitle")}</h1>
      <div className="thread-actions no-print">
        {canPost ? (
          <Link to={`${base}/neu`} className="button">
            {t("threads.newThread")}
          </Link>
        ) : signedIn ? (
          <p>
            {t("threads.joinToPost")} <Link to={`/arbeitsgruppen/${group.slug}`}>{t("threads.toGroup")}</Link>
          </p>
        ) : (
          <p>
            {t("threads.signInToPost")} <Link to={`/anmelden?redirectTo=${encodeURIComponent(here)}`}>{t("threads.signIn")}</Link>
          </p>
        )}
        {canModerate ? <Link to={`/arbeitsgruppen/${group.slug}/moderation`}>{t("threads.moderation.logLink")}</Link> : null}
      </div>
      {threads.length === 0 ? (
        <p>{t("threads.empty")}</p>
      ) : (
        <ol className="thread-list">
          {threads.map((thread) => (
            <li key={thread.id} className="thread-list__item">
              <h2 className="thread-list__title">
                <Link to={`${base}/${thread.id}`}>
                  <InLang>{thread.title}</InLang>
                </Link>
              </h2>
              <p className="thread-list__meta">
                {thread.pinned ? <span className="badge badge--pinned">{t("threads.pinned")}</span> : null}
                {thread.locked ? <span className="badge">{t("threads.locked")}</span> : null}
                <span>{t("threads.by", { name: thread.authorName ?? t("threads.formerMember") })}</span>
                <span>{t("threads.replies", { count: thread.replies })}</span>
                <span>{t("threads.lastActivity", { date: formatDate(lang, thread.lastPostAt, { dateStyle: "medium", timeStyle: "short" }) })}</span>
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} pages={pages} href={pageLink} keys="threads" />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
