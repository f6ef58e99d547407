import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "#app/components/error-boundary";
import { StatusButton } from "#app/components/forms";
import { getOptionalUser, requireUser } from "#app/modules/auth/session.server";
import { requireGroupAccess } from "#app/modules/groups/group-access.server";
import { errorTitleKey } from "#app/modules/groups/group-meta";
import { DecideSchema } from "#app/modules/groups/group-schemas";
import { decideRequest, joinPublicGroup, leaveGroup } from "#app/modules/groups/membership/membership.server";
import groupStyles from "#app/styles/groups.css";
import { forbidden, notFound } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { redirectWithToast } from "#app/utils/toast.server";
import { groupPageAfterForm, loadGroupPage } from "./data.server";
import { GroupNews } from "./group-news";
import { GroupOverview } from "./group-overview";
import { JoinRequests } from "./join-requests";

export const links = () => [{ rel: "stylesheet", href: groupStyles }];

// Only a reader gets loader data: anyone else (a private group's outsiders too) gets the 404 page's title.
export const meta: MetaFunction<typeof loader> = (args) => {
  const { data } = args;
  if (!data) return pageTitle(args, errorTitleKey(args.error));
  return [{ title: `${data.group.name} · Kurze Wege` }, ...(data.group.visibility === "public" ? [{ name: "description", content: data.group.focus }] : [])];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const access = await requireGroupAccess(params.slug, user);
  return json(await loadGroupPage(request, user, access));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { group, coordinates } = await requireGroupAccess(params.slug, user);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = groupPageAfterForm(group.slug, formData);
  if (intent === "join") {
    // Private groups are joined through a request or an invitation, never with a click.
    if (group.visibility !== "public") throw forbidden();
    await joinPublicGroup(group.id, user.id);
    return redirectWithToast(here, "groupAdmin.toast.joined");
  }
  if (intent === "leave") {
    if ((await leaveGroup(group.id, user.id)) === "lastCoordinator") return json({ error: "groupAdmin.members.lastCoordinatorLeave" }, { status: 400 });
    return redirectWithToast(group.visibility === "private" ? "/arbeitsgruppen" : here, "groupAdmin.toast.left");
  }
  const decision = DecideSchema.safeParse(Object.fromEntries(formData));
  if (decision.success) {
    if (!coordinates) throw forbidden();
    const approve = decision.data.intent === "approve";
    if (!(await decideRequest(group.id, decision.data.requestId, approve, user.id))) throw notFound();
    return redirectWithToast(here, approve ? "groupAdmin.toast.approved" : "groupAdmin.toast.declined");
  }
  return json({ error: "groupAdmin.unknownIntent" }, { status: 400 });
}

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
        <h1>{group.name}</h1>
        <p className="lead">{group.focus}</p>
        {group.description ? <p className="group-description">{group.description}</p> : null}
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
