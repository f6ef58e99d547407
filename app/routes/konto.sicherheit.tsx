import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, StatusButton } from "#app/components/forms";
import { SessionKeySchema } from "#app/modules/auth/account-schemas";
import { endOtherSession, endOtherSessions, listOwnSessions } from "#app/modules/auth/account-settings.server";
import { requireUser } from "#app/modules/auth/session.server";
import { badRequest } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";

export const meta: MetaFunction = (args) => pageTitle(args, "accountSettings.sessions.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ sessions: await listOwnSessions(user.id, request) });
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
  const { sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const when = (value: string) => formatDate(lang, value, { dateStyle: "medium", timeStyle: "short" });
  // The earlier of the two ends: the sliding expiry or the absolute lifetime.
  const ends = (row: { expiresAt: string; absoluteExpiresAt: string }) => (new Date(row.expiresAt) < new Date(row.absoluteExpiresAt) ? row.expiresAt : row.absoluteExpiresAt);
  const others = sessions.filter((session) => !session.current);
  return (
    <div className="page">
      <h1>{t("accountSettings.sessions.title")}</h1>
      <p>{t("accountSettings.sessions.intro")}</p>
      <ErrorList errors={actionData?.error ? [actionData.error] : undefined} announce />
      <div className="table-scroll">
        <table className="admin-table">
          <caption className="visually-hidden">{t("accountSettings.sessions.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accountSettings.sessions.started")}</th>
              <th scope="col">{t("accountSettings.sessions.lastUsed")}</th>
              <th scope="col">{t("accountSettings.sessions.expires")}</th>
              <th scope="col">{t("accountSettings.sessions.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.key}>
                <td>
                  <time dateTime={session.createdAt}>{when(session.createdAt)}</time>
                </td>
                <td>{session.lastUsedAt ? <time dateTime={session.lastUsedAt}>{when(session.lastUsedAt)}</time> : t("accountSettings.sessions.never")}</td>
                <td>
                  <time dateTime={ends(session)}>{when(ends(session))}</time>
                </td>
                <td>
                  {session.current ? (
                    <strong>{t("accountSettings.sessions.thisDevice")}</strong>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="session" value={session.key} />
                      <StatusButton name="intent" value="end-one" className="button button--secondary">
                        {t("accountSettings.sessions.end")}
                        <span className="visually-hidden">: {t("accountSettings.sessions.endNamed", { date: when(session.createdAt) })}</span>
                      </StatusButton>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {others.length > 0 ? (
        <Form method="post">
          <StatusButton name="intent" value="end-others">
            {t("accountSettings.sessions.endOthers")}
          </StatusButton>
        </Form>
      ) : (
        <p>{t("accountSettings.sessions.onlyThis")}</p>
      )}
      <p>
        <Link to="/konto/passwort">{t("account.changePassword")}</Link> · <Link to="/konto">{t("nav.account")}</Link>
      </p>
    </div>
  );
}
