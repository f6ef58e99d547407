import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { Assignees, DueDate } from "#app/modules/groups/tasks/task-parts";
import { TaskMoves } from "#app/modules/groups/tasks/task-moves";
import type { TaskStatus } from "#db/schema/group-enums";
import type { ListedTask } from "./data.server";
import { InLang } from "#app/utils/content-lang";

type TableProps = { tasks: ListedTask[]; base: string; canWrite: boolean; counts: Record<TaskStatus, number>; shown: TaskStatus[]; filtered: boolean };

/** The tasks as a table, with the count of each status shown above it. */
export function TaskTable({ tasks, base, canWrite, counts, shown, filtered }: TableProps) {
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
                    <Link to={`${base}/${task.id}`}>
                      <InLang>{task.title}</InLang>
                    </Link>
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
