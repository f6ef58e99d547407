import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { CheckboxField } from "#app/components/conform-fields";
import { ErrorList, StatusButton } from "#app/components/forms";
import { requireUser } from "#app/modules/auth/session.server";
import { requireGroupAccess } from "#app/modules/groups/group-access.server";
import { GroupFieldset } from "#app/modules/groups/group-fields";
import { errorTitleKey } from "#app/modules/groups/group-meta";
import { ArchiveSchema, GroupFormSchema } from "#app/modules/groups/group-schemas";
import { archiveGroup, updateGroup } from "#app/modules/groups/groups.server";
import groupStyles from "#app/styles/groups.css";
import { forbidden } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { redirectWithToast } from "#app/utils/toast.server";
import type { z } from "zod";

// Only the group's coordinators get here; outsiders of a private group get the 404 page and its title.
export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, args.data ? "groupAdmin.edit.title" : errorTitleKey(args.error));

export const links = () => [{ rel: "stylesheet", href: groupStyles }];

/** The group, for someone who coordinates it: others who may read it get 403, everyone else 404. */
async function requireGroupToEdit(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const { group, coordinates } = await requireGroupAccess(slug, user);
  if (!coordinates) throw forbidden();
  return group;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const group = await requireGroupToEdit(request, params.slug);
  const { slug, name, focus, description, visibility } = group;
  return json({ slug, values: { name, focus, description, visibility } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const group = await requireGroupToEdit(request, params.slug);
  const formData = await request.formData();
  if (formData.get("intent") === "archive") {
    const submission = parseWithZod(formData, { schema: ArchiveSchema });
    if (submission.status !== "success") return json({ result: null, archiveResult: submission.reply() }, { status: 400 });
    await archiveGroup(group.id);
    return redirectWithToast("/arbeitsgruppen", "groupAdmin.toast.archived");
  }
  const submission = parseWithZod(formData, { schema: GroupFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), archiveResult: null }, { status: 400 });
  await updateGroup(group.id, submission.value);
  return redirectWithToast(`/arbeitsgruppen/${group.slug}`, "groupAdmin.toast.saved");
}

export default function EditGroupPage() {
  const { t } = useTranslation();
  const { slug, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof GroupFormSchema>>({
    id: "group",
    lastResult: actionData?.result,
    defaultValue: values,
  });
  const [archiveForm, archiveFields] = useForm<z.input<typeof ArchiveSchema>>({
    id: "archive",
    lastResult: actionData?.archiveResult,
  });
  return (
    <div className="page page--narrow">
      <p>
        <Link to={`/arbeitsgruppen/${slug}`}>{t("groupAdmin.backToGroup")}</Link>
      </p>
      <h1>{t("groupAdmin.edit.title")}</h1>
      <Form method="post" className="group-form" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <GroupFieldset fields={fields} />
        <p className="field__hint group-slug-hint">{t("groupAdmin.edit.slugStays", { path: `/arbeitsgruppen/${slug}` })}</p>
        <StatusButton>{t("groupAdmin.edit.save")}</StatusButton>
      </Form>
      <section aria-labelledby="archive-heading" className="group-danger">
        <h2 id="archive-heading">{t("groupAdmin.archive.title")}</h2>
        <p>{t("groupAdmin.archive.intro")}</p>
        <Form method="post" {...getFormProps(archiveForm)}>
          <ErrorList id={archiveForm.errorId} errors={archiveForm.errors} announce />
          <CheckboxField field={archiveFields.confirm} errors={archiveFields.confirm.errors} label={t("groupAdmin.archive.confirm")} />
          <StatusButton name="intent" value="archive" className="button button--secondary">
            {t("groupAdmin.archive.submit")}
          </StatusButton>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
