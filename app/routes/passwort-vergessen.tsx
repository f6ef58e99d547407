import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, Field, HoneypotField, StatusButton } from "#app/components/forms";
import { requestPasswordReset } from "#app/modules/auth/accounts.server";
import { ForgotPasswordSchema } from "#app/modules/auth/auth-schemas";
import { retryAfter } from "#app/utils/http";
import { getLanguage } from "#app/utils/i18n.server";
import { pageTitle } from "#app/utils/meta";
import type { z } from "zod";

export const meta: MetaFunction = (args) => pageTitle(args, "auth.forgotTitle");

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), sent: false }, { status: 400 });
  const wait = await requestPasswordReset(submission.value.email, context.clientAddress, await getLanguage(request));
  if (wait > 0) return json({ result: submission.reply({ formErrors: [`validation.throttled|${wait}`] }), sent: false }, { status: 429, headers: retryAfter(wait) });
  return json({ result: submission.reply(), sent: true });
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof ForgotPasswordSchema>>({
    lastResult: actionData?.result,
  });
  return (
    <div className="page page--narrow">
      <h1>{t("auth.forgotTitle")}</h1>
      {actionData?.sent ? (
        <p role="status">{t("auth.forgotSent")}</p>
      ) : (
        <>
          <p>{t("auth.forgotIntro")}</p>
          <Form method="post" {...getFormProps(form)}>
            <ErrorList id={form.errorId} errors={form.errors} announce />
            <HoneypotField />
            <Field label={t("auth.email")} errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }} />
            <StatusButton>{t("auth.forgotSubmit")}</StatusButton>
          </Form>
        </>
      )}
    </div>
  );
}
