import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextareaField } from "#app/components/forms";
import { SessionsSchema } from "#app/modules/admin/admin-schemas";
import { formatDate, useRootData } from "#app/utils/misc";

type SessionRow = { key: string; createdAt: string; lastUsedAt: string | null; expiresAt: string; absoluteExpiresAt: string };

/**
 * A person's open sessions in one form: each row's button ends that session, the last one ends all;
 * the reason above them goes with whichever is pressed.
 */
export function PersonSessions({ sessions, lastResult }: { sessions: SessionRow[]; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const [form, fields] = useForm({
    id: "sessions-form",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SessionsSchema }),
    shouldValidate: "onSubmit",
  });
  if (sessions.length === 0) return <p>{t("admin.person.sessions.none")}</p>;
  const when = (value: string) => formatDate(lang, value, { dateStyle: "medium", timeStyle: "short" });
  // The earlier of the two ends: the sliding expiry or the absolute lifetime.
  const ends = (row: SessionRow) => (new Date(row.expiresAt) < new Date(row.absoluteExpiresAt) ? row.expiresAt : row.absoluteExpiresAt);
  return (
    <Form method="post" {...getFormProps(form)}>
      <p>{t("admin.person.sessions.intro")}</p>
      <ErrorList id={form.errorId} errors={[...(form.errors ?? []), ...(fields.session.errors ?? [])]} announce />
      <input type="hidden" name="intent" value="sessions" />
      <TextareaField field={fields.reason} errors={fields.reason.errors} label={t("admin.person.reason")} hint={t("admin.person.reasonHint")} rows={2} />
      <div className="table-scroll">
        <table className="admin-table">
          <caption className="visually-hidden">{t("admin.person.sessions.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.person.sessions.started")}</th>
              <th scope="col">{t("admin.person.sessions.lastUsed")}</th>
              <th scope="col">{t("admin.person.sessions.expires")}</th>
              <th scope="col">{t("admin.person.sessions.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.key}>
                <td>
                  <time dateTime={session.createdAt}>{when(session.createdAt)}</time>
                </td>
                <td>{session.lastUsedAt ? <time dateTime={session.lastUsedAt}>{when(session.lastUsedAt)}</time> : t("admin.person.sessions.unknown")}</td>
                <td>
                  <time dateTime={ends(session)}>{when(ends(session))}</time>
                </td>
                <td>
                  <button type="submit" name="session" value={session.key} className="button button--secondary">
                    {t("admin.person.sessions.end")}
                    <span className="visually-hidden">: {t("admin.person.sessions.endNamed", { date: when(session.createdAt) })}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <button type="submit" name="session" value="all" className="button">
          {t("admin.person.sessions.endAll")}
        </button>
      </p>
    </Form>
  );
}
