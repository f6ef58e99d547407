import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from "@remix-run/node";
import { getOptionalUser, requireUser } from "#app/modules/auth/session.server";
import { requireGroupAccess } from "#app/modules/groups/group-access.server";
import { berlinDay, isOverdue } from "#app/modules/groups/tasks/task-dates";
import { parseTaskQuery, TaskStatusSchema, type TaskQuery } from "#app/modules/groups/tasks/task-schemas";
import { listTasks, setTaskStatus } from "#app/modules/groups/tasks/tasks.server";
import { badRequest, forbidden, notFound } from "#app/utils/http";
import { redirectWithToast } from "#app/utils/toast.server";

/** The group's tasks with the filters of the URL, each with only what the board and the table show. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const { group, isMember, seesPeople } = await requireGroupAccess(params.slug, user);
  const parsed = parseTaskQuery(new URL(request.url).searchParams);
  // "Meine" needs someone to be "me": for guests the filter is ignored.
  const query: TaskQuery = { ...parsed, mine: parsed.mine && Boolean(user) };
  const today = berlinDay(new Date());
  const tasks = await listTasks(group.id, { status: query.status, assigneeId: query.mine ? user!.id : null, overdueOn: query.overdue ? today : null });
  return json({
    group: { slug: group.slug, name: group.name },
    query,
    signedIn: Boolean(user),
    canWrite: isMember,
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

/**
 * Moves a task to another status and comes back to the same view with the same filters. A fetcher
 * (with JavaScript) follows the redirect in place of the page it came from.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { group, isMember } = await requireGroupAccess(params.slug, user);
  if (!isMember) throw forbidden();
  const parsed = TaskStatusSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw badRequest();
  if (!(await setTaskStatus(group.id, parsed.data.taskId, parsed.data.status))) throw notFound();
  const back = new URL(request.url);
  back.searchParams.delete("index");
  return redirectWithToast(`${back.pathname}${back.search}`, "tasks.toast.moved", { headers: { "X-Remix-Replace": "true" } });
}

/** One task as the board and the table show it. */
export type ListedTask = SerializeFrom<typeof loader>["tasks"][number];
