import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { CheckboxField } from "#app/components/conform-fields";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import type { DeleteOwnAccountSchema } from "#app/modules/privacy/privacy-schemas";
import type { z } from "zod";

const EFFECTS = ["sessions", "profile", "memberships", "search", "posts"] as const;

/** What deleting the account does, then the form: the password again, "delete my posts too", and a confirmation. */
export function DeletionSection({ lastAdmin, lastResult }: { lastAdmin: boolean; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof DeleteOwnAccountSchema>>({
    id: "delete-form",
    lastResult,
  });
  // The server never sends a password back; with JavaScript the typed one is emptied too, so both ways behave alike.
  const passwordId = fields.currentPassword.id;
  useEffect(() => {
    const input = document.getElementById(passwordId);
    if (lastResult && input instanceof HTMLInputElement) input.value = "";
  }, [lastResult, passwordId]);
  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">{t("privacy.deletion.heading")}</h2>
      <p>{t("privacy.deletion.intro")}</p>
      <ul>
        {EFFECTS.map((effect) => (
          <li key={effect}>{t(`privacy.deletion.effects.${effect}`)}</li>
        ))}
      </ul>
      {lastAdmin ? (
        <p className="notice">{t("privacy.deletion.lastAdmin")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} announce />
          <input type="hidden" name="intent" value="delete" />
          <CheckboxField field={fields.deletePosts} errors={fields.deletePosts.errors} label={t("privacy.deletion.postsOption")} hint={t("privacy.deletion.postsHint")} />
          <Field
            label={t("privacy.deletion.password")}
            errors={fields.currentPassword.errors}
            inputProps={{ ...getInputProps(fields.currentPassword, { type: "password" }), autoComplete: "current-password" }}
          />
          <CheckboxField field={fields.confirm} errors={fields.confirm.errors} label={t("privacy.deletion.confirm")} />
          <StatusButton>{t("privacy.deletion.submit")}</StatusButton>
        </Form>
      )}
    </section>
  );
}
