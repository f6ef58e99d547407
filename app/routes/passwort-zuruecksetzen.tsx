import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { isResetTokenValid, newPasswordErrors, resetPassword } from "#app/modules/auth/accounts.server";
import { ResetPasswordSchema } from "#app/modules/auth/auth-schemas";
import { pageTitle } from "#app/utils/meta";
import { redirectWithToast } from "#app/utils/toast.server";
import type { z } from "zod";

export const meta: MetaFunction = (args) => pageTitle(args, "auth.resetTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const valid = token ? await isResetTokenValid(token) : false;
  return json({ token: valid ? token : null });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ResetPasswordSchema });
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields: ["password"] }), invalid: false }, { status: 400 });
  const passwordErrors = newPasswordErrors(submission.value.password);
  if (passwordErrors) {
    return json({ result: submission.reply({ fieldErrors: { password: passwordErrors }, hideFields: ["password"] }), invalid: false }, { status: 400 });
  }
  if (!(await resetPassword(submission.value.token, submission.value.password))) {
    return json({ result: submission.reply({ hideFields: ["password"] }), invalid: true }, { status: 400 });
  }
  return redirectWithToast("/anmelden", "passwordReset");
}

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof ResetPasswordSchema>>({
    lastResult: actionData?.result,
  });
  if (!token || actionData?.invalid) {
    return (
      <div className="page page--narrow">
        <h1>{t("auth.resetTitle")}</h1>
        <p>{t("auth.resetInvalid")}</p>
        <p>
          <Link to="/passwort-vergessen">{t("auth.requestNewLink")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>{t("auth.resetTitle")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <input type="hidden" name="token" value={token} />
        <Field
          label={t("auth.newPassword")}
          hint={t("auth.passwordHint")}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
        />
        <StatusButton>{t("auth.resetSubmit")}</StatusButton>
      </Form>
    </div>
  );
}
