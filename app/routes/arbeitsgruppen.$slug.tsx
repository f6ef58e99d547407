import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "#app/components/error-boundary";
import { StatusButton } from "#app/components/forms";
import { getOptionalUser, requireUser } from "#app/modules/auth/session.server";
import { ActivityCounts, ActivityList } from "#app/modules/groups/activity-list";
import { getGroupActivity, getGroupOverview, markVisited } from "#app/modules/groups/activity.server";
import { errorTitleKey } from "#app/modules/groups/group-meta";
import { DecideSchema } from "#app/modules/groups/group-schemas";
import { coordinatesGroup, countMembers, decideRequest, getPendingRequests, joinPublicGroup, leaveGroup, requireReadableGroup } from "#app/modules/groups/groups.server";
import groupStyles from "#app/styles/groups.css";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";

export const links = () => [{ rel: "stylesheet", href: groupStyles }];

// Only a reader gets loader data: anyone else (a private group's outsiders too) gets the 404 page's title.
export const meta: MetaFunction<typeof loader> = (args) => {
  const { data } = args;
  if (!data) return pageTitle(args, errorTitleKey(args.error));
  return [{ title: `${data.group.name} · Kurze Wege` }, ...(data.group.visibility === "public" ? [{ name: "description", content: data.group.focus }] : [])];
};

// An empty list with the type of a query's rows, for who may not see them.
const none = <T extends (...args: never[]) => Promise<unknown[]>>() => Promise.resolve([] as Awaited<ReturnType<T>>);

const SINCE_PARAM = "seit";

/**
 * Whether this GET is the page again right after one of its own forms: its Referer is this very page
 * (the form was sent from here; the browser's GET after the redirect and Remix's revalidation fetch
 * both carry it, while a link from elsewhere, a bookmark or a typed address do not). The action
 * passes on when the news shown began (`?seit=`). Null for a plain page view.
 */
function afterActionHere(request: Request): { since: Date | null } | null {
  const url = new URL(request.url);
  let from: string | null = null;
  try {
    from = new URL(request.headers.get("Referer") ?? "").pathname;
  } catch {
    return null;
  }
  if (from !== url.pathname) return null;
  return { since: sinceValue(url.searchParams.get(SINCE_PARAM)) };
}

/** A moment the page sent back (an ISO instant, not in the future), or null. */
function sinceValue(value: FormDataEntryValue | null): Date | null {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.getTime() > Date.now() ? null : date;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const { group, role } = await requireReadableGroup(params.slug, user);
  const coordinates = user ? coordinatesGroup(user, role) : false;
  // A member's visit is recorded now; what they see is what changed before it. The page again right
  // after one of its forms is no new visit: it keeps showing the news of the visit it belongs to.
  const reload = afterActionHere(request);
  const previousVisit = user && role ? (reload ? (reload.since ?? (await markVisited(group.id, user.id, { record: false }))) : await markVisited(group.id, user.id)) : undefined;
  const [memberCount, overview, requests, activity] = await Promise.all([
    countMembers(group.id),
    getGroupOverview(group.id),
    coordinates ? getPendingRequests(group.id) : none<typeof getPendingRequests>(),
    previousVisit && user ? getGroupActivity(group.id, previousVisit, user.id) : null,
  ]);
  const news = previousVisit === undefined ? null : previousVisit === null ? { firstVisit: true as const } : { firstVisit: false as const, since: previousVisit, ...activity! };
  const { id: _id, ...shown } = group;
  return json({ group: shown, role, signedIn: Boolean(user), coordinates, memberCount, overview, requests, news });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { group, role } = await requireReadableGroup(params.slug, user);
  const formData = await request.formData();
  const intent = formData.get("intent");
  // Back to the page with the news the form was sent from (see afterActionHere).
  const since = sinceValue(formData.get("since"));
  const here = `/arbeitsgruppen/${group.slug}${since ? `?${SINCE_PARAM}=${encodeURIComponent(since.toISOString())}` : ""}`;
  if (intent === "join") {
    // Private groups are joined through a request or an invitation, never with a click.
    if (group.visibility !== "public") throw new Response("Forbidden", { status: 403 });
    await joinPublicGroup(group.id, user.id);
    return redirectWithToast(here, "groupAdmin.toast.joined");
  }
  if (intent === "leave") {
    if ((await leaveGroup(group.id, user.id)) === "lastCoordinator") return json({ error: "groupAdmin.members.lastCoordinatorLeave" }, { status: 400 });
    return redirectWithToast(group.visibility === "private" ? "/arbeitsgruppen" : here, "groupAdmin.toast.left");
  }
  const decision = DecideSchema.safeParse(Object.fromEntries(formData));
  if (decision.success) {
    if (!coordinatesGroup(user, role)) throw new Response("Forbidden", { status: 403 });
    const approve = decision.data.intent === "approve";
    if (!(await decideRequest(group.id, decision.data.requestId, approve, user.id))) throw new Response("Not Found", { status: 404 });
    return redirectWithToast(here, approve ? "groupAdmin.toast.approved" : "groupAdmin.toast.declined");
  }
  return json({ error: "groupAdmin.unknownIntent" }, { status: 400 });
}

