import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, StatusButton } from "#app/components/forms";
import { requireUser } from "#app/modules/auth/session.server";
import { JoinRequestSchema } from "#app/modules/groups/group-schemas";
import { getVisibleGroup, requestToJoin } from "#app/modules/groups/groups.server";
import { pageTitle } from "#app/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "groups.requestTitle");

// A private group is joined by request through a link its coordinators share. The page answers the
// same for every name, existing or not, so it tells outsiders nothing about which groups exist.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: JoinRequestSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), sent: false }, { status: 400 });
  const visible = await getVisibleGroup(params.slug ?? "", null);
  if (visible && visible.group.visibility === "private") {
    const mine = await getVisibleGroup(params.slug ?? "", user);
    if (!mine?.role) await requestToJoin(visible.group.id, user.id, submission.value.message);
  }
  return json({ result: submission.reply({ resetForm: true }), sent: true });
}

export default function RequestToJoinPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult: actionData?.result, onValidate: ({ formData }) => parseWithZod(formData, { schema: JoinRequestSchema }) });
  return (
    <div className="page page--narrow">
      <h1>{t("groups.requestTitle")}</h1>
      {actionData?.sent ? (
        <p role="status">{t("groups.requestSent")}</p>
      ) : (
        <>
          <p>{t("groups.requestIntro")}</p>
          <Form method="post" {...getFormProps(form)}>
            <ErrorList id={form.errorId} errors={form.errors} announce />
            <div className="field">
              <label htmlFor={fields.message.id}>{t("groups.requestMessage")}</label>
              <textarea {...getTextareaProps(fields.message)} rows={4} />
              <ErrorList id={fields.message.errorId} errors={fields.message.errors} />
            </div>
            <StatusButton>{t("groups.requestSubmit")}</StatusButton>
          </Form>
        </>
      )}
    </div>
  );
}
