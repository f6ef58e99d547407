import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { CheckboxField } from "#app/components/conform-fields";
import { ErrorList, StatusButton } from "#app/components/forms";
import type { SettingsSchema } from "#app/modules/invitations/invitation-schemas";
import type { z } from "zod";

/** Registration by invitation only: a form for admins, the current value for coordinators. */
export function SettingsForm({ invitationOnly, changes, lastResult }: { invitationOnly: boolean; changes: boolean; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof SettingsSchema>>({
    id: "settings-form",
    lastResult,
    defaultValue: { invitationOnly: invitationOnly ? "on" : undefined },
  });
  const current = <p>{invitationOnly ? t("invitations.settings.on") : t("invitations.settings.off")}</p>;
  if (!changes) {
    return (
      <>
        {current}
        <p>{t("invitations.settings.readOnly")}</p>
      </>
    );
  }
  return (
    <>
      {current}
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <input type="hidden" name="intent" value="settings" />
        <CheckboxField field={fields.invitationOnly} errors={fields.invitationOnly.errors} label={t("invitations.settings.invitationOnly")} hint={t("invitations.settings.invitationOnlyHint")} />
        <StatusButton className="button button--secondary">{t("invitations.settings.submit")}</StatusButton>
      </Form>
    </>
  );
}
