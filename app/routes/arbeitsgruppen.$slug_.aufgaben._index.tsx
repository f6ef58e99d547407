import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { berlinDay, isOverdue } from "#app/modules/groups/tasks/task-dates";
import { Assignees, DueDate, TaskErrorPage, TaskMoves } from "#app/modules/groups/tasks/task-parts";
import { parseTaskQuery, STATUS_SLUGS, taskQueryString, TaskStatusSchema, type TaskQuery } from "#app/modules/groups/tasks/task-schemas";
import { taskStatuses, type TaskStatus } from "#db/schema/group-enums";
import { listTasks, requireSignedInTaskReader, requireTaskReader, requireTaskWriter, setTaskStatus } from "#app/modules/groups/tasks/tasks.server";
import { errorTitleKey } from "#app/modules/groups/group-meta";
import styles from "#app/styles/tasks.css";
import { pageTitle } from "#app/utils/meta";
import { redirectWithToast } from "#app/utils/toast.server";

export const links = () => [{ rel: "stylesheet", href: styles }];

// The group's name comes from loader data, which a private group gives its members only.
export const meta: MetaFunction<typeof loader> = (args) => (args.data ? pageTitle(args, "tasks.title", args.data.group.name) : pageTitle(args, errorTitleKey(args.error)));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, group, canWrite, seesPeople } = await requireTaskReader(request, params.slug);
  const parsed = parseTaskQuery(new URL(request.url).searchParams);
  // "Meine" needs someone to be "me": for guests the filter is ignored.
  const query: TaskQuery = { ...parsed, mine: parsed.mine && Boolean(user) };
  const today = berlinDay(new Date());
  const tasks = await listTasks(group.id, { status: query.status, assigneeId: query.mine ? user!.id : null, overdueOn: query.overdue ? today : null });
  return json({
    group: { slug: group.slug, name: group.name },
    query,
    signedIn: Boolean(user),
    canWrite,
    tasks: tasks.map((task) => ({
      id: task.id,
      title: task.title,
      status: task.status,
      dueDate: task.dueDate,
      overdue: isOverdue(task, today),
      assigneeNames: seesPeople ? task.assignees.map((assignee) => assignee.displayName) : null,
      assigneeCount: task.assignees.length,
      topicNumber: task.topicNumber,
    })),
  });
}

/** Moves a task to another status and comes back to the same view with the same filters. */
export async function action({ request, params }: ActionFunctionArgs) {
  const groupAccess = await requireSignedInTaskReader(request, params.slug);
  requireTaskWriter(groupAccess);
  const parsed = TaskStatusSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  if (!(await setTaskStatus(groupAccess.group.id, parsed.data.taskId, parsed.data.status))) throw new Response("Not Found", { status: 404 });
  const back = new URL(request.url);
  back.searchParams.delete("index");
  return redirectWithToast(`${back.pathname}${back.search}`, "tasks.toast.moved");
}

type Task = ReturnType<typeof useLoaderData<typeof loader>>["tasks"][number];

