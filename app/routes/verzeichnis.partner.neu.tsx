import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { ErrorList, StatusButton } from "#app/components/forms";
import { requireUser } from "#app/modules/auth/session.server";
import { PartnerFieldset } from "#app/modules/directory/partner-fields";
import { PartnerFormSchema } from "#app/modules/directory/partner-schema";
import { createPartner, partnerTranslationErrors } from "#app/modules/directory/partner-writes.server";
import { requireCoordinator } from "#app/modules/directory/permissions.server";
import { pageTitle } from "#app/utils/meta";
import type { z } from "zod";

export const meta: MetaFunction = (args) => pageTitle(args, "directory.partner.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  requireCoordinator(await requireUser(request));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requireCoordinator(user);
  const submission = parseWithZod(await request.formData(), { schema: PartnerFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const refused = partnerTranslationErrors(submission.value);
  if (refused) return json({ result: submission.reply({ fieldErrors: refused }) }, { status: 400 });
  const slug = await createPartner(submission.value, user.id);
  return redirect(`/verzeichnis/partner/${slug}/bearbeiten`, 303);
}

export default function NewPartnerPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof PartnerFormSchema>>({
    lastResult: actionData?.result,
  });
  return (
    <div className="page page--narrow">
      <h1>{t("directory.partner.newTitle")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <PartnerFieldset fields={fields} />
        <StatusButton>{t("directory.partner.create")}</StatusButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
