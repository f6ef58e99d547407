import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import type { z } from "zod";
import { useTranslation } from "#app/utils/use-translation";
import { TextareaField } from "#app/components/conform-fields";
import { ErrorList, Field, HoneypotField, StatusButton } from "#app/components/forms";
import type { FeedbackSchema } from "./feedback-schema";

export type FeedbackDefaults = { pageUrl: string; name: string; email: string };

type Props = {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaults: FeedbackDefaults;
  retentionDays: number;
};

/**
 * The statement's feedback form. Only the message is required; the page is filled in with the page
 * the visitor came from, name and address with a member's own. Posts without JavaScript too.
 */
export function FeedbackForm({ lastResult, defaults, retentionDays }: Props) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof FeedbackSchema>>({ id: "a11y-feedback", lastResult, defaultValue: defaults });
  return (
    <Form method="post" {...getFormProps(form)} className="feedback-form">
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <HoneypotField />
      <TextareaField field={fields.message} errors={fields.message.errors} label={t("accessibility.feedback.message")} hint={t("accessibility.feedback.messageHint")} rows={8} />
      <Field
        label={t("accessibility.feedback.page")}
        hint={t("accessibility.feedback.pageHint")}
        errors={fields.pageUrl.errors}
        inputProps={{ ...getInputProps(fields.pageUrl, { type: "text" }), inputMode: "url", autoComplete: "off", dir: "ltr" }}
      />
      <Field label={t("accessibility.feedback.name")} errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }} />
      <Field
        label={t("accessibility.feedback.email")}
        hint={t("accessibility.feedback.emailHint")}
        errors={fields.email.errors}
        inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email", dir: "ltr" }}
      />
      <p className="field__hint">
        {t("accessibility.feedback.privacy", { days: retentionDays })} <Link to="/datenschutz">{t("accessibility.feedback.privacyLink")}</Link>
      </p>
      <StatusButton>{t("accessibility.feedback.submit")}</StatusButton>
    </Form>
  );
}
