import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import type { TermKeywords } from "#app/modules/search-vocabulary/vocabulary.server";
import type { TermKeywordsSchema } from "#app/modules/search-vocabulary/vocabulary-schema";
import type { z } from "zod";

/** One term's extra search words: a line with its own save button. */
export function TermKeywordsForm({ term, lastResult }: { term: TermKeywords; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof TermKeywordsSchema>>({
    id: `term-${term.id}`,
    lastResult,
    defaultValue: { termId: term.id, keywords: term.keywords.join(", ") },
  });
  const label = `${t("searchVocabulary.keywords.label", { term: term.label })}${term.retired ? ` ${t("searchVocabulary.keywords.retired")}` : ""}`;
  return (
    <Form method="post" {...getFormProps(form)} className="vocabulary__term">
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <input type="hidden" name="intent" value="keywords" />
      <input {...getInputProps(fields.termId, { type: "hidden" })} />
      <Field label={label} errors={fields.keywords.errors} inputProps={{ ...getInputProps(fields.keywords, { type: "text" }), maxLength: 5000 }} />
      <StatusButton className="button button--secondary">{t("searchVocabulary.keywords.save")}</StatusButton>
    </Form>
  );
}
