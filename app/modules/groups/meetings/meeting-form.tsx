import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useActionData } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, StatusButton } from "#app/components/forms";
import { MeetingFieldset } from "./meeting-fields";
import type { MeetingFormSchema } from "./meeting-schemas";
import type { z } from "zod";

/** The fields of a stored meeting as the edit form shows them (see meetingFormValues). */
export type MeetingFormValues = { title: string; startsAt: string; endsAt: string; place: string; onlineUrl: string; agenda: string };

type MeetingFormPageProps = {
  /** The form's id, which the field ids start with: "meeting" in a group, "event" for the network. */
  formId: string;
  back: { to: string; label: string };
  heading: string;
  /** A line under the heading (the group's name). */
  lead?: string;
  /** The stored meeting when editing; empty fields when creating. */
  values?: MeetingFormValues;
  /** When editing: the meeting's SEQUENCE as loaded, sent back so a save cannot overwrite a later change. */
  sequence?: number;
  submitLabel: string;
};

/**
 * The page of the four meeting forms (a group's meeting and a network event, new and edit): the
 * same fields and checks, errors at the fields after a round trip without JavaScript.
 */
export function MeetingFormPage({ formId, back, heading, lead, values, sequence, submitLabel }: MeetingFormPageProps) {
  const actionData = useActionData() as { result?: SubmissionResult<string[]>; conflict?: { values: MeetingFormValues; sequence: number } | null } | undefined;
  const conflict = actionData?.conflict ?? null;
  // After a conflict the form carries the SEQUENCE of the state it now shows, so saving again works.
  const version = conflict?.sequence ?? sequence;
  const [form, fields] = useForm<z.input<typeof MeetingFormSchema>>({
    id: formId,
    lastResult: actionData?.result,
    defaultValue: values,
  });
  return (
    <div className="page page--narrow">
      <p className="entry__kind">
        <Link to={back.to}>{back.label}</Link>
      </p>
      <h1>{heading}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        {conflict ? <CurrentMeeting values={conflict.values} /> : null}
        {version === undefined ? null : <input type="hidden" name="sequence" value={version} />}
        <MeetingFieldset fields={fields} />
        <StatusButton>{submitLabel}</StatusButton>
      </Form>
    </div>
  );
}

/** The meeting as someone else saved it meanwhile, shown above the form that keeps what was typed. */
function CurrentMeeting({ values }: { values: MeetingFormValues }) {
  const { t } = useTranslation();
  const id = useId();
  const none = t("meetings.conflict.noneSet");
  const time = (value: string) => value.replace("T", ", ");
  return (
    <section className="notice" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("meetings.conflict.heading")}</h2>
      <dl className="facts">
        <dt>{t("meetings.fields.title")}</dt>
        <dd>{values.title}</dd>
        <dt>{t("meetings.fields.startsAt")}</dt>
        <dd>{time(values.startsAt)}</dd>
        <dt>{t("meetings.fields.endsAt")}</dt>
        <dd>{time(values.endsAt)}</dd>
        <dt>{t("meetings.fields.place")}</dt>
        <dd>{values.place || none}</dd>
        <dt>{t("meetings.fields.onlineUrl")}</dt>
        <dd>{values.onlineUrl || none}</dd>
      </dl>
      <div className="field">
        <label htmlFor={`${id}-agenda`}>{t("meetings.conflict.currentAgenda")}</label>
        <textarea id={`${id}-agenda`} readOnly rows={6} value={values.agenda} />
      </div>
    </section>
  );
}
