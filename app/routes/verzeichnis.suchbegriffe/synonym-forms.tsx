import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { TextareaField } from "#app/components/conform-fields";
import { ErrorList, StatusButton } from "#app/components/forms";
import type { SynonymGroupSchema } from "#app/modules/search-vocabulary/vocabulary-schema";
import type { z } from "zod";

/** A new synonym group. */
export function NewSynonymForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof SynonymGroupSchema>>({
    id: "synonym-new",
    lastResult,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="vocabulary__form">
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <input type="hidden" name="intent" value="create" />
      <TextareaField field={fields.words} errors={fields.words.errors} label={t("searchVocabulary.synonyms.words")} hint={t("searchVocabulary.synonyms.wordsHint")} rows={3} />
      <StatusButton className="button">{t("searchVocabulary.synonyms.add")}</StatusButton>
    </Form>
  );
}

/** A coordinator's group: its words to edit, and a delete button. */
export function SynonymGroupForm({ id, number, words, lastResult }: { id: string; number: number; words: string[]; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof SynonymGroupSchema>>({
    id: `synonym-${id}`,
    lastResult,
    defaultValue: { words: words.join(", ") },
  });
  return (
    <div className="vocabulary__group">
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="id" value={id} />
        <TextareaField field={fields.words} errors={fields.words.errors} label={t("searchVocabulary.synonyms.groupLabel", { number })} rows={2} />
        <StatusButton className="button button--secondary">{t("searchVocabulary.synonyms.save")}</StatusButton>
      </Form>
      <Form method="post">
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="id" value={id} />
        <StatusButton className="button button--secondary">{t("searchVocabulary.synonyms.delete")}</StatusButton>
      </Form>
    </div>
  );
}