export default function TasksPage() {
  const { t } = useTranslation();
  const { group, query, signedIn, canWrite, tasks } = useLoaderData<typeof loader>();
  const location = useLocation();
  const base = `/arbeitsgruppen/${group.slug}/aufgaben`;
  const shown = query.status ? [query.status] : [...taskStatuses];
  const filtered = query.mine || query.overdue || query.status !== null;
  const counts = Object.fromEntries(taskStatuses.map((status) => [status, tasks.filter((task) => task.status === status).length])) as Record<TaskStatus, number>;
  return (
    <div className="page">
      <p className="entry__kind">
        <Link to={`/arbeitsgruppen/${group.slug}`}>{group.name}</Link>
      </p>
      <h1>{t("tasks.title")}</h1>
      {canWrite ? (
        <p>
          <Link className="button task-new" to={`${base}/neu`}>
            {t("tasks.new")}
          </Link>
        </p>
      ) : signedIn ? (
        <p className="field__hint">{t("tasks.membersOnly")}</p>
      ) : (
        <p className="field__hint">
          <Link to={`/anmelden?redirectTo=${encodeURIComponent(`${location.pathname}${location.search}`)}`}>{t("tasks.signInToWrite")}</Link>
        </p>
      )}
      <div className="task-toolbar">
        <nav aria-label={t("tasks.view.label")} className="task-views">
          <ul>
            {(["board", "liste"] as const).map((view) => (
              <li key={view}>
                <Link to={`${base}${taskQueryString({ ...query, view })}`} aria-current={query.view === view ? "page" : undefined}>
                  {t(`tasks.view.${view}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {/* Remounted when the URL changes, so the boxes always show the filters of the page. */}
        <Form key={location.search} method="get" action={base} className="task-filters" aria-label={t("tasks.filter.label")}>
          {query.view === "liste" ? <input type="hidden" name="ansicht" value="liste" /> : null}
          {signedIn ? (
            <div className="field field--checkbox">
              <input type="checkbox" id="task-filter-mine" name="filter" value="meine" defaultChecked={query.mine} />
              <label htmlFor="task-filter-mine">{t("tasks.filter.mine")}</label>
            </div>
          ) : null}
          <div className="field field--checkbox">
            <input type="checkbox" id="task-filter-overdue" name="filter" value="ueberfaellig" defaultChecked={query.overdue} />
            <label htmlFor="task-filter-overdue">{t("tasks.filter.overdue")}</label>
          </div>
          <div className="field">
            <label htmlFor="task-filter-status">{t("tasks.filter.status")}</label>
            <select id="task-filter-status" name="status" defaultValue={query.status ? STATUS_SLUGS[query.status] : ""}>
              <option value="">{t("tasks.filter.allStatuses")}</option>
              {taskStatuses.map((status) => (
                <option key={status} value={STATUS_SLUGS[status]}>
                  {t(`tasks.status.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--secondary">
            {t("tasks.filter.apply")}
          </button>
          {filtered ? <Link to={`${base}${taskQueryString({ view: query.view, mine: false, overdue: false, status: null })}`}>{t("tasks.filter.reset")}</Link> : null}
        </Form>
      </div>
      {filtered && tasks.length === 0 ? <p>{t("tasks.noneMatch")}</p> : null}
      {query.view === "board" ? (
        <div className="task-board">
          {shown.map((status) => (
            <section key={status} className="task-column" aria-labelledby={`task-column-${status}`}>
              <h2 id={`task-column-${status}`} className="task-column__title">
                {t(`tasks.status.${status}`)} <span className="task-column__count">{t("tasks.count", { count: counts[status] })}</span>
              </h2>
              {counts[status] === 0 ? (
                <p className="task-column__empty">{t("tasks.emptyColumn")}</p>
              ) : (
                <ul className="task-column__list">
                  {tasks
                    .filter((task) => task.status === status)
                    .map((task) => (
                      <TaskCard key={task.id} task={task} href={`${base}/${task.id}`} canWrite={canWrite} />
                    ))}
                </ul>
              )}
            </section>
          ))}
        </div>
      ) : (
        <TaskTable tasks={tasks} base={base} canWrite={canWrite} counts={counts} shown={shown} filtered={filtered} />
      )}
    </div>
  );
}

function TaskCard({ task, href, canWrite }: { task: Task; href: string; canWrite: boolean }) {
  const { t } = useTranslation();
  return (
    <li className={`task-card${task.overdue ? " task-card--overdue" : ""}`}>
      <h3 className="task-card__title">
        <Link to={href}>{task.title}</Link>
      </h3>
      <p className="task-card__meta">
        <DueDate dueDate={task.dueDate} overdue={task.overdue} />
      </p>
      <p className="task-card__meta">
        <Assignees names={task.assigneeNames} count={task.assigneeCount} />
      </p>
      {task.topicNumber !== null ? (
        <p className="task-card__meta">
          <span className="badge">{t("tasks.topicNumber", { id: task.topicNumber })}</span>
        </p>
      ) : null}
      {canWrite ? <TaskMoves taskId={task.id} title={task.title} status={task.status} /> : null}
    </li>
  );
}

type TableProps = { tasks: Task[]; base: string; canWrite: boolean; counts: Record<TaskStatus, number>; shown: TaskStatus[]; filtered: boolean };

function TaskTable({ tasks, base, canWrite, counts, shown, filtered }: TableProps) {
  const { t } = useTranslation();
  return (
    <>
      <ul className="task-counts">
        {shown.map((status) => (
          <li key={status}>
            {t(`tasks.status.${status}`)}: {t("tasks.count", { count: counts[status] })}
          </li>
        ))}
      </ul>
      {tasks.length > 0 ? (
        <div className="table-scroll">
          <table className="task-table">
            <caption className="visually-hidden">{t("tasks.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("tasks.fields.title")}</th>
                <th scope="col">{t("tasks.fields.status")}</th>
                <th scope="col">{t("tasks.fields.assignees")}</th>
                <th scope="col">{t("tasks.fields.dueDate")}</th>
                {canWrite ? <th scope="col">{t("tasks.move")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <tr key={task.id} className={task.overdue ? "task-row--overdue" : undefined}>
                  <th scope="row">
                    <Link to={`${base}/${task.id}`}>{task.title}</Link>
                  </th>
                  <td>{t(`tasks.status.${task.status}`)}</td>
                  <td>
                    <Assignees names={task.assigneeNames} count={task.assigneeCount} bare />
                  </td>
                  <td>
                    <DueDate dueDate={task.dueDate} overdue={task.overdue} bare />
                  </td>
                  {canWrite ? (
                    <td>
                      <TaskMoves taskId={task.id} title={task.title} status={task.status} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : filtered ? null : (
        <p>{t("tasks.emptyList")}</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <TaskErrorPage error={useRouteError()} />;
}
