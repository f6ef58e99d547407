import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { completeSetupSession, TWO_FACTOR_SETUP_PATH } from "#app/modules/auth/session.server";
import { disableTwoFactor, enableTwoFactor, getTwoFactorStatus, newSetupOffer, renewRecoveryCodes, requireTwoFactorSetupAccess, setupOfferFrom } from "#app/modules/auth/two-factor.server";
import { EnableTwoFactorSchema, TwoFactorPasswordSchema } from "#app/modules/auth/two-factor-schemas";
import { RecoveryCodesView, SetupOfferView } from "#app/modules/auth/two-factor-ui";
import { badRequest, refusalReply } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { safeRedirect } from "#app/utils/safe-redirect.server";
import { redirectWithToast } from "#app/utils/toast.server";
import type { z } from "zod";

export const meta: MetaFunction = (args) => pageTitle(args, "twoFactor.title");

// The page shows a secret and recovery codes: no cache keeps a copy.
const NO_STORE = { "Cache-Control": "no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, setupOwed } = await requireTwoFactorSetupAccess(request);
  const status = await getTwoFactorStatus(user.id);
  const offer = status.enabledAt ? null : await newSetupOffer(user);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/");
  return json({ status, setupOwed, offer, email: user.email, redirectTo }, { headers: NO_STORE });
}

const PASSWORD_REFUSALS = {
  wrongPassword: { message: "validation.wrongCurrentPassword", field: "password" },
  throttled: { message: "validation.throttled", field: "password" },
  required: { message: "twoFactor.errors.required" },
  notEnabled: { message: "twoFactor.errors.notEnabled" },
};

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, setupOwed } = await requireTwoFactorSetupAccess(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "enable") {
    const submission = parseWithZod(formData, { schema: EnableTwoFactorSchema });
    const sameOffer = async () => (await setupOfferFrom(user, String(formData.get("pending") ?? ""))) ?? newSetupOffer(user);
    if (submission.status !== "success") return json({ intent, result: submission.reply({ hideFields: ["code"] }), offer: await sameOffer() }, { status: 400, headers: NO_STORE });
    const outcome = await enableTwoFactor(user.id, submission.value.pending, submission.value.code);
    if (!outcome.ok && outcome.error === "alreadyEnabled") return redirectWithToast(TWO_FACTOR_SETUP_PATH, "twoFactor.toast.alreadyEnabled");
    if (!outcome.ok) {
      // An expired secret is replaced: the app must learn the new one, so the page says so at the field.
      const offer = outcome.error === "expired" ? await newSetupOffer(user) : await sameOffer();
      const { result, status } = refusalReply(outcome, (options) => submission.reply({ ...options, hideFields: ["code"] }), {
        wrongCode: { message: "twoFactor.errors.wrongCode", field: "code" },
        expired: { message: "twoFactor.errors.expired", field: "code" },
      });
      return json({ intent, result, offer }, { status, headers: NO_STORE });
    }
    // A session that owed the setup is complete now.
    if (setupOwed) await completeSetupSession(request);
    const continueTo = setupOwed ? safeRedirect(submission.value.redirectTo, "/") : "/konto/sicherheit";
    return json({ intent, recoveryCodes: outcome.recoveryCodes, continueTo }, { headers: NO_STORE });
  }
  if (intent !== "disable" && intent !== "recovery-codes") throw badRequest();
  const submission = parseWithZod(formData, { schema: TwoFactorPasswordSchema });
  if (submission.status !== "success") return json({ intent, result: submission.reply({ hideFields: ["password"] }) }, { status: 400, headers: NO_STORE });
  const outcome =
    intent === "disable" ? await disableTwoFactor(user, submission.value.password, context.clientAddress) : await renewRecoveryCodes(user, submission.value.password, context.clientAddress);
  if (!outcome.ok) {
    const { result, status, headers } = refusalReply(outcome, (options) => submission.reply({ ...options, hideFields: ["password"] }), PASSWORD_REFUSALS);
    headers.set("Cache-Control", "no-store");
    return json({ intent, result }, { status, headers });
  }
  if (!("recoveryCodes" in outcome)) return redirectWithToast(TWO_FACTOR_SETUP_PATH, "twoFactor.toast.disabled");
  return json({ intent, recoveryCodes: outcome.recoveryCodes, continueTo: "/konto/sicherheit" }, { headers: NO_STORE });
}

