import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { SelectField } from "#app/components/conform-fields";
import { ErrorList, StatusButton } from "#app/components/forms";
import { TermLabelFields } from "#app/modules/taxonomy/term-label-fields";
import type { LanguageOption } from "#app/utils/i18n";
import { taxonomyKinds } from "#db/schema/directory-enums";
import type { addTermSchema } from "#app/modules/taxonomy/taxonomy-schemas";
import type { z } from "zod";

/** A new category or target group, with a label field for every UI language. */
export function AddTermForm({ languages, lastResult }: { languages: LanguageOption[]; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<ReturnType<typeof addTermSchema>>>({
    id: "add-term-form",
    lastResult,
    defaultValue: { kind: "category" },
  });
  const labelFields = fields.labels.getFieldset();
  const labelErrors = Object.fromEntries(languages.map((language) => [language.code, labelFields[language.code]?.errors]));
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <input type="hidden" name="intent" value="add" />
      <SelectField field={fields.kind} errors={fields.kind.errors} label={t("taxonomy.add.kind")} options={taxonomyKinds.map((kind) => ({ value: kind, label: t(`taxonomy.kinds.${kind}`) }))} />
      <TermLabelFields languages={languages} fields={labelFields} errors={labelErrors} />
      <StatusButton>{t("taxonomy.add.submit")}</StatusButton>
    </Form>
  );
}
