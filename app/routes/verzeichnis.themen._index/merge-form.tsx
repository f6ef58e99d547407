import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { SelectField } from "#app/components/conform-fields";
import { ErrorList, StatusButton } from "#app/components/forms";
import type { MergeTermsSchema } from "#app/modules/taxonomy/taxonomy-schemas";
import type { z } from "zod";

type Choice = { value: string; label: string };

/** Merge one term into another of the same kind; the action refuses a term into itself or across kinds, at the field. */
export function MergeForm({ choices, lastResult }: { choices: Choice[]; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof MergeTermsSchema>>({
    id: "merge-form",
    lastResult,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <input type="hidden" name="intent" value="merge" />
      <SelectField field={fields.sourceId} errors={fields.sourceId.errors} label={t("taxonomy.merge.source")} placeholder={t("taxonomy.merge.placeholder")} options={choices} />
      <SelectField field={fields.targetId} errors={fields.targetId.errors} label={t("taxonomy.merge.target")} placeholder={t("taxonomy.merge.placeholder")} options={choices} />
      <StatusButton className="button button--secondary">{t("taxonomy.merge.submit")}</StatusButton>
    </Form>
  );
}
