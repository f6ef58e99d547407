import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, Field, HoneypotField, StatusButton } from "#app/components/forms";
import { newPasswordErrors, register } from "#app/modules/auth/accounts.server";
import { RegisterSchema } from "#app/modules/auth/auth-schemas";
import { requireAnonymous } from "#app/modules/auth/session.server";
import { isInvitationOnly } from "#app/modules/invitations/site-settings.server";
import { retryAfter } from "#app/utils/http";
import { getLanguage } from "#app/utils/i18n.server";
import { pageTitle } from "#app/utils/meta";
import { redirectWithToast } from "#app/utils/toast.server";
import type { z } from "zod";

export const meta: MetaFunction = (args) => pageTitle(args, "auth.registerTitle");

// In a closed network ("Registrierung nur mit Einladung") the page only says so, and every POST is refused.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return json({ closed: await isInvitationOnly() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: RegisterSchema });
  if (await isInvitationOnly()) {
    return json({ result: submission.reply({ formErrors: ["invitations.registration.refused"], hideFields: ["password"] }) }, { status: 403 });
  }
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const passwordErrors = newPasswordErrors(submission.value.password);
  if (passwordErrors) {
    return json({ result: submission.reply({ fieldErrors: { password: passwordErrors }, hideFields: ["password"] }) }, { status: 400 });
  }
  const outcome = await register(submission.value, await getLanguage(request), context.clientAddress);
  if (!outcome.ok && outcome.reason === "throttled") {
    return json(
      { result: submission.reply({ formErrors: [`validation.throttled|${outcome.retryAfterSeconds}`], hideFields: ["password"] }) },
      { status: 429, headers: retryAfter(outcome.retryAfterSeconds) },
    );
  }
  if (!outcome.ok) {
    // Registration says so when an address is taken (people need to know to sign in instead); the throttle limits probing.
    return json({ result: submission.reply({ fieldErrors: { email: ["validation.emailTaken"] }, hideFields: ["password"] }) }, { status: 400 });
  }
  return redirectWithToast("/konto", "registered", { headers: { "Set-Cookie": outcome.setCookie } });
}

export default function RegisterPage() {
  const { closed } = useLoaderData<typeof loader>();
  return closed ? <ClosedNotice /> : <RegisterForm />;
}

function ClosedNotice() {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t("auth.registerTitle")}</h1>
      <p>{t("invitations.registration.closed")}</p>
      <p>
        {t("auth.haveAccount")} <Link to="/anmelden">{t("auth.signInTitle")}</Link>
      </p>
    </div>
  );
}

function RegisterForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof RegisterSchema>>({
    lastResult: actionData?.result,
  });
  return (
    <div className="page page--narrow">
      <h1>{t("auth.registerTitle")}</h1>
      <p>{t("auth.registerIntro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <HoneypotField />
        <Field
          label={t("auth.displayName")}
          hint={t("auth.displayNameHint")}
          errors={fields.displayName.errors}
          inputProps={{ ...getInputProps(fields.displayName, { type: "text" }), autoComplete: "name" }}
        />
        <Field label={t("auth.email")} errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }} />
        <Field
          label={t("auth.password")}
          hint={t("auth.passwordHint")}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
        />
        <StatusButton>{t("auth.registerSubmit")}</StatusButton>
      </Form>
      <p>
        {t("auth.haveAccount")} <Link to="/anmelden">{t("auth.signInTitle")}</Link>
      </p>
    </div>
  );
}
