import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { SignInSchema } from "#app/modules/auth/auth-schemas";
import { signIn } from "#app/modules/auth/sign-in.server";
import { requireAnonymous, TWO_FACTOR_CODE_PATH, TWO_FACTOR_SETUP_PATH } from "#app/modules/auth/session.server";
import { retryAfter } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { safeRedirect } from "#app/utils/safe-redirect.server";
import { redirectWithToast } from "#app/utils/toast.server";
import type { z } from "zod";

export const meta: MetaFunction = (args) => pageTitle(args, "auth.signInTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SignInSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const outcome = await signIn(submission.value.email, submission.value.password, context.clientAddress);
  if (!outcome.ok) {
    const message = outcome.retryAfterSeconds ? `validation.throttled|${outcome.retryAfterSeconds}` : "validation.wrongCredentials";
    return json(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
      outcome.retryAfterSeconds ? { status: 429, headers: retryAfter(outcome.retryAfterSeconds) } : { status: 400 },
    );
  }
  const target = safeRedirect(submission.value.redirectTo, "/");
  const headers = { "Set-Cookie": outcome.setCookie };
  // The second factor comes next; where the person was going travels along.
  const onward = target === "/" ? "" : `?redirectTo=${encodeURIComponent(target)}`;
  if (outcome.twoFactor === "code") return redirect(`${TWO_FACTOR_CODE_PATH}${onward}`, { status: 303, headers });
  if (outcome.twoFactor === "setup") return redirectWithToast(`${TWO_FACTOR_SETUP_PATH}${onward}`, "twoFactor.toast.setupRequired", { headers });
  return redirectWithToast(target, "signedIn", { headers });
}

export default function SignInPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof SignInSchema>>({
    lastResult: actionData?.result,
  });
  // A refused password is not left in the field (the address stays). Without JavaScript the page comes
  // back without it; with it the form stays on the page, so its field is emptied here.
  const passwordId = fields.password.id;
  useEffect(() => {
    const password = actionData ? document.getElementById(passwordId) : null;
    if (password instanceof HTMLInputElement) password.value = "";
  }, [actionData, passwordId]);
  return (
    <div className="page page--narrow">
      <h1>{t("auth.signInTitle")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field label={t("auth.email")} errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }} />
        <Field label={t("auth.password")} errors={fields.password.errors} inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }} />
        <StatusButton>{t("auth.signInSubmit")}</StatusButton>
      </Form>
      <p>
        <Link to="/passwort-vergessen">{t("auth.forgotPassword")}</Link>
      </p>
      <p>
        {t("auth.noAccount")} <Link to="/registrieren">{t("auth.registerTitle")}</Link>
      </p>
    </div>
  );
}
