import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { DisplayNameFormSchema, EmailChangeSchema } from "#app/modules/auth/account-schemas";
import { confirmEmailChange, pendingEmailChange, requestEmailChange } from "#app/modules/auth/account-settings.server";
import { requireUser } from "#app/modules/auth/session.server";
import { ProfileForm } from "#app/modules/people/profile-form";
import { ProfileFormSchema } from "#app/modules/people/profile-schema";
import { getProfileChoices, getProfileValues, renamePerson, saveProfile } from "#app/modules/people/profile.server";
import styles from "#app/modules/people/people.css";
import { badRequest, refusalReply, requireFound } from "#app/utils/http";
import { getLanguage } from "#app/utils/i18n.server";
import { pageTitle } from "#app/utils/meta";
import { redirectWithToast } from "#app/utils/toast.server";
import type { z } from "zod";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, "people.profile.title");

export async function loader({ request }: LoaderFunctionArgs) {
  // Following the link from the mail to the new address is the confirmation, like the registration's: whoever is signed in.
  const token = new URL(request.url).searchParams.get("token");
  if (token !== null) {
    const changed = token !== "" && (await confirmEmailChange(token));
    throw await redirectWithToast("/konto/profil", changed ? "accountSettings.profile.emailChanged" : "accountSettings.profile.linkInvalid");
  }
  const user = await requireUser(request);
  const { handle, ...profile } = requireFound(await getProfileValues(user.id));
  const [pendingEmail, choices] = await Promise.all([pendingEmailChange(user.id), getProfileChoices(profile.languages)]);
  return json({ displayName: user.displayName, email: user.email, pendingEmail, profile, choices, handle });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "name") {
    const submission = parseWithZod(formData, { schema: DisplayNameFormSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    await renamePerson(user.id, submission.value.displayName);
    return redirectWithToast("/konto/profil", "accountSettings.profile.nameChanged");
  }
  if (intent === "profile") {
    const submission = parseWithZod(formData, { schema: ProfileFormSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    const saved = await saveProfile(user.id, submission.value);
    if (!saved.ok) return json({ intent, result: submission.reply({ fieldErrors: saved.errors }) }, { status: 400 });
    return redirectWithToast("/konto/profil", "people.profile.saved");
  }
  if (intent !== "email") throw badRequest();
  const hideFields = ["currentPassword"];
  const submission = parseWithZod(formData, { schema: EmailChangeSchema });
  if (submission.status !== "success") return json({ intent, result: submission.reply({ hideFields }) }, { status: 400 });
  const outcome = await requestEmailChange(user.id, submission.value.email, submission.value.currentPassword, context.clientAddress, await getLanguage(request));
  if (!outcome.ok) {
    const { result, status, headers } = refusalReply(outcome, (options) => submission.reply({ ...options, hideFields }), {
      wrongPassword: { message: "validation.wrongCurrentPassword", field: "currentPassword" },
      throttled: { message: "validation.throttled", field: "currentPassword" },
      taken: { message: "accountSettings.email.taken", field: "email" },
      same: { message: "accountSettings.email.same", field: "email" },
    });
    return json({ intent, result }, { status, headers });
  }
  return redirectWithToast("/konto/profil", "accountSettings.profile.changeRequested");
}

export default function AccountProfilePage() {
  const { t } = useTranslation();
  const { displayName, email, pendingEmail, profile, choices, handle } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [nameForm, nameFields] = useForm<z.input<typeof DisplayNameFormSchema>>({
    id: "name-form",
    lastResult: actionData?.intent === "name" ? actionData.result : undefined,
    defaultValue: { displayName },
  });
  const [emailForm, emailFields] = useForm<z.input<typeof EmailChangeSchema>>({
    id: "email-form",
    lastResult: actionData?.intent === "email" ? actionData.result : undefined,
  });
  // The server never sends a password back; with JavaScript the typed one is emptied too, so both ways behave alike.
  const emailResult = actionData?.intent === "email" ? actionData.result : undefined;
  const passwordId = emailFields.currentPassword.id;
  useEffect(() => {
    const input = document.getElementById(passwordId);
    if (emailResult && input instanceof HTMLInputElement) input.value = "";
  }, [emailResult, passwordId]);
  return (
    <div className="page page--narrow">
      <h1>{t("people.profile.title")}</h1>
      <section aria-labelledby="name-heading">
        <h2 id="name-heading">{t("accountSettings.profile.nameHeading")}</h2>
        <p>{t("accountSettings.profile.nameIntro")}</p>
        <Form method="post" {...getFormProps(nameForm)}>
          <ErrorList id={nameForm.errorId} errors={nameForm.errors} announce />
          <input type="hidden" name="intent" value="name" />
          <Field
            label={t("accountSettings.profile.displayName")}
            errors={nameFields.displayName.errors}
            inputProps={{ ...getInputProps(nameFields.displayName, { type: "text" }), autoComplete: "name" }}
          />
          <StatusButton>{t("accountSettings.profile.saveName")}</StatusButton>
        </Form>
      </section>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("people.profile.heading")}</h2>
        <p>{t("people.profile.intro")}</p>
        <p>
          <Link to={`/personen/${handle}`}>{t("people.profile.viewLink")}</Link>
        </p>
        <ProfileForm values={profile} choices={choices} email={email} lastResult={actionData?.intent === "profile" ? actionData.result : undefined} />
      </section>
      <section aria-labelledby="email-heading">
        <h2 id="email-heading">{t("accountSettings.profile.emailHeading")}</h2>
        <p>{t("accountSettings.profile.currentEmail", { email })}</p>
        {pendingEmail ? (
          <p className="notice" data-testid="pending-email">
            {t("accountSettings.profile.pending", { email: pendingEmail })}
          </p>
        ) : null}
        <p>{t("accountSettings.profile.emailIntro")}</p>
        <Form method="post" {...getFormProps(emailForm)}>
          <ErrorList id={emailForm.errorId} errors={emailForm.errors} announce />
          <input type="hidden" name="intent" value="email" />
          <Field label={t("accountSettings.profile.newEmail")} errors={emailFields.email.errors} inputProps={{ ...getInputProps(emailFields.email, { type: "email" }), autoComplete: "email" }} />
          <Field
            label={t("accountSettings.profile.currentPassword")}
            errors={emailFields.currentPassword.errors}
            inputProps={{ ...getInputProps(emailFields.currentPassword, { type: "password" }), autoComplete: "current-password" }}
          />
          <StatusButton>{t("accountSettings.profile.requestChange")}</StatusButton>
        </Form>
      </section>
      <p>
        <Link to="/konto">{t("nav.account")}</Link>
      </p>
    </div>
  );
}
