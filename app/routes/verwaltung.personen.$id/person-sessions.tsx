import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { TextareaField } from "#app/components/conform-fields";
import { ErrorList } from "#app/components/forms";
import { SessionTable, type SessionRow } from "#app/modules/auth/session-table";
import type { SessionsSchema } from "#app/modules/admin/admin-schemas";
import type { z } from "zod";

/**
 * A person's open sessions in one form: each row's button ends that session, the last one ends all;
 * the reason above them goes with whichever is pressed.
 */
export function PersonSessions({ sessions, lastResult }: { sessions: SessionRow[]; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof SessionsSchema>>({
    id: "sessions-form",
    lastResult,
  });
  if (sessions.length === 0) return <p>{t("admin.person.sessions.none")}</p>;
  return (
    <Form method="post" {...getFormProps(form)}>
      <p>{t("admin.person.sessions.intro")}</p>
      <ErrorList id={form.errorId} errors={[...(form.errors ?? []), ...(fields.session.errors ?? [])]} announce />
      <input type="hidden" name="intent" value="sessions" />
      <TextareaField field={fields.reason} errors={fields.reason.errors} label={t("admin.person.reason")} hint={t("admin.person.reasonHint")} rows={2} />
      <SessionTable
        sessions={sessions}
        caption={t("admin.person.sessions.caption")}
        action={(session, started) => (
          <button type="submit" name="session" value={session.key} className="button button--secondary">
            {t("admin.person.sessions.end")}
            <span className="visually-hidden">: {t("admin.person.sessions.endNamed", { date: started })}</span>
          </button>
        )}
      />
      <p>
        <button type="submit" name="session" value="all" className="button">
          {t("admin.person.sessions.endAll")}
        </button>
      </p>
    </Form>
  );
}
