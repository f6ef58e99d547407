import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useNavigation, type Navigation } from "@remix-run/react";
import { useId, useRef, type InputHTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

type FieldErrors = string[] | undefined;
// Conform's metadata of any field; the components only read ids, names, values and errors.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any>;

/**
 * Error messages of a field or form; messages are translation keys, optionally "key|count". A form's
 * own errors (wrong password, too many attempts) are announced, as no field points to them.
 */
export function ErrorList({ id, errors, announce = false }: { id?: string; errors: FieldErrors; announce?: boolean }) {
  const { t } = useTranslation();
  const messages = errors?.filter(Boolean) ?? [];
  if (messages.length === 0) return null;
  const list = (
    <ul id={id} className="error-list">
      {messages.map((message) => {
        const [key, count] = message.split("|");
        return <li key={message}>{t(key!, count ? { count: Number(count) } : undefined)}</li>;
      })}
    </ul>
  );
  return announce ? <div role="alert">{list}</div> : list;
}

function Hint({ id, hint }: { id: string | undefined; hint: ReactNode }) {
  if (!hint) return null;
  return (
    <p id={id} className="field__hint">
      {hint}
    </p>
  );
}

/** The ids a control is described by: its hint, and its errors while there are any. */
function describedBy(hintId: string | undefined, field: AnyField, errors: FieldErrors): string | undefined {
  return [hintId, errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
}

type FieldProps = {
  label: string;
  hint?: string;
  errors?: FieldErrors;
  inputProps: InputHTMLAttributes<HTMLInputElement> & { id?: string; name: string };
};

/** A labelled input whose hint and errors are tied to it with aria-describedby. */
export function Field({ label, hint, errors, inputProps }: FieldProps) {
  const fallbackId = useId();
  const id = inputProps.id ?? fallbackId;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const described = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <input {...inputProps} id={id} aria-invalid={errorId ? true : undefined} aria-describedby={described} />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
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

/**
 * True while the form that holds this button is being sent: same action, and every hidden value
 * and the button's own name/value in the submission. Other forms of the page stay quiet.
 */
function submitsForm(button: HTMLButtonElement | null, navigation: Navigation): boolean {
  const form = button?.form;
  if (navigation.state !== "submitting" || !form || !navigation.formData || !navigation.formAction) return false;
  const sent = new URL(navigation.formAction, window.location.href);
  const own = new URL(form.getAttribute("action") ?? window.location.href, window.location.href);
  if (sent.pathname !== own.pathname || (navigation.formMethod ?? "GET").toUpperCase() !== (form.getAttribute("method") ?? "GET").toUpperCase()) return false;
  const data = navigation.formData;
  if (button.name && data.get(button.name) !== button.value) return false;
  for (const input of form.querySelectorAll<HTMLInputElement>("input[type=hidden][name]")) {
    if (data.get(input.name) !== input.value) return false;
  }
  return true;
}

/** A submit button that says so while its own form is on its way. */
export function StatusButton({ children, name, value, className }: { children: ReactNode; name?: string; value?: string; className?: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const ref = useRef<HTMLButtonElement>(null);
  const pending = submitsForm(ref.current, navigation);
  return (
    <button ref={ref} type="submit" name={name} value={value} className={className ?? "button"} aria-disabled={pending || undefined}>
      {pending ? t("form.sending") : children}
    </button>
  );
}

/** A field that bots fill and people never see; a filled one marks the submission as spam. */
export function HoneypotField() {
  return (
    <div className="honeypot" aria-hidden="true">
      <label htmlFor="website-field">Website</label>
      <input id="website-field" type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}