type ActionData = {
  intent: string;
  result?: SubmissionResult<string[]>;
  offer?: { pending: string; groupedSecret: string; uri: string; qrDataUri: string };
  recoveryCodes?: string[];
  continueTo?: string;
};

export default function TwoFactorPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  if (actionData?.recoveryCodes) {
    const lead = actionData.intent === "enable" ? t("twoFactor.codes.done") : t("twoFactor.codes.renewed");
    return (
      <div className="page page--narrow">
        <h1>{t("twoFactor.title")}</h1>
        <RecoveryCodesView codes={actionData.recoveryCodes} lead={lead} continueTo={actionData.continueTo ?? "/konto/sicherheit"} />
      </div>
    );
  }
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const offer = actionData?.offer ?? data.offer;
  return (
    <div className="page page--narrow">
      <h1>{t("twoFactor.title")}</h1>
      {data.setupOwed ? <p className="notice">{t("twoFactor.requiredNotice")}</p> : null}
      <p>{t("twoFactor.intro")}</p>
      {data.status.enabledAt ? (
        <>
          <p>{t("twoFactor.status.on", { date: formatDate(lang, data.status.enabledAt) })}</p>
          <p>{t("twoFactor.status.recoveryLeft", { count: data.status.unusedRecoveryCodes })}</p>
          <PasswordSection intent="recovery-codes" prefix="renew" lastResult={resultFor("recovery-codes")} />
          {data.status.required ? (
            <section aria-labelledby="disable-heading">
              <h2 id="disable-heading">{t("twoFactor.disable.heading")}</h2>
              <p>{t("twoFactor.disable.required")}</p>
            </section>
          ) : (
            <PasswordSection intent="disable" prefix="disable" lastResult={resultFor("disable")} />
          )}
        </>
      ) : (
        <>
          <p>{t("twoFactor.status.off")}</p>
          {offer ? <SetupSection offer={offer} email={data.email} redirectTo={data.redirectTo} lastResult={resultFor("enable")} /> : null}
        </>
      )}
      {data.setupOwed ? null : (
        <p>
          <Link to="/konto/sicherheit">{t("accountSettings.sessions.title")}</Link> · <Link to="/konto">{t("nav.account")}</Link>
        </p>
      )}
    </div>
  );
}

function SetupSection({ offer, email, redirectTo, lastResult }: { offer: NonNullable<ActionData["offer"]>; email: string; redirectTo: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof EnableTwoFactorSchema>>({
    id: "enable-two-factor",
    lastResult,
  });
  return (
    <section aria-labelledby="setup-heading">
      <h2 id="setup-heading">{t("twoFactor.setup.heading")}</h2>
      <SetupOfferView offer={offer} accountName={email} />
      <p>{t("twoFactor.setup.enter")}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <input type="hidden" name="intent" value="enable" />
        <input type="hidden" name="pending" value={offer.pending} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t("twoFactor.setup.code")}
          hint={t("twoFactor.setup.codeHint")}
          errors={fields.code.errors}
          inputProps={{ ...getInputProps(fields.code, { type: "text" }), inputMode: "numeric", autoComplete: "one-time-code", spellCheck: false }}
        />
        <StatusButton>{t("twoFactor.setup.submit")}</StatusButton>
      </Form>
    </section>
  );
}

/** Turning it off and making new recovery codes: the password again, each in its own form. */
function PasswordSection({ intent, prefix, lastResult }: { intent: string; prefix: "renew" | "disable"; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof TwoFactorPasswordSchema>>({
    id: `${prefix}-two-factor`,
    lastResult,
  });
  return (
    <section aria-labelledby={`${prefix}-heading`}>
      <h2 id={`${prefix}-heading`}>{t(`twoFactor.${prefix}.heading`)}</h2>
      <p>{t(`twoFactor.${prefix}.intro`)}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <input type="hidden" name="intent" value={intent} />
        <Field label={t(`twoFactor.${prefix}.password`)} errors={fields.password.errors} inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }} />
        <StatusButton className={prefix === "disable" ? "button button--secondary" : undefined}>{t(`twoFactor.${prefix}.submit`)}</StatusButton>
      </Form>
    </section>
  );
}