const dateTime = { dateStyle: "medium", timeStyle: "short" } as const;

export default function GroupPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { group, role, signedIn, coordinates, memberCount, overview, requests, news } = useLoaderData<typeof loader>();
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
      {news ? (
        <section aria-labelledby="news-heading" className="group-news">
          <h2 id="news-heading">{t("activity.sinceLastVisit")}</h2>
          {news.firstVisit ? (
            <p>{t("activity.welcome", { group: group.name })}</p>
          ) : news.counts.total === 0 ? (
            <p>{t("activity.nothingNew", { date: formatDate(lang, news.since, dateTime) })}</p>
          ) : (
            <>
              <p>{t("activity.since", { date: formatDate(lang, news.since, dateTime) })}</p>
              <ActivityCounts counts={news.counts} />
              <ActivityList slug={group.slug} items={news.items} />
            </>
          )}
        </section>
      ) : null}
      {coordinates && requests.length > 0 ? (
        <section aria-labelledby="requests-heading" className="notice">
          <h2 id="requests-heading">{t("groups.requests", { count: requests.length })}</h2>
          <ul className="plain">
            {requests.map((joinRequest) => (
              <li key={joinRequest.id} className="suggestion">
                <p>
                  <strong>{joinRequest.displayName}</strong> ({formatDate(lang, joinRequest.createdAt)}){joinRequest.message ? `: ${joinRequest.message}` : ""}
                </p>
                <Form method="post" className="suggestion__actions">
                  <input type="hidden" name="requestId" value={joinRequest.id} />
                  {sinceField}
                  <StatusButton name="intent" value="approve" className="button button--secondary">
                    {t("groups.approve", { name: joinRequest.displayName })}
                  </StatusButton>
                  <StatusButton name="intent" value="decline" className="button button--secondary">
                    {t("groups.decline", { name: joinRequest.displayName })}
                  </StatusButton>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {coordinates && group.visibility === "private" ? <p className="field__hint">{t("groups.requestLinkHint", { path: `/arbeitsgruppen/anfragen/${group.slug}` })}</p> : null}
      <div className="group-sections">
        <section aria-labelledby="threads-heading">
          <h2 id="threads-heading">{t("groupAdmin.page.latestThreads")}</h2>
          {overview.threads.length === 0 ? (
            <p>{t("groupAdmin.page.noThreads")}</p>
          ) : (
            <ul className="plain">
              {overview.threads.map((thread) => (
                <li key={thread.id}>
                  <Link to={`${base}/themen/${thread.id}`}>{thread.title}</Link>
                  <span className="group-item__meta">{t("groupAdmin.page.lastActivity", { date: formatDate(lang, thread.lastPostAt, dateTime) })}</span>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to={`${base}/themen`}>{t("groupAdmin.page.allThreads")}</Link>
          </p>
        </section>
        <section aria-labelledby="tasks-heading">
          <h2 id="tasks-heading">{t("groupAdmin.page.openTasks", { count: overview.openTaskCount })}</h2>
          {overview.tasks.length === 0 ? (
            <p>{t("groupAdmin.page.noTasks")}</p>
          ) : (
            <ul className="plain">
              {overview.tasks.map((task) => (
                <li key={task.id}>
                  <Link to={`${base}/aufgaben/${task.id}`}>{task.title}</Link>
                  <span className="group-item__meta">
                    {t(`activity.taskStatus.${task.status}`)}
                    {task.dueDate ? ` · ${t("groupAdmin.page.due", { date: formatDate(lang, `${task.dueDate}T12:00:00Z`, { dateStyle: "medium" }) })}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to={`${base}/aufgaben`}>{t("groupAdmin.page.allTasks")}</Link>
          </p>
        </section>
        <section aria-labelledby="meetings-heading">
          <h2 id="meetings-heading">{t("groupAdmin.page.nextMeetings")}</h2>
          {overview.meetings.length === 0 ? (
            <p>{t("groupAdmin.page.noMeetings")}</p>
          ) : (
            <ul className="plain">
              {overview.meetings.map((meeting) => (
                <li key={meeting.id}>
                  <Link to={`${base}/treffen/${meeting.id}`}>{meeting.title}</Link>
                  <span className="group-item__meta">
                    {formatDate(lang, meeting.startsAt, dateTime)}
                    {meeting.place ? ` · ${meeting.place}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to={`${base}/treffen`}>{t("groupAdmin.page.allMeetings")}</Link>
          </p>
        </section>
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
