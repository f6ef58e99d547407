import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { ModeratorEditSchema } from "./coordination-schemas";

export type LastResult = SubmissionResult<string[]> | null | undefined;

/** The action's answer for the form it came from: only that form shows the errors. */
export type FormAnswer = { form: string; result: SubmissionResult<string[]> } | undefined;
export const resultFor = (answer: FormAnswer, form: string): LastResult => (answer?.form === form ? answer.result : undefined);

/**
 * One moderation action as a small form: the hidden ids, an optional reason, a button. Errors of the
 * hidden fields (an id that is not this topic's) are shown at the form, as nobody can correct them
 * in a field.
 */
export function ActionForm({
  id,
  intent,
  hidden = {},
  schema,
  lastResult,
  reasonLabel,
  submitLabel,
  inputs = [],
  children,
  secondary = true,
}: {
  id: string;
  intent: string;
  hidden?: Record<string, string>;
  schema: z.ZodType<Record<string, unknown>>;
  lastResult: LastResult;
  reasonLabel?: string;
  submitLabel: string;
  /** Further text fields, before the reason. */
  inputs?: { name: string; label: string; hint?: string; inputMode?: "numeric" | "text" }[];
  children?: ReactNode;
  secondary?: boolean;
}) {
  const [form, fields] = useForm<Record<string, unknown>>({
    id,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const hiddenErrors = Object.keys(hidden).flatMap((name) => fields[name]?.errors ?? []);
  return (
    <Form method="post" {...getFormProps(form)} className="om-action-form">
      <ErrorList id={form.errorId} errors={[...(form.errors ?? []), ...hiddenErrors]} announce />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {inputs.map((input) => (
        <Field key={input.name} label={input.label} hint={input.hint} errors={fields[input.name]?.errors} inputProps={{ ...getInputProps(fields[input.name]!, { type: "text" }), inputMode: input.inputMode }} />
      ))}
      {reasonLabel ? <Field label={reasonLabel} errors={fields.reason?.errors} inputProps={getInputProps(fields.reason!, { type: "text" })} /> : null}
      {children}
      <StatusButton className={secondary ? "button button--secondary" : "button"}>{submitLabel}</StatusButton>
    </Form>
  );
}

/**
 * The moderator's edit of the topic (title and text) or of one reply (text), with the reason the
 * author sees — or, ticked, the removal of personal data for good.
 */
export function ModeratorEditForm({
  replyId,
  title,
  body,
  guestName = null,
  town = null,
  personalData,
  lastResult,
}: {
  replyId: string | null;
  title: string;
  body: string;
  /** The guest's name and the place of the topic (a reply has neither); null when there is none. */
  guestName?: string | null;
  town?: string | null;
  personalData: boolean;
  lastResult: LastResult;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `edit-${replyId ?? "topic"}`,
    lastResult,
    defaultValue: { title, body, guestName: guestName ?? "", town: town ?? "", personalData: personalData ? "on" : undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ModeratorEditSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const personalHint = `${fields.personalData.id}-hint`;
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={[...(form.errors ?? []), ...(fields.replyId.errors ?? [])]} announce />
      <input type="hidden" name="intent" value="edit" />
      {replyId ? <input type="hidden" name="replyId" value={replyId} /> : null}
      {replyId ? null : <Field label={t("openMicCoordination.moderate.editTitle")} errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: "text" })} />}
      <div className="field">
        <label htmlFor={fields.body.id}>{t("openMicCoordination.moderate.editBody")}</label>
        <textarea {...getTextareaProps(fields.body)} rows={10} />
        <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
      </div>
      {replyId ? null : (
        <>
          <input type="hidden" name="topicFields" value="on" />
          {guestName !== null ? <Field label={t("openMicCoordination.moderate.editGuestName")} errors={fields.guestName.errors} inputProps={getInputProps(fields.guestName, { type: "text" })} /> : null}
          <Field label={t("openMicCoordination.moderate.editTown")} errors={fields.town.errors} inputProps={getInputProps(fields.town, { type: "text" })} />
        </>
      )}
      <Field label={t("openMicCoordination.moderate.editReason")} errors={fields.reason.errors} inputProps={getInputProps(fields.reason, { type: "text" })} />
      <div className="field field--checkbox">
        <input {...getInputProps(fields.personalData, { type: "checkbox", ariaDescribedBy: personalHint })} />
        <label htmlFor={fields.personalData.id}>{t("openMicCoordination.moderate.personalData")}</label>
      </div>
      <p id={personalHint} className="field__hint">
        {t("openMicCoordination.moderate.personalDataHint")}
      </p>
      <StatusButton>{t("openMicCoordination.moderate.editSubmit")}</StatusButton>
    </Form>
  );
}
