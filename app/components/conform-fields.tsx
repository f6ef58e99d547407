import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { ErrorList, Hint, type FieldErrors } from "./forms";

// Fields wired to Conform's metadata. Kept apart from forms.tsx so that a page imports Conform only
// when it has such a field or a form of its own (useForm): see the note there.

// Conform's metadata of any field; the components only read ids, names, values and errors.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any>;

/** The ids a control is described by: its hint, and its errors while there are any. */
function describedBy(hintId: string | undefined, field: AnyField, errors: FieldErrors): string | undefined {
  return [hintId, errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
}

/**
 * A Conform field with its label and hint. `errors` is the field's `errors`, read by the component that
 * calls useForm: Conform re-renders a form for the metadata read in that component's render, so
 * errors read only here would not show after a check in the browser.
 */
type ConformFieldProps = { field: AnyField; errors: FieldErrors; label: string; hint?: ReactNode };

/** A labelled textarea whose hint and errors are tied to it. */
export function TextareaField({ field, errors, label, hint, rows = 6 }: ConformFieldProps & { rows?: number }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <textarea {...getTextareaProps(field, { ariaDescribedBy: hintId })} rows={rows} />
      <ErrorList id={field.errorId} errors={errors} />
    </div>
  );
}

type SelectFieldProps = ConformFieldProps & {
  options: { value: string; label: string }[];
  /** The first, empty choice ("– bitte wählen –"); left out for a required choice without one. */
  placeholder?: string;
  multiple?: boolean;
  size?: number;
};

/** A labelled select whose hint and errors are tied to it. */
export function SelectField({ field, errors, label, hint, options, placeholder, multiple, size }: SelectFieldProps) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <select {...getSelectProps(field)} multiple={multiple} size={size} aria-describedby={describedBy(hintId, field, errors)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={errors} />
    </div>
  );
}

/** A checkbox with its label beside it, and its hint and errors tied to it. */
export function CheckboxField({ field, errors, label, hint }: ConformFieldProps) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field field--checkbox">
      <input {...getInputProps(field, { type: "checkbox", ariaDescribedBy: hintId })} />
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <ErrorList id={field.errorId} errors={errors} />
    </div>
  );
}
