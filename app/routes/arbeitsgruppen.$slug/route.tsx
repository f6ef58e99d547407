import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { StatusButton } from "#app/components/forms";
import { errorTitleKey } from "#app/modules/groups/group-meta";
import groupStyles from "#app/styles/groups.css";
import { pageTitle } from "#app/utils/meta";
import type { action, loader } from "./data.server";
import { GroupNews } from "./group-news";
import { GroupOverview } from "./group-overview";
import { JoinRequests } from "./join-requests";
import { InLang } from "#app/utils/content-lang";

export { action, loader } from "./data.server";

export const links = () => [{ rel: "stylesheet", href: groupStyles }];

// Only a reader gets loader data: anyone else (a private group's outsiders too) gets the 404 page's title.
export const meta: MetaFunction<typeof loader> = (args) => {
  const { data } = args;
  if (!data) return pageTitle(args, errorTitleKey(args.error));
  return [{ title: `${data.group.name} · Kurze Wege` }, ...(data.group.visibility === "public" ? [{ name: "description", content: data.group.focus }] : [])];
};

export default function GroupPage() {
  const { t } = useTranslation();
  const { group, role, signedIn, coordinates, memberCount, news } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/arbeitsgruppen/${group.slug}`;
  // The forms send back when the news shown began, so the page after them still shows those news.
  const sinceField = news && !news.firstVisit ? <input type="hidden" name="since" value={news.since} /> : null;
  return (
    <article className="page">
      <header>
        <h1>
          <InLang>{group.name}</InLang>
        </h1>
        <p className="lead">{group.focus}</p>
        {group.description ? (
          <p className="group-description">
            <InLang>{group.description}</InLang>
          </p>
        ) : null}
        <p className="group-header__meta">
          <span className="badge">{group.visibility === "private" ? t("groups.private") : t("groups.public")}</span>
          <span>{t("groups.members", { count: memberCount })}</span>
          {role ? <span>{role === "coordinator" ? t("groupAdmin.page.youCoordinate") : t("groups.youAreMember")}</span> : null}
        </p>
      </header>
      {actionData?.error ? (
        <div role="alert" className="notice">
          <p>{t(actionData.error)}</p>
        </div>
      ) : null}
      {signedIn ? (
        <Form method="post" className="no-print">
          {sinceField}
          {role ? (
            <StatusButton name="intent" value="leave" className="button button--secondary">
              {t("groups.leave")}
            </StatusButton>
          ) : group.visibility === "public" ? (
            <StatusButton name="intent" value="join">
              {t("groups.join")}
            </StatusButton>
          ) : null}
        </Form>
      ) : (
        <p>
          <Link to={`/anmelden?redirectTo=${encodeURIComponent(base)}`}>{t("groups.signInToJoin")}</Link>
        </p>
      )}
      <nav aria-label={t("groupAdmin.page.nav")} className="group-nav">
        <ul>
          <li>
            <Link to={`${base}/themen`}>{t("groupAdmin.page.threads")}</Link>
          </li>
          <li>
            <Link to={`${base}/aufgaben`}>{t("groupAdmin.page.tasks")}</Link>
          </li>
          <li>
            <Link to={`${base}/treffen`}>{t("groupAdmin.page.meetings")}</Link>
          </li>
          <li>
            <Link to={`${base}/mitglieder`}>{t("groupAdmin.page.members")}</Link>
          </li>
          {coordinates ? (
            <>
              <li>
                <Link to={`${base}/bearbeiten`}>{t("groupAdmin.page.edit")}</Link>
              </li>
              <li>
                <Link to={`${base}/moderation`}>{t("groupAdmin.page.moderation")}</Link>
              </li>
            </>
          ) : null}
        </ul>
      </nav>
      <GroupNews />
      <JoinRequests sinceField={sinceField} />
      <GroupOverview />
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
