import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { StatusButton } from "#app/components/forms";
import { resendVerification } from "#app/modules/auth/accounts.server";
import { requireUser } from "#app/modules/auth/session.server";
import { badRequest } from "#app/utils/http";
import { getLanguage } from "#app/utils/i18n.server";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";
import { getAccountOverview } from "#app/modules/auth/account-overview.server";

export const meta: MetaFunction = (args) => pageTitle(args, "account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ account: await getAccountOverview(user.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "resend-verification") {
    const sent = await resendVerification(user.id, await getLanguage(request));
    return redirectWithToast("/konto", sent ? "verificationSent" : "verificationThrottled");
  }
  throw badRequest();
}

export default function AccountPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { account } = useLoaderData<typeof loader>();
  if (!account) return null;
  return (
    <div className="page page--narrow">
      <h1>{t("account.title")}</h1>
      <dl className="facts">
        <dt>{t("account.name")}</dt>
        <dd>{account.displayName}</dd>
        <dt>{t("account.email")}</dt>
        <dd>
          {account.email} ({account.emailVerifiedAt ? t("account.verified") : t("account.notVerified")})
        </dd>
        <dt>{t("account.role")}</dt>
        <dd>{t(`account.roles.${account.role}`)}</dd>
        <dt>{t("account.memberSince")}</dt>
        <dd>{formatDate(lang, account.createdAt)}</dd>
      </dl>
      <p>
        <Link to="/konto/profil">{t("accountSettings.links.profile")}</Link>
      </p>
      <p>
        <Link to="/konto/daten">{t("privacy.accountLink")}</Link>
      </p>
      {account.emailVerifiedAt ? null : (
        <section className="notice" aria-labelledby="verify-heading">
          <h2 id="verify-heading">{t("auth.verifyTitle")}</h2>
          <p>{t("account.verifyPrompt")}</p>
          <Form method="post">
            <StatusButton name="intent" value="resend-verification">
              {t("account.resendVerification")}
            </StatusButton>
          </Form>
        </section>
      )}
      <section aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">{t("notifications.accountHeading")}</h2>
        <p>
          <Link to="/konto/benachrichtigungen#einstellungen">{t("notifications.accountLink")}</Link>
        </p>
      </section>
      <section aria-labelledby="security-heading">
        <h2 id="security-heading">{t("account.security")}</h2>
        <p>
          <Link to="/konto/passwort">{t("account.changePassword")}</Link>
        </p>
        <p>
          <Link to="/konto/sicherheit">{t("accountSettings.links.sessions")}</Link>
        </p>
      </section>
    </div>
  );
}
