import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { TextareaField } from "#app/components/conform-fields";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { requireUser } from "#app/modules/auth/session.server";
import { requireGroupAccess } from "#app/modules/groups/group-access.server";
import { threadPageTitle } from "#app/modules/groups/threads/thread-meta";
import { NewThreadSchema } from "#app/modules/groups/threads/thread-schemas";
import { createThread } from "#app/modules/groups/threads/threads.server";
import { POSTING_REFUSALS } from "#app/modules/posting/posting-limits";
import { forbidden, refusalReply } from "#app/utils/http";
import { redirectWithToast } from "#app/utils/toast.server";
import type { z } from "zod";

export const meta: MetaFunction<typeof loader> = (args) => threadPageTitle(args, "threads.newTitle", args.data ? [args.data.group.name] : null);

// Only members open threads. Guests are asked to sign in; a signed-in non-member of a public group
// gets 403 with the way in; a private group stays a 404 for everyone outside it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireGroupAccess(params.slug, user);
  const allowed = access.isMember;
  return json({ group: { slug: access.group.slug, name: access.group.name }, allowed }, { status: allowed ? 200 : 403 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireGroupAccess(params.slug, user);
  if (!access.isMember) throw forbidden();
  const submission = parseWithZod(await request.formData(), { schema: NewThreadSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const created = await createThread(access, user, submission.value);
  if (!created.ok) {
    const { result, status, headers } = refusalReply(created, submission.reply, { throttled: { message: "threads.validation.throttled", field: "body" }, ...POSTING_REFUSALS });
    return json({ result }, { status, headers });
  }
  return redirectWithToast(`/arbeitsgruppen/${access.group.slug}/themen/${created.threadId}`, "threads.toast.created");
}

export default function NewThreadPage() {
  const { t } = useTranslation();
  const { group, allowed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof NewThreadSchema>>({
    id: "new-thread",
    lastResult: actionData?.result,
  });
  return (
    <div className="page page--narrow">
      <p className="entry__kind">
        <Link to={`/arbeitsgruppen/${group.slug}/themen`}>{t("threads.backToList", { name: group.name })}</Link>
      </p>
      <h1>{t("threads.newTitle")}</h1>
      {allowed ? (
        <Form method="post" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} announce />
          <Field label={t("threads.title")} errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: "text" })} />
          <TextareaField field={fields.body} errors={fields.body.errors} label={t("threads.body")} hint={t("threads.bodyHint")} rows={10} />
          <StatusButton>{t("threads.create")}</StatusButton>
        </Form>
      ) : (
        <div className="notice">
          <p>{t("threads.membersOnly")}</p>
          <p>
            <Link to={`/arbeitsgruppen/${group.slug}`}>{t("threads.toGroup")}</Link>
          </p>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
