import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, StatusButton } from "#app/components/forms";
import { requireUser } from "#app/modules/auth/session.server";
import { requireGroupAccess } from "#app/modules/groups/group-access.server";
import { errorTitleKey } from "#app/modules/groups/group-meta";
import { TaskFieldset } from "#app/modules/groups/tasks/task-fields";
import { TaskErrorPage } from "#app/modules/groups/tasks/task-parts";
import { TASK_DESCRIPTION_MAX, TASK_TITLE_MAX, TaskFormSchema, topicNumber, type TaskForm, type TaskFormFields } from "#app/modules/groups/tasks/task-schemas";
import { createTask, getTaskChoices } from "#app/modules/groups/tasks/tasks.server";
import styles from "#app/styles/tasks.css";
import { forbidden } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { redirectWithToast } from "#app/utils/toast.server";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = (args) => (args.data ? pageTitle(args, "tasks.newTitle", args.data.group.name) : pageTitle(args, errorTitleKey(args.error)));

/** Members write tasks: guests sign in first, other readers get the 403 that explains it, outsiders of a private group 404. */
async function requireWriter(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const { group, isMember } = await requireGroupAccess(slug, user);
  if (!isMember) throw forbidden();
  return { user, group };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireWriter(request, params.slug);
  // Prefilled from elsewhere, e.g. "Aufgabe anlegen" in a meeting's minutes: ?titel=&beschreibung=&anliegen=
  const url = new URL(request.url);
  const title = (url.searchParams.get("titel") ?? "").trim().slice(0, TASK_TITLE_MAX);
  const description = (url.searchParams.get("beschreibung") ?? "").trim().slice(0, TASK_DESCRIPTION_MAX);
  const choices = await getTaskChoices(group.id);
  // Only a topic the form offers (handed to this group) is chosen in advance; any other number is ignored.
  const wanted = topicNumber(url.searchParams.get("anliegen"));
  const topicId = wanted !== null && choices.topics.some((topic) => topic.id === wanted) ? String(wanted) : "";
  return json({ group: { slug: group.slug, name: group.name }, choices, prefill: { title, description, topicId } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, group } = await requireWriter(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: TaskFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const saved = await createTask(group.id, user.id, submission.value);
  if (!saved.ok) return json({ result: submission.reply({ fieldErrors: "errors" in saved ? saved.errors : {} }) }, { status: 400 });
  return redirectWithToast(`/arbeitsgruppen/${group.slug}/aufgaben/${saved.id}`, "tasks.toast.created");
}

export default function NewTaskPage() {
  const { t } = useTranslation();
  const { group, choices, prefill } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<TaskFormFields, TaskForm>({
    id: "task-new",
    lastResult: actionData?.result,
    defaultValue: prefill,
  });
  return (
    <div className="page page--narrow">
      <p className="entry__kind">
        <Link to={`/arbeitsgruppen/${group.slug}/aufgaben`}>{t("tasks.backToList", { group: group.name })}</Link>
      </p>
      <h1>{t("tasks.newTitle")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <TaskFieldset fields={fields} choices={choices} />
        <StatusButton>{t("tasks.create")}</StatusButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <TaskErrorPage error={useRouteError()} />;
}
