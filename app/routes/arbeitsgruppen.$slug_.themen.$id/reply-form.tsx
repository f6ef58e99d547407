import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { TextareaField } from "#app/components/conform-fields";
import { ErrorList, StatusButton } from "#app/components/forms";
import type { ReplySchema } from "#app/modules/groups/threads/thread-schemas";
import type { z } from "zod";

/** The reply box under a thread; a quote (from ?zitat=) comes in as its first text. */
export function ReplyForm({ defaultBody, lastResult }: { defaultBody: string; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof ReplySchema>>({
    id: "reply",
    lastResult,
    defaultValue: { body: defaultBody },
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
