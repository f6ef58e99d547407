import { useNavigation, type Navigation } from "@remix-run/react";
import { useId, useRef, type InputHTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "#app/utils/use-translation";

// NOTE: nothing here imports Conform at run time: pages whose only form is a button (support, RSVP,
// sign out) load these without Conform's 10 kB gzip. Fields wired to Conform are in conform-fields.tsx.

export type FieldErrors = string[] | undefined;

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

/** A field's hint, the target of its aria-describedby. */
export function Hint({ id, hint }: { id: string | undefined; hint: ReactNode }) {
  if (!hint) return null;
  return (
    <p id={id} className="field__hint">
      {hint}
    </p>
  );
}

type FieldProps = {
  label: string;
  hint?: string;
  errors?: FieldErrors;
  inputProps: InputHTMLAttributes<HTMLInputElement> & { id?: string; name: string };
};

// Addresses and numbers are written left to right in every language: on a right-to-left page their
// fields stay left to right, so "name@example.org" does not come out as "example.org@name".
const LEFT_TO_RIGHT_TYPES = new Set(["email", "tel", "url"]);

/** The writing direction of an input of this type: "ltr" for e-mail, phone and web addresses, else that of the page. */
export function inputDirection(type: string | undefined): "ltr" | undefined {
  return type && LEFT_TO_RIGHT_TYPES.has(type) ? "ltr" : undefined;
}

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
      <input dir={inputDirection(inputProps.type)} {...inputProps} id={id} aria-invalid={errorId ? true : undefined} aria-describedby={described} />
      <ErrorList id={errorId} errors={errors} />
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

/** A field that bots fill and people never see; a filled one marks the submission as spam (kept out of sight by app.css, within the page). */
export function HoneypotField() {
  return (
    <div className="honeypot" aria-hidden="true">
      <label htmlFor="website-field">Website</label>
      <input id="website-field" type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}
