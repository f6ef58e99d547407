import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, StatusButton } from "#app/components/forms";
import { MarkdownHtml, markdownLinks } from "#app/components/markdown-html";
import { getOptionalUser, requireUser } from "#app/modules/auth/session.server";
import { requireGroupAccess } from "#app/modules/groups/group-access.server";
import { errorTitleKey } from "#app/modules/groups/group-meta";
import { berlinDay, isOverdue } from "#app/modules/groups/tasks/task-dates";
import { TaskFieldset, type TaskChoices } from "#app/modules/groups/tasks/task-fields";
import { TaskMoves, usePendingTaskStatuses } from "#app/modules/groups/tasks/task-moves";
import { Assignees, DueDate, TaskErrorPage } from "#app/modules/groups/tasks/task-parts";
import { TaskFormSchema, TaskStatusSchema, type TaskForm, type TaskFormFields } from "#app/modules/groups/tasks/task-schemas";
import { canDeleteTask, deleteTask, getTask, getTaskChoices, setTaskStatus, updateTask } from "#app/modules/groups/tasks/tasks.server";
import styles from "#app/styles/tasks.css";
import { badRequest, forbidden, notFound, requireFound } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";
import { renderMarkdown } from "#app/utils/markdown.server";
import { InLang } from "#app/utils/content-lang";

export const links = () => [{ rel: "stylesheet", href: styles }, ...markdownLinks];

export const meta: MetaFunction<typeof loader> = (args) => (args.data ? pageTitle(args, "tasks.title", args.data.task.title, args.data.group.name) : pageTitle(args, errorTitleKey(args.error)));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const access = await requireGroupAccess(params.slug, user);
  const { group, isMember: canWrite, seesPeople } = access;
  const task = requireFound(await getTask(group.id, params.id ?? ""));
  const canDelete = canDeleteTask(access, task, user?.id ?? null);
  const today = berlinDay(new Date());
  return json({
    group: { slug: group.slug, name: group.name },
    task: {
      id: task.id,
      title: task.title,
      description: task.description,
      descriptionHtml: task.description ? renderMarkdown(task.description) : null,
      status: task.status,
      dueDate: task.dueDate,
      overdue: isOverdue(task, today),
      completedAt: task.completedAt,
      createdAt: task.createdAt,
      creatorName: seesPeople ? task.creatorName : null,
      thread: task.threadId && task.threadTitle ? { id: task.threadId, title: task.threadTitle } : null,
      topic: task.topic,
      assigneeNames: seesPeople ? task.assignees.map((assignee) => assignee.displayName) : null,
      assigneeCount: task.assignees.length,
    },
    canWrite,
    canDelete,
    // The confirmation step of deleting is a page of its own (?loeschen), so it needs no script.
    confirmDelete: canDelete && new URL(request.url).searchParams.has("loeschen"),
    edit: canWrite
      ? {
          choices: await getTaskChoices(group.id, task.topicId, task.threadId),
          values: {
            title: task.title,
            description: task.description,
            assignees: task.assignees.map((assignee) => assignee.userId),
            dueDate: task.dueDate ?? "",
            threadId: task.threadId ?? "",
            topicId: task.topicId === null ? "" : String(task.topicId),
          },
        }
      : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireGroupAccess(params.slug, user);
  const { group } = access;
  // Looked up with the group of the URL: another group's task is not found here, whatever its id.
  const task = requireFound(await getTask(group.id, params.id ?? ""));
  const here = `/arbeitsgruppen/${group.slug}/aufgaben/${task.id}`;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "delete") {
    if (!canDeleteTask(access, task, user.id)) throw forbidden();
    await deleteTask(group.id, task.id);
    return redirectWithToast(`/arbeitsgruppen/${group.slug}/aufgaben`, "tasks.toast.deleted");
  }
  if (!access.isMember) throw forbidden();
  if (intent === "status") {
    const parsed = TaskStatusSchema.safeParse({ ...Object.fromEntries(formData), taskId: task.id });
    if (!parsed.success) throw badRequest();
    if (!(await setTaskStatus(group.id, task.id, parsed.data.status))) throw notFound();
    // A fetcher (with JavaScript) follows the redirect in place of the page it came from.
    return redirectWithToast(here, "tasks.toast.moved", { headers: { "X-Remix-Replace": "true" } });
  }
  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: TaskFormSchema });
    if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
    const saved = await updateTask(group.id, task.id, submission.value);
    if (!saved.ok) {
      if ("notFound" in saved) throw notFound();
      return json({ result: submission.reply({ fieldErrors: saved.errors }) }, { status: 400 });
    }
    return redirectWithToast(here, "tasks.toast.saved");
  }
  throw badRequest();
}

