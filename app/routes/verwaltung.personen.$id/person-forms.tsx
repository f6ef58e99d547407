import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { TextareaField } from "#app/components/conform-fields";
import { ErrorList, StatusButton } from "#app/components/forms";
import { userRoles, type UserRole } from "#db/schema/user-enums";
import type { PersonFormAnswer } from "./data.server";
import type { RoleSchema } from "#app/modules/admin/admin-schemas";
import type { z } from "zod";

type LastResult = SubmissionResult<string[]> | undefined;
type PersonFormName = NonNullable<PersonFormAnswer>["form"];

/** The action's answer if it was for this form: only that form shows the errors. */
export const resultFor = (answer: PersonFormAnswer, form: PersonFormName): LastResult => (answer?.form === form ? answer.result : undefined);

/**
 * A form of a person's page that carries a reason for the admin log (a textarea, so that Enter in it
 * never sends the form): optional, or required for a block.
 */
export function ReasonForm({
  intent,
  lastResult,
  reasonLabel,
  reasonHint,
  submitLabel,
  secondary = true,
}: {
  intent: PersonFormName;
  lastResult: LastResult;
  reasonLabel: string;
  reasonHint: string;
  submitLabel: string;
  secondary?: boolean;
}) {
  const [form, fields] = useForm<Record<string, unknown>>({
    id: `${intent}-form`,
    lastResult,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <input type="hidden" name="intent" value={intent} />
      <TextareaField field={fields.reason!} errors={fields.reason!.errors} label={reasonLabel} hint={reasonHint} rows={2} />
      <StatusButton className={secondary ? "button button--secondary" : "button"}>{submitLabel}</StatusButton>
    </Form>
  );
}

/** The site role, for admins: a choice of the three roles and an optional reason. */
export function RoleForm({ role, lastResult }: { role: UserRole; lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof RoleSchema>>({
    id: "role-form",
    lastResult,
    defaultValue: { role },
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <input type="hidden" name="intent" value="role" />
      <div className="field">
        <label htmlFor={fields.role.id}>{t("admin.person.role.label")}</label>
        <select {...getSelectProps(fields.role)} aria-describedby={fields.role.errors?.length ? fields.role.errorId : undefined}>
          {userRoles.map((value) => (
            <option key={value} value={value}>
              {t(`admin.roles.${value}`)}
            </option>
          ))}
        </select>
        <ErrorList id={fields.role.errorId} errors={fields.role.errors} />
      </div>
      <TextareaField field={fields.reason} errors={fields.reason.errors} label={t("admin.person.reason")} hint={t("admin.person.reasonHint")} rows={2} />
      <StatusButton>{t("admin.person.role.submit")}</StatusButton>
    </Form>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="admin-section">
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}
