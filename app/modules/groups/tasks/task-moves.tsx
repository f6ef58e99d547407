import { useFetcher, useFetchers } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { taskStatuses, type TaskStatus } from "#db/schema/group-enums";
import { statusFromSlug, STATUS_SLUGS } from "./task-rules";

// One fetcher per task, wherever its buttons are drawn: a card that moves to another column (or out
// of a filtered list) while its answer is on the way keeps the same fetcher, so the answer still
// reloads the page.
const KEY_PREFIX = "task-status:";
const fetcherKey = (taskId: string) => `${KEY_PREFIX}${taskId}`;

/**
 * Buttons that move a task to each other status. With JavaScript they are sent by a fetcher and the
 * new status shows at once (see usePendingTaskStatuses); without, the form posts the page, which
 * comes back. The action answers both with the same redirect.
 */
export function TaskMoves({ taskId, title, status }: { taskId: string; title: string; status: TaskStatus }) {
  const { t } = useTranslation();
  const fetcher = useFetcher({ key: fetcherKey(taskId) });
  return (
    <fetcher.Form method="post" className="task-moves" preventScrollReset>
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="taskId" value={taskId} />
      <div role="group" aria-label={t("tasks.moveGroup", { title })} className="task-moves__buttons">
        <span className="task-moves__label" aria-hidden="true">
          {t("tasks.moveTo")}
        </span>
        {taskStatuses
          .filter((other) => other !== status)
          .map((other) => (
            <button key={other} type="submit" name="status" value={STATUS_SLUGS[other]} className="button button--secondary task-moves__button">
              {t(`tasks.status.${other}`)}
            </button>
          ))}
      </div>
    </fetcher.Form>
  );
}

/** The statuses tasks are being moved to right now, by task id: what the page shows until the answer is in. */
export function usePendingTaskStatuses(): Map<string, TaskStatus> {
  const pending = new Map<string, TaskStatus>();
  for (const fetcher of useFetchers()) {
    if (!fetcher.key.startsWith(KEY_PREFIX) || !fetcher.formData) continue;
    const status = statusFromSlug(fetcher.formData.get("status"));
    if (status) pending.set(fetcher.key.slice(KEY_PREFIX.length), status);
  }
  return pending;
}

function KeepMove({ taskId }: { taskId: string }) {
  useFetcher({ key: fetcherKey(taskId) });
  return null;
}

/** Holds on to the fetchers of tasks being moved, for a list whose filter hides them at once. */
export function PendingMoves({ taskIds }: { taskIds: Iterable<string> }) {
  return (
    <>
      {[...taskIds].map((taskId) => (
        <KeepMove key={taskId} taskId={taskId} />
      ))}
    </>
  );
}
