import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData } from "@remix-run/react";
import { ErrorList, StatusButton } from "~/components/forms";
import { MeetingFieldset } from "./meeting-fields";
import { MeetingFormSchema } from "./meeting-schemas";

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
  submitLabel: string;
};

/**
 * The page of the four meeting forms (a group's meeting and a network event, new and edit): the
 * same fields and checks, errors at the fields after a round trip without JavaScript.
 */
export function MeetingFormPage({ formId, back, heading, lead, values, submitLabel }: MeetingFormPageProps) {
  const actionData = useActionData() as { result?: SubmissionResult<string[]> } | undefined;
  const [form, fields] = useForm({
    id: formId,
    lastResult: actionData?.result,
    defaultValue: values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MeetingFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
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
        <MeetingFieldset fields={fields} />
        <StatusButton>{submitLabel}</StatusButton>
      </Form>
    </div>
  );
}
