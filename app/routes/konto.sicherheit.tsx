import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, StatusButton } from "#app/components/forms";
import { SessionTable } from "#app/modules/auth/session-table";
import { SessionKeySchema } from "#app/modules/auth/account-schemas";
import { endOtherSession, endOtherSessions, listOwnSessions } from "#app/modules/auth/account-settings.server";
import { requireUser } from "#app/modules/auth/session.server";
import { getTwoFactorStatus } from "#app/modules/auth/two-factor.server";
import { badRequest } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";

export const meta: MetaFunction = (args) => pageTitle(args, "accountSettings.sessions.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [sessions, twoFactor] = await Promise.all([listOwnSessions(user.id, request), getTwoFactorStatus(user.id)]);
  return json({ sessions, twoFactor });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "end-others") {
    await endOtherSessions(user.id, request);
    return redirectWithToast("/konto/sicherheit", "accountSettings.sessions.othersEnded");
  }
  if (intent !== "end-one") throw badRequest();
  const parsed = SessionKeySchema.safeParse({ session: formData.get("session") });
  // Only a session of this user other than the current one ends: a key of someone else's session, or this one's, changes nothing.
  if (!parsed.success || !(await endOtherSession(user.id, parsed.data.session, request))) {
    return json({ error: "accountSettings.sessions.unknown" }, { status: 400 });
  }
  return redirectWithToast("/konto/sicherheit", "accountSettings.sessions.ended");
}

export default function AccountSessionsPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { sessions, twoFactor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const others = sessions.filter((session) => !session.current);
  const current = new Set(sessions.filter((session) => session.current).map((session) => session.key));
  return (
    <div className="page">
      <h1>{t("accountSettings.sessions.title")}</h1>
      <p>{t("accountSettings.sessions.intro")}</p>
      <ErrorList errors={actionData?.error ? [actionData.error] : undefined} announce />
      <SessionTable
        sessions={sessions}
        caption={t("accountSettings.sessions.caption")}
        action={(session, started) =>
          current.has(session.key) ? (
            <strong>{t("accountSettings.sessions.thisDevice")}</strong>
          ) : (
            <Form method="post">
              <input type="hidden" name="session" value={session.key} />
              <StatusButton name="intent" value="end-one" className="button button--secondary">
                {t("accountSettings.sessions.end")}
                <span className="visually-hidden">: {t("accountSettings.sessions.endNamed", { date: started })}</span>
              </StatusButton>
            </Form>
          )
        }
      />
      {others.length > 0 ? (
        <Form method="post">
          <StatusButton name="intent" value="end-others">
            {t("accountSettings.sessions.endOthers")}
          </StatusButton>
        </Form>
      ) : (
        <p>{t("accountSettings.sessions.onlyThis")}</p>
      )}
      <section aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading">{t("twoFactor.section.title")}</h2>
        <p>
          {twoFactor.enabledAt ? t("twoFactor.section.on", { date: formatDate(lang, twoFactor.enabledAt) }) : t("twoFactor.section.off")}
          {twoFactor.required ? ` ${t("twoFactor.section.required")}` : null}
        </p>
        <p>
          <Link to="/konto/zwei-faktor">{twoFactor.enabledAt ? t("twoFactor.section.manage") : t("twoFactor.section.setUp")}</Link>
        </p>
      </section>
      <p>
        <Link to="/konto/passwort">{t("account.changePassword")}</Link> · <Link to="/konto">{t("nav.account")}</Link>
      </p>
    </div>
  );
}
