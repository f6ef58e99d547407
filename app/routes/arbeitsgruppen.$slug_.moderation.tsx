import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { ModerationLogTable } from "#app/components/moderation-log";
import { Pagination } from "#app/components/pagination";
import { requireUser } from "#app/modules/auth/session.server";
import { threadPageTitle } from "#app/modules/groups/threads/thread-meta";
import { requireGroupAccess } from "#app/modules/groups/group-access.server";
import { getModerationLog } from "#app/modules/groups/threads/threads.server";
import threadStyles from "#app/styles/threads.css";
import { forbidden } from "#app/utils/http";
import { InLang } from "#app/utils/content-lang";

export const links = () => [{ rel: "stylesheet", href: threadStyles }];

export const meta: MetaFunction<typeof loader> = (args) => threadPageTitle(args, "threads.moderation.logTitle", args.data ? [args.data.group.name] : null);

// The log is the group's coordinators' business: guests sign in first, people who may read the
// group but do not coordinate it get 403, and outsiders of a private group the usual 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireGroupAccess(params.slug, user);
  if (!access.coordinates) throw forbidden();
  const page = Number.parseInt(new URL(request.url).searchParams.get("seite") ?? "1", 10);
  const log = await getModerationLog(access, user, Number.isFinite(page) ? page : 1);
  return json({ group: { slug: access.group.slug, name: access.group.name }, ...log });
}

export default function ModerationLogPage() {
  const { t } = useTranslation();
  const { group, entries, page, pages } = useLoaderData<typeof loader>();
  const base = `/arbeitsgruppen/${group.slug}`;
  const otherGroup = t("threads.moderation.otherGroup");
  const movedFromTo = (entry: (typeof entries)[number]) =>
    entry.action === "move" ? ` ${t("threads.moderation.movedFromTo", { from: entry.fromName ?? otherGroup, to: entry.toName ?? otherGroup })}` : "";
  const rows = entries.map((entry) => ({
    id: entry.id,
    createdAt: entry.createdAt,
    actor: entry.actorName ?? t("threads.formerMember"),
    action: `${t(`threads.moderation.actions.${entry.action}`)}${movedFromTo(entry)}`,
    subject: entry.threadId ? (
      <Link to={`${base}/themen/${entry.threadId}${entry.postId ? `#beitrag-${entry.postId}` : ""}`}>
        <InLang>{entry.threadTitle}</InLang>
      </Link>
    ) : (
      t("threads.moderation.threadElsewhere")
    ),
    reason: entry.reason,
  }));
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
        <ModerationLogTable
          caption={t("threads.moderation.logTitle")}
          columns={[t("threads.moderation.when"), t("threads.moderation.who"), t("threads.moderation.what"), t("threads.moderation.thread"), t("threads.moderation.why")]}
          className="moderation-log"
          rows={rows}
        />
      )}
      <Pagination page={page} pages={pages} href={(to) => (to > 1 ? `${base}/moderation?seite=${to}` : `${base}/moderation`)} keys="threads" />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
