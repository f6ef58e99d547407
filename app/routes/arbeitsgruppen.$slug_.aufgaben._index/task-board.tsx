import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { Assignees, DueDate } from "#app/modules/groups/tasks/task-parts";
import { TaskMoves } from "#app/modules/groups/tasks/task-moves";
import type { TaskStatus } from "#db/schema/group-enums";
import type { ListedTask } from "./data.server";
import { InLang } from "#app/utils/content-lang";

type BoardProps = { tasks: ListedTask[]; base: string; canWrite: boolean; counts: Record<TaskStatus, number>; shown: TaskStatus[] };

/** The tasks as a board: one column per status shown. */
export function TaskBoard({ tasks, base, canWrite, counts, shown }: BoardProps) {
  const { t } = useTranslation();
  return (
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
  );
}

function TaskCard({ task, href, canWrite }: { task: ListedTask; href: string; canWrite: boolean }) {
  const { t } = useTranslation();
  return (
    <li className={`task-card${task.overdue ? " task-card--overdue" : ""}`}>
      <h3 className="task-card__title">
        <Link to={href}>
          <InLang>{task.title}</InLang>
        </Link>
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
