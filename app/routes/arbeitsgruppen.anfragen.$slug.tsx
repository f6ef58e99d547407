import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { TextareaField } from "#app/components/conform-fields";
import { ErrorList, StatusButton } from "#app/components/forms";
import { requireUser } from "#app/modules/auth/session.server";
import { JoinRequestSchema } from "#app/modules/groups/group-schemas";
import { findActiveGroup } from "#app/modules/groups/groups.server";
import { requestToJoin } from "#app/modules/groups/membership/membership.server";
import { pageTitle } from "#app/utils/meta";
import type { z } from "zod";

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
  const group = await findActiveGroup(params.slug);
  if (group) await requestToJoin(group, user.id, submission.value.message);
  return json({ result: submission.reply({ resetForm: true }), sent: true });
}

export default function RequestToJoinPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof JoinRequestSchema>>({ lastResult: actionData?.result });
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
            <TextareaField field={fields.message} errors={fields.message.errors} label={t("groups.requestMessage")} rows={4} />
            <StatusButton>{t("groups.requestSubmit")}</StatusButton>
          </Form>
        </>
      )}
    </div>
  );
}
