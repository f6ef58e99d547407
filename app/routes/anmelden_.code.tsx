import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { replaceSession } from "#app/modules/auth/session.server";
import { requireCodeStep, verifySecondFactor } from "#app/modules/auth/two-factor.server";
import { CodeStepSchema } from "#app/modules/auth/two-factor-schemas";
import { refusalReply } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { safeRedirect } from "#app/utils/safe-redirect.server";
import { redirectWithToast } from "#app/utils/toast.server";
import type { z } from "zod";

export const meta: MetaFunction = (args) => pageTitle(args, "twoFactor.code.title");

/** The second step of signing in: only a session that owes its code sees it. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCodeStep(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCodeStep(request);
  const submission = parseWithZod(await request.formData(), { schema: CodeStepSchema });
  // A code is used up once tried: the field is never filled in again.
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields: ["code"] }) }, { status: 400 });
  const outcome = await verifySecondFactor(user, submission.value.code, context.clientAddress);
  if (!outcome.ok) {
    const { result, status, headers } = refusalReply(outcome, (options) => submission.reply({ ...options, hideFields: ["code"] }), {
      wrongCode: { message: "twoFactor.errors.wrongCode", field: "code" },
      throttled: { message: "validation.throttled", field: "code" },
    });
    return json({ result }, { status, headers });
  }
  // A fresh session id for the complete session: the one that only owed the code ends here.
  const setCookie = await replaceSession(request, user.id, { secondFactorDone: true });
  const toast = outcome.usedRecoveryCode ? "twoFactor.toast.signedInWithRecoveryCode" : "signedIn";
  return redirectWithToast(safeRedirect(submission.value.redirectTo, "/"), toast, { headers: { "Set-Cookie": setCookie } });
}

export default function SignInCodePage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof CodeStepSchema>>({
    lastResult: actionData?.result,
  });
  return (
    <div className="page page--narrow">
      <h1>{t("twoFactor.code.title")}</h1>
      <p>{t("twoFactor.code.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          label={t("twoFactor.code.label")}
          hint={t("twoFactor.code.hint")}
          errors={fields.code.errors}
          inputProps={{ ...getInputProps(fields.code, { type: "text" }), autoComplete: "one-time-code", spellCheck: false, autoCapitalize: "none" }}
        />
        <StatusButton>{t("twoFactor.code.submit")}</StatusButton>
      </Form>
      <Form method="post" action="/abmelden">
        <StatusButton className="button button--secondary">{t("twoFactor.code.cancel")}</StatusButton>
      </Form>
    </div>
  );
}
