import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { CheckboxField } from "#app/components/conform-fields";
import { ErrorList, Field, StatusButton } from "#app/components/forms";

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
  lastResult,
  reasonLabel,
  submitLabel,
  inputs = [],
  checkboxes = [],
  secondary = true,
}: {
  id: string;
  intent: string;
  hidden?: Record<string, string>;
  lastResult: LastResult;
  reasonLabel?: string;
  submitLabel: string;
  /** Further text fields, before the reason. */
  inputs?: { name: string; label: string; hint?: string; inputMode?: "numeric" | "text" }[];
  /** Checkboxes after the reason, ticked at first when `checked`. */
  checkboxes?: { name: string; label: string; checked?: boolean }[];
  secondary?: boolean;
}) {
  const [form, fields] = useForm<Record<string, unknown>>({
    id,
    lastResult,
    defaultValue: Object.fromEntries(checkboxes.filter((box) => box.checked).map((box) => [box.name, "on"])),
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
        <Field
          key={input.name}
          label={input.label}
          hint={input.hint}
          errors={fields[input.name]?.errors}
          inputProps={{ ...getInputProps(fields[input.name]!, { type: "text" }), inputMode: input.inputMode }}
        />
      ))}
      {reasonLabel ? <Field label={reasonLabel} errors={fields.reason?.errors} inputProps={getInputProps(fields.reason!, { type: "text" })} /> : null}
      {checkboxes.map((box) => (
        <CheckboxField key={box.name} field={fields[box.name]!} errors={fields[box.name]!.errors} label={box.label} />
      ))}
      <StatusButton className={secondary ? "button button--secondary" : "button"}>{submitLabel}</StatusButton>
    </Form>
  );
}
