import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { TextareaField } from "#app/components/conform-fields";
import { ErrorList, StatusButton } from "#app/components/forms";
import { formatDate, useOptionalUser, useRootData } from "#app/utils/misc";
import type { SuggestionSchema } from "./suggestion-schema";
import type { z } from "zod";

type SuggestionAnswer = { result: SubmissionResult<string[]>; sent: boolean } | undefined;

/**
 * "Änderung vorschlagen" on an entry's page (service or partner): a form for signed-in members, a
 * sign-in link back to `pagePath` for guests. Posts to the page's own action, works without JavaScript.
 */
export function SuggestChange({ answer, pagePath }: { answer: SuggestionAnswer; pagePath: string }) {
  const user = useOptionalUser();
  const { t } = useTranslation();
  if (!user) {
    return (
      <p className="no-print">
        <Link to={`/anmelden?redirectTo=${encodeURIComponent(pagePath)}`}>{t("directory.suggest.signIn")}</Link>
      </p>
    );
  }
  return <SuggestionForm answer={answer} />;
}

function SuggestionForm({ answer }: { answer: SuggestionAnswer }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof SuggestionSchema>>({
    id: "suggest",
    lastResult: answer?.result,
    // NOTE: an error that vanished only on blur would move the button away under the pointer.
  });
  return (
    <section aria-labelledby="suggest-heading" className="no-print suggest">
      <h2 id="suggest-heading">{t("directory.suggest.title")}</h2>
      {answer?.sent ? <p role="status">{t("directory.suggest.thanks")}</p> : null}
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <input type="hidden" name="intent" value="suggest" />
        <TextareaField field={fields.message} errors={fields.message.errors} label={t("directory.suggest.label")} hint={t("directory.suggest.hint")} rows={4} />
        <StatusButton>{t("directory.suggest.submit")}</StatusButton>
      </Form>
    </section>
  );
}

type OpenSuggestion = { id: string; message: string; createdAt: string; author: string | null };

/** The open suggestions on an edit page, each with "Erledigt" and "Ablehnen" (posted to the page's action). */
export function OpenSuggestions({ suggestions }: { suggestions: OpenSuggestion[] }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  if (suggestions.length === 0) return null;
  return (
    <section aria-labelledby="suggestions-heading" className="notice">
      <h2 id="suggestions-heading">{t("directory.suggest.open", { count: suggestions.length })}</h2>
      <ul className="plain">
        {suggestions.map((suggestion) => (
          <li key={suggestion.id} className="suggestion">
            <p>
              {suggestion.message}
              <br />
              <small>
                {suggestion.author ?? t("directory.suggest.unknownAuthor")}, {formatDate(lang, suggestion.createdAt)}
              </small>
            </p>
            <Form method="post" className="suggestion__actions">
              <input type="hidden" name="suggestionId" value={suggestion.id} />
              <StatusButton name="intent" value="suggestion-done" className="button button--secondary">
                {t("directory.suggest.done")}
              </StatusButton>
              <StatusButton name="intent" value="suggestion-declined" className="button button--secondary">
                {t("directory.suggest.decline")}
              </StatusButton>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
