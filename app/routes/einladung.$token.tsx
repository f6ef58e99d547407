import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { newPasswordErrors } from "#app/modules/auth/accounts.server";
import { createSignInSession, getOptionalUser } from "#app/modules/auth/session.server";
import { AcceptSchema } from "#app/modules/invitations/invitation-schemas";
import { acceptInvitation, findInvitationByToken } from "#app/modules/invitations/accept-invitation.server";
import { findTakenAddresses } from "#app/modules/invitations/invitations.server";
import { getLanguage, isSupportedLanguage, languageCookie } from "#app/utils/i18n.server";
import { pageTitle } from "#app/utils/meta";
import { redirectWithToast } from "#app/utils/toast.server";
import type { z } from "zod";

export const meta: MetaFunction = (args) => pageTitle(args, "invitations.accept.title");

// The query parameter that marks the one redirect into the invitation's language (a browser without cookies is not sent round again).
const LANGUAGE_MARK = "sprache";

/**
 * The page an invitation's link opens. An unknown, used, withdrawn or expired link gets a page that
 * says so (404). A visitor who has not chosen a language sees it in the invitation's language.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await findInvitationByToken(params.token ?? "");
  if (!invitation || invitation.state !== "pending") {
    // Who to ask for a new one, unless the invitation was used (then the person has an account).
    const askName = invitation && invitation.state !== "accepted" ? invitation.inviterName : null;
    return json({ state: "gone", askName } as const, { status: 404 });
  }
  const url = new URL(request.url);
  const chosen: unknown = await languageCookie.parse(request.headers.get("Cookie"));
  if (!chosen && !url.searchParams.has(LANGUAGE_MARK) && isSupportedLanguage(invitation.locale) && invitation.locale !== (await getLanguage(request))) {
    url.searchParams.set(LANGUAGE_MARK, invitation.locale);
    throw redirect(`${url.pathname}${url.search}`, { headers: { "Set-Cookie": await languageCookie.serialize(invitation.locale) } });
  }
  const [user, taken] = await Promise.all([getOptionalUser(request), findTakenAddresses([invitation.email.toLowerCase()])]);
  return json({ state: "open", email: invitation.email, inviterName: invitation.inviterName, signedIn: Boolean(user), taken: taken.size > 0 } as const);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: AcceptSchema });
  // Someone signed in would end up with two accounts in one browser: they sign out first.
  if (await getOptionalUser(request)) return json({ result: submission.reply({ formErrors: ["invitations.accept.signedInRefused"], hideFields: ["password"] }) }, { status: 403 });
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const passwordErrors = newPasswordErrors(submission.value.password);
  if (passwordErrors) return json({ result: submission.reply({ fieldErrors: { password: passwordErrors }, hideFields: ["password"] }) }, { status: 400 });
  // The language the person reads the page in, when they chose one (else the invitation's, shown to them by the loader).
  const chosen: unknown = await languageCookie.parse(request.headers.get("Cookie"));
  const outcome = await acceptInvitation(params.token ?? "", submission.value, isSupportedLanguage(chosen) ? chosen : null);
  if (!outcome.ok) {
    const message = outcome.error === "taken" ? "invitations.accept.taken" : "invitations.accept.gone";
    return json({ result: submission.reply({ formErrors: [message], hideFields: ["password"] }) }, { status: outcome.error === "taken" ? 400 : 404 });
  }
  const headers = new Headers();
  // The session owes what the account needs: an invited coordinator or admin sets up two-factor sign-in first.
  headers.append("Set-Cookie", await createSignInSession(outcome.userId));
  if (isSupportedLanguage(outcome.locale)) headers.append("Set-Cookie", await languageCookie.serialize(outcome.locale));
  return redirectWithToast("/konto/profil", "invitations.toast.welcome", { headers });
}

function GonePage({ askName }: { askName: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t("invitations.accept.goneTitle")}</h1>
      <p>{t("invitations.accept.gone")}</p>
      <p>{askName ? t("invitations.accept.goneAskNamed", { name: askName }) : t("invitations.accept.goneAsk")}</p>
      <p>
        {t("invitations.accept.goneSignIn")} <Link to="/anmelden">{t("invitations.accept.signIn")}</Link>
      </p>
    </div>
  );
}

function AcceptForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof AcceptSchema>>({
    id: "accept-form",
    lastResult: actionData?.result,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} announce />
      {/* Shown, not editable: the invitation is bound to this address (the server never reads it from the form). */}
      <Field
        label={t("invitations.accept.email")}
        hint={t("invitations.accept.emailHint")}
        inputProps={{ id: "accept-email", name: "email", type: "email", value: email, readOnly: true, autoComplete: "username" }}
      />
      <Field
        label={t("auth.displayName")}
        hint={t("auth.displayNameHint")}
        errors={fields.displayName.errors}
        inputProps={{ ...getInputProps(fields.displayName, { type: "text" }), autoComplete: "name" }}
      />
      <Field
        label={t("auth.password")}
        hint={t("auth.passwordHint")}
        errors={fields.password.errors}
        inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
      />
      <StatusButton>{t("invitations.accept.submit")}</StatusButton>
    </Form>
  );
}

export default function AcceptInvitationPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  if (data.state === "gone") return <GonePage askName={data.askName} />;
  const names = { inviter: data.inviterName ?? "", site: t("site.name"), network: t("site.tagline") };
  return (
    <div className="page page--narrow">
      <h1>{t("invitations.accept.title")}</h1>
      <p>{data.inviterName ? t("invitations.accept.intro", names) : t("invitations.accept.introAnonymous", names)}</p>
      {data.signedIn ? (
        <p>
          {t("invitations.accept.signedIn")} <Link to="/abmelden">{t("invitations.accept.signOut")}</Link>
        </p>
      ) : data.taken ? (
        <p>
          {t("invitations.accept.taken")} <Link to="/anmelden">{t("invitations.accept.signIn")}</Link> · <Link to="/passwort-vergessen">{t("invitations.accept.forgotPassword")}</Link>
        </p>
      ) : (
        <>
          <p>{t("invitations.accept.explain")}</p>
          <AcceptForm email={data.email} />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
