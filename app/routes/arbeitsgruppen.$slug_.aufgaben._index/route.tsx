import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { errorTitleKey } from "#app/modules/groups/group-meta";
import { PendingMoves, usePendingTaskStatuses } from "#app/modules/groups/tasks/task-moves";
import { TaskErrorPage } from "#app/modules/groups/tasks/task-parts";
import { STATUS_SLUGS, taskQueryString, type TaskQuery } from "#app/modules/groups/tasks/task-rules";
import styles from "#app/styles/tasks.css";
import { pageTitle } from "#app/utils/meta";
import { taskStatuses, type TaskStatus } from "#db/schema/group-enums";
import type { ListedTask, loader } from "./data.server";
import { TaskBoard } from "./task-board";
import { TaskTable } from "./task-table";
import { InLang } from "#app/utils/content-lang";

export { action, loader } from "./data.server";

export const links = () => [{ rel: "stylesheet", href: styles }];

// The group's name comes from loader data, which a private group gives its members only.
export const meta: MetaFunction<typeof loader> = (args) => (args.data ? pageTitle(args, "tasks.title", args.data.group.name) : pageTitle(args, errorTitleKey(args.error)));

/** The tasks as the page shows them: moves under way already done, and a filtered list without what they move out of it. */
function useTasksAsMoved(tasks: ListedTask[], query: TaskQuery) {
  const pending = usePendingTaskStatuses();
  const moved = tasks.map((task) => {
    const status = pending.get(task.id);
    return status ? { ...task, status, overdue: task.overdue && status !== "done" } : task;
  });
  const shown = moved.filter((task) => (!query.status || task.status === query.status) && (!query.overdue || task.overdue));
  return { tasks: shown, moving: [...pending.keys()] };
}

export default function TasksPage() {
  const { t } = useTranslation();
  const { group, query, signedIn, canWrite, tasks: loaded } = useLoaderData<typeof loader>();
  const { tasks, moving } = useTasksAsMoved(loaded, query);
  const location = useLocation();
  const base = `/arbeitsgruppen/${group.slug}/aufgaben`;
  const shown = query.status ? [query.status] : [...taskStatuses];
  const filtered = query.mine || query.overdue || query.status !== null;
  const counts = Object.fromEntries(taskStatuses.map((status) => [status, tasks.filter((task) => task.status === status).length])) as Record<TaskStatus, number>;
  return (
    <div className="page">
      <p className="entry__kind">
        <Link to={`/arbeitsgruppen/${group.slug}`}>
          <InLang>{group.name}</InLang>
        </Link>
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
        <TaskBoard tasks={tasks} base={base} canWrite={canWrite} counts={counts} shown={shown} />
      ) : (
        <TaskTable tasks={tasks} base={base} canWrite={canWrite} counts={counts} shown={shown} filtered={filtered} />
      )}
      <PendingMoves taskIds={moving} />
    </div>
  );
}

export function ErrorBoundary() {
  return <TaskErrorPage error={useRouteError()} />;
}
