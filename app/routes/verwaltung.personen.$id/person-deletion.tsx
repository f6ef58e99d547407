import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { CheckboxField, TextareaField } from "#app/components/conform-fields";
import { ErrorList, StatusButton } from "#app/components/forms";
import type { DeleteAccountAsAdminSchema } from "#app/modules/privacy/privacy-schemas";
import type { z } from "zod";

/** "Konto löschen" on a person's page: for admins, with a reason and a confirmation; never one's own account here. */
export function PersonDeletion({ self, manages, lastResult }: { self: boolean; manages: boolean; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof DeleteAccountAsAdminSchema>>({
    id: "delete-form",
    lastResult,
  });
  if (!manages) return <p>{t("privacy.deletion.adminReadOnly")}</p>;
  if (self) {
    return (
      <p>
        {t("privacy.deletion.adminSelf")} <Link to="/konto/daten">{t("privacy.page.title")}</Link>
      </p>
    );
  }
  return (
    <>
      <p>{t("privacy.deletion.adminIntro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <input type="hidden" name="intent" value="delete" />
        <TextareaField field={fields.reason} errors={fields.reason.errors} label={t("privacy.deletion.adminReason")} hint={t("privacy.deletion.adminReasonHint")} rows={2} />
        <CheckboxField field={fields.deletePosts} errors={fields.deletePosts.errors} label={t("privacy.deletion.adminPostsOption")} />
        <CheckboxField field={fields.confirm} errors={fields.confirm.errors} label={t("privacy.deletion.adminConfirm")} />
        <StatusButton>{t("privacy.deletion.adminSubmit")}</StatusButton>
      </Form>
    </>
  );
}
