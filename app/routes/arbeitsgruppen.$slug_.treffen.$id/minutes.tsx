import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { TextareaField } from "#app/components/conform-fields";
import { ErrorList, StatusButton } from "#app/components/forms";
import { MarkdownHtml } from "#app/components/markdown-html";
import { formatDate, useRootData } from "#app/utils/misc";
import type { action, loader } from "./data.server";
import type { MinutesSchema } from "#app/modules/groups/meetings/meeting-schemas";
import type { z } from "zod";

/**
 * The minutes of a meeting that has begun, the form to write them, and the way to a task from them.
 * When someone else saved the minutes meanwhile, theirs come back beside what was typed.
 */
export function Minutes() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { group, meeting, minutesSeen, started, canWriteMinutes, canCreateTask } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflict = actionData && "minutesConflict" in actionData ? actionData.minutesConflict : null;
  const [form, fields] = useForm<z.input<typeof MinutesSchema>>({
    id: "minutes",
    lastResult: actionData?.result,
    defaultValue: { minutes: meeting.minutes },
  });
  const day = formatDate(lang, meeting.startsAt);
  const taskHref = `/arbeitsgruppen/${group.slug}/aufgaben/neu?${new URLSearchParams({ beschreibung: t("meetings.minutes.taskDescription", { date: day }) }).toString()}`;
  return (
    <section aria-labelledby="protokoll" className="meeting__minutes">
      <h2 id="protokoll" tabIndex={-1}>
        {t("meetings.minutes.heading")}
      </h2>
      {meeting.minutes ? (
        <>
          <MarkdownHtml html={meeting.minutesHtml} />
          {meeting.minutesAt ? (
            <p className="field__hint">
              {meeting.minutesByName
                ? t("meetings.minutes.by", { name: meeting.minutesByName, date: formatDate(lang, meeting.minutesAt) })
                : t("meetings.minutes.byUnknown", { date: formatDate(lang, meeting.minutesAt) })}
            </p>
          ) : null}
        </>
      ) : (
        <p>{started ? t("meetings.minutes.none") : t("meetings.minutes.notYet")}</p>
      )}
      {canCreateTask ? (
        <p>
          <Link to={taskHref}>{t("meetings.minutes.createTask")}</Link>
        </p>
      ) : null}
      {canWriteMinutes ? (
        <Form method="post" {...getFormProps(form)} className="minutes-form no-print">
          <ErrorList id={form.errorId} errors={form.errors} announce />
          {conflict ? (
            <div className="notice field">
              <label htmlFor="minutes-current">{t("meetings.conflict.currentMinutes")}</label>
              <textarea id="minutes-current" readOnly rows={10} value={conflict.minutes} />
            </div>
          ) : null}
          <input type="hidden" name="intent" value="minutes" />
          <input type="hidden" name="seen" value={conflict ? conflict.seen : minutesSeen} />
          <TextareaField field={fields.minutes} errors={fields.minutes.errors} label={t("meetings.minutes.label")} hint={t("meetings.minutes.hint")} rows={10} />
          <StatusButton>{t("meetings.minutes.save")}</StatusButton>
        </Form>
      ) : null}
    </section>
  );
}
