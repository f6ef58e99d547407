import { useNavigation } from "@remix-run/react";
import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

type FieldErrors = string[] | undefined;

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
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input {...inputProps} id={id} aria-invalid={errorId ? true : undefined} aria-describedby={describedBy} />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

/** A submit button that says so while its form is on its way. */
export function StatusButton({ children, name, value, className }: { children: ReactNode; name?: string; value?: string; className?: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting";
  return (
    <button type="submit" name={name} value={value} className={className ?? "button"} aria-disabled={pending || undefined}>
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