export default function TaskPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { group, task, canWrite, canDelete, confirmDelete, edit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // A move under way shows at once; when done is when it is answered.
  const moving = usePendingTaskStatuses().get(task.id);
  const status = moving ?? task.status;
  const here = `/arbeitsgruppen/${group.slug}/aufgaben/${task.id}`;
  return (
    <article className="page page--narrow">
      <p className="entry__kind">
        <Link to={`/arbeitsgruppen/${group.slug}/aufgaben`}>{t("tasks.backToList", { group: group.name })}</Link>
      </p>
      <h1>
        <InLang>{task.title}</InLang>
      </h1>
      <dl className="facts task-facts">
        <dt>{t("tasks.fields.status")}</dt>
        <dd>
          {t(`tasks.status.${status}`)}
          {status === "done" && task.completedAt ? ` (${t("tasks.completedOn", { date: formatDate(lang, task.completedAt) })})` : null}
        </dd>
        <dt>{t("tasks.fields.dueDate")}</dt>
        <dd>
          <DueDate dueDate={task.dueDate} overdue={task.overdue && status !== "done"} bare />
        </dd>
        <dt>{t("tasks.fields.assignees")}</dt>
        <dd>
          <Assignees names={task.assigneeNames} count={task.assigneeCount} bare />
        </dd>
        {task.thread ? (
          <>
            <dt>{t("tasks.fields.thread")}</dt>
            <dd>
              <Link to={`/arbeitsgruppen/${group.slug}/themen/${task.thread.id}`}>
                <InLang>{task.thread.title}</InLang>
              </Link>
            </dd>
          </>
        ) : null}
        {task.topic ? (
          <>
            <dt>{t("tasks.fromOpenMic")}</dt>
            <dd>
              <Link to={`/open-mic/${task.topic.id}`}>{t("tasks.topicOption", { id: task.topic.id, title: task.topic.title })}</Link>
            </dd>
          </>
        ) : null}
        <dt>{t("tasks.created")}</dt>
        <dd>{task.creatorName ? t("tasks.createdByOn", { name: task.creatorName, date: formatDate(lang, task.createdAt) }) : formatDate(lang, task.createdAt)}</dd>
      </dl>
      <section aria-labelledby="task-description-heading">
        <h2 id="task-description-heading">{t("tasks.fields.description")}</h2>
        {task.descriptionHtml ? <MarkdownHtml html={task.descriptionHtml} /> : <p className="field__hint">{t("tasks.noDescription")}</p>}
      </section>
      {canWrite ? (
        <section aria-labelledby="task-status-heading">
          <h2 id="task-status-heading">{t("tasks.changeStatus")}</h2>
          <TaskMoves taskId={task.id} title={task.title} status={status} />
        </section>
      ) : null}
      {edit ? <EditTask key={task.id} values={edit.values} choices={edit.choices} lastResult={actionData?.result} /> : null}
      {canDelete ? (
        <section aria-labelledby="task-delete-heading" className={confirmDelete ? "notice task-delete" : "task-delete"}>
          <h2 id="task-delete-heading">{t("tasks.delete.title")}</h2>
          {confirmDelete ? (
            <>
              <p>{t("tasks.delete.confirm", { title: task.title })}</p>
              <Form method="post" action={here} className="task-delete__actions">
                <StatusButton name="intent" value="delete">
                  {t("tasks.delete.submit")}
                </StatusButton>
                <Link to={here}>{t("tasks.delete.cancel")}</Link>
              </Form>
            </>
          ) : (
            <p>
              <Link to={`${here}?loeschen=1`}>{t("tasks.delete.start")}</Link>
            </p>
          )}
        </section>
      ) : null}
    </article>
  );
}

type EditProps = {
  values: TaskFormFields;
  choices: TaskChoices;
  lastResult: SubmissionResult<string[]> | null | undefined;
};

function EditTask({ values, choices, lastResult }: EditProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm<TaskFormFields, TaskForm>({
    id: "task-edit",
    lastResult,
    defaultValue: values,
  });
  // Open when the last attempt came back with errors, so they are seen (also without JavaScript).
  const hasErrors = lastResult?.status === "error";
  return (
    <section aria-labelledby="task-edit-heading">
      <details className="task-edit" open={hasErrors || undefined}>
        <summary>
          <h2 id="task-edit-heading" className="task-edit__title">
            {t("tasks.edit")}
          </h2>
        </summary>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="update" />
          <ErrorList id={form.errorId} errors={form.errors} announce />
          <TaskFieldset fields={fields} choices={choices} />
          <StatusButton>{t("tasks.save")}</StatusButton>
        </Form>
      </details>
    </section>
  );
}

export function ErrorBoundary() {
  return <TaskErrorPage error={useRouteError()} />;
}
