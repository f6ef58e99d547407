import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, StatusButton, TextareaField } from "#app/components/forms";
import { ReplySchema } from "#app/modules/groups/threads/thread-schemas";

/** The reply box under a thread; a quote (from ?zitat=) comes in as its first text. */
export function ReplyForm({ defaultBody, lastResult }: { defaultBody: string; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "reply",
    lastResult,
    defaultValue: { body: defaultBody },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplySchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="reply" />
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <TextareaField field={fields.body} errors={fields.body.errors} label={t("threads.replyLabel")} hint={t("threads.bodyHint")} rows={6} />
      <StatusButton>{t("threads.replySubmit")}</StatusButton>
    </Form>
  );
}
