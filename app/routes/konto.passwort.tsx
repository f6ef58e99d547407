import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { changePassword, newPasswordErrors } from "#app/modules/auth/accounts.server";
import { ChangePasswordSchema } from "#app/modules/auth/auth-schemas";
import { checkCurrentPassword } from "#app/modules/auth/sign-in.server";
import { requireUser } from "#app/modules/auth/session.server";
import { retryAfter } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { redirectWithToast } from "#app/utils/toast.server";
import type { z } from "zod";

export const meta: MetaFunction = (args) => pageTitle(args, "auth.changePasswordTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

const HIDDEN = ["currentPassword", "newPassword"];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields: HIDDEN }) }, { status: 400 });
  const check = await checkCurrentPassword(user.id, user.email, submission.value.currentPassword, context.clientAddress);
  if (check !== true) {
    const errors = check > 0 ? [`validation.throttled|${check}`] : ["validation.wrongCurrentPassword"];
    return json({ result: submission.reply({ fieldErrors: { currentPassword: errors }, hideFields: HIDDEN }) }, check > 0 ? { status: 429, headers: retryAfter(check) } : { status: 400 });
  }
  const passwordErrors = newPasswordErrors(submission.value.newPassword);
  if (passwordErrors) return json({ result: submission.reply({ fieldErrors: { newPassword: passwordErrors }, hideFields: HIDDEN }) }, { status: 400 });
  const setCookie = await changePassword(user.id, submission.value.newPassword);
  return redirectWithToast("/konto", "passwordChanged", { headers: { "Set-Cookie": setCookie } });
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof ChangePasswordSchema>>({
    lastResult: actionData?.result,
  });
  return (
    <div className="page page--narrow">
      <h1>{t("auth.changePasswordTitle")}</h1>
      <p>{t("auth.changePasswordIntro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <Field
          label={t("auth.currentPassword")}
          errors={fields.currentPassword.errors}
          inputProps={{ ...getInputProps(fields.currentPassword, { type: "password" }), autoComplete: "current-password" }}
        />
        <Field
          label={t("auth.newPassword")}
          hint={t("auth.passwordHint")}
          errors={fields.newPassword.errors}
          inputProps={{ ...getInputProps(fields.newPassword, { type: "password" }), autoComplete: "new-password" }}
        />
        <StatusButton>{t("auth.changePasswordSubmit")}</StatusButton>
      </Form>
    </div>
  );
}
