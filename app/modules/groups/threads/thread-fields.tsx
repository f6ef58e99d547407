import { getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { ErrorList } from "#app/components/forms";

/** A labelled textarea whose hint and errors are tied to it, for posts and reasons. */
export function TextareaField({ field, label, hint, rows = 6 }: { field: FieldMetadata<string | undefined>; label: string; hint?: string; rows?: number }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <textarea {...getTextareaProps(field, { ariaDescribedBy: hintId })} rows={rows} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
