import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { SetupSchema } from "#app/modules/admin/admin-schemas";
import { completeSetup, isSetupLinkValid } from "#app/modules/admin/setup.server";
import { newPasswordErrors } from "#app/modules/auth/accounts.server";
import { createSignInSession } from "#app/modules/auth/session.server";
import { notFound } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { redirectWithToast } from "#app/utils/toast.server";
import type { z } from "zod";

export const meta: MetaFunction = (args) => pageTitle(args, "admin.setup.title");

/** The one-time link of an empty installation: a used, expired or unknown link, or one after an admin exists, is a 404. */
export async function loader({ params }: LoaderFunctionArgs) {
  if (!(await isSetupLinkValid(params.token ?? ""))) throw notFound();
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  if (!(await isSetupLinkValid(token))) throw notFound();
  const submission = parseWithZod(await request.formData(), { schema: SetupSchema });
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const passwordErrors = newPasswordErrors(submission.value.password);
  if (passwordErrors) return json({ result: submission.reply({ fieldErrors: { password: passwordErrors }, hideFields: ["password"] }) }, { status: 400 });
  const outcome = await completeSetup(token, submission.value);
  if (!outcome.ok && outcome.error === "taken") return json({ result: submission.reply({ fieldErrors: { email: ["validation.emailTaken"] }, hideFields: ["password"] }) }, { status: 400 });
  if (!outcome.ok) throw notFound();
  return redirectWithToast("/verwaltung/personen", "admin.toast.setupDone", { headers: { "Set-Cookie": await createSignInSession(outcome.userId) } });
}

export default function SetupPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof SetupSchema>>({
    lastResult: actionData?.result,
  });
  return (
    <div className="page page--narrow">
      <h1>{t("admin.setup.title")}</h1>
      <p>{t("admin.setup.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <Field label={t("admin.setup.displayName")} errors={fields.displayName.errors} inputProps={{ ...getInputProps(fields.displayName, { type: "text" }), autoComplete: "name" }} />
        <Field label={t("admin.setup.email")} errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }} />
        <Field
          label={t("admin.setup.password")}
          hint={t("admin.setup.passwordHint")}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
        />
        <StatusButton>{t("admin.setup.submit")}</StatusButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
