import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { ErrorList, StatusButton } from "#app/components/forms";
import { requireUser } from "#app/modules/auth/session.server";
import { GroupFieldset } from "#app/modules/groups/group-fields";
import { GroupFormSchema } from "#app/modules/groups/group-schemas";
import { canCreateGroups, createGroup } from "#app/modules/groups/groups.server";
import groupStyles from "#app/styles/groups.css";
import { forbidden } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { redirectWithToast } from "#app/utils/toast.server";
import type { z } from "zod";

export const meta: MetaFunction = (args) => pageTitle(args, "groupAdmin.new.title");

export const links = () => [{ rel: "stylesheet", href: groupStyles }];

async function requireGroupCreator(request: Request) {
  const user = await requireUser(request);
  if (!canCreateGroups(user)) throw forbidden();
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireGroupCreator(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireGroupCreator(request);
  const submission = parseWithZod(await request.formData(), { schema: GroupFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const slug = await createGroup(submission.value, user.id);
  return redirectWithToast(`/arbeitsgruppen/${slug}`, "groupAdmin.toast.created");
}

export default function NewGroupPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof GroupFormSchema>>({
    id: "group",
    lastResult: actionData?.result,
    defaultValue: { visibility: "public" },
  });
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/arbeitsgruppen">{t("groupAdmin.backToList")}</Link>
      </p>
      <h1>{t("groupAdmin.new.title")}</h1>
      <p>{t("groupAdmin.new.intro")}</p>
      <Form method="post" className="group-form" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <GroupFieldset fields={fields} />
        <StatusButton>{t("groupAdmin.new.submit")}</StatusButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
