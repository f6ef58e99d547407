import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { ChoiceGroup } from "#app/components/choice-group";
import { SelectField, TextareaField } from "#app/components/conform-fields";
import { ErrorList, Field, HoneypotField, StatusButton } from "#app/components/forms";
import { personalDataIn, type PersonalDataSummary } from "./personal-data";
import { ConfirmPersonalData } from "./confirm-personal-data";
import { PostLanguageField } from "./post-language-field";
import { PersonalDataWarning, StatusBadge } from "./topic-parts";
import { newTopicTexts, SIMILAR_QUERY_MIN } from "./topic-rules";
import type { NewTopicSchema } from "./topic-schemas";
import type { z } from "zod";

type SimilarTopic = { id: number; title: string; status: string };

const TRACKED = ["title", "body", "town", "guestName"] as const;
type Tracked = (typeof TRACKED)[number];

/** Existing topics like the one being written: to support one instead of raising it twice. */
function SimilarTopics({ topics }: { topics: SimilarTopic[] }) {
  const { t } = useTranslation();
  if (topics.length === 0) return null;
  return (
    <div className="similar">
      <p className="similar__title">{t("openMic.new.similar", { count: topics.length })}</p>
      <ul className="plain">
        {topics.map((topic) => (
          <li key={topic.id}>
            <Link to={`/open-mic/${topic.id}`} target="_blank" rel="noopener">
              {topic.title}
              <span className="visually-hidden"> {t("openMic.new.opensInNewTab")}</span>
            </Link>{" "}
            <StatusBadge status={topic.status} />
          </li>
        ))}
      </ul>
    </div>
  );
}

type Props = {
  categories: { slug: string; label: string }[];
  member: { name: string } | null;
  formToken: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
  personalData: PersonalDataSummary | null;
  similar: SimilarTopic[];
};

/**
 * Raising a topic. With JavaScript, similar topics are looked up while the title is typed and the
 * text is checked for personal data as it is written; without, the server does both when the form
 * comes back. Everything typed stays in the form.
 */
export function NewTopicForm({ categories, member, formToken, lastResult, personalData, similar }: Props) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof NewTopicSchema>>({
    id: "new-topic",
    lastResult,
    defaultValue: { postAs: "name" },
  });
  const initial = (lastResult?.initialValue ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const [typed, setTyped] = useState({ title: text(initial.title), body: text(initial.body), town: text(initial.town), guestName: text(initial.guestName) });
  const [edited, setEdited] = useState(false);
  const similarFetcher = useFetcher<{ topics: SimilarTopic[] }>();
  const { load } = similarFetcher;
  const title = typed.title.trim();
  useEffect(() => {
    if (!edited || title.length < SIMILAR_QUERY_MIN) return;
    const timer = setTimeout(() => load(`/open-mic/aehnliche?q=${encodeURIComponent(title)}`), 350);
    return () => clearTimeout(timer);
  }, [edited, title, load]);
  // While typing (JavaScript only) the same check as the server's, so the warning comes early.
  const live = useMemo(() => (edited ? personalDataIn(newTopicTexts(typed, !member)) : []), [edited, typed, member]);
  const warning = edited ? live : (personalData ?? []);
  const shownSimilar = title.length < SIMILAR_QUERY_MIN ? [] : (similarFetcher.data?.topics ?? similar);
  // The texts that are published (and checked for personal data) are followed as they are typed.
  const track = (event: FormEvent<HTMLFormElement>) => {
    const { name, value } = event.target as HTMLInputElement;
    if (!TRACKED.includes(name as Tracked)) return;
    setEdited(true);
    setTyped((before) => ({ ...before, [name]: value }));
  };
  return (
    <Form method="post" {...getFormProps(form)} onInput={track} className="topic-form">
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <HoneypotField />
      <input type="hidden" name="startedAt" value={formToken} />
      <Field
        label={t("openMic.fields.title")}
        hint={t("openMic.fields.titleHint")}
        errors={fields.title.errors}
        inputProps={{ ...getInputProps(fields.title, { type: "text" }), autoComplete: "off" }}
      />
      <div aria-live="polite">
        <SimilarTopics topics={shownSimilar} />
      </div>
      <SelectField
        field={fields.category}
        errors={fields.category.errors}
        label={t("openMic.fields.category")}
        placeholder={t("openMic.fields.chooseCategory")}
        options={categories.map((category) => ({ value: category.slug, label: category.label }))}
      />
      <TextareaField field={fields.body} errors={fields.body.errors} label={t("openMic.fields.body")} hint={`${t("openMic.fields.bodyHint")} ${t("openMic.markdownHint")}`} rows={10} />
      <PostLanguageField field={fields.language} errors={fields.language.errors} />
      <Field label={t("openMic.fields.town")} hint={t("openMic.fields.townHint")} errors={fields.town.errors} inputProps={getInputProps(fields.town, { type: "text" })} />
      {member ? (
        <>
          <ChoiceGroup
            legend={t("openMic.fields.postAs")}
            field={fields.postAs}
            type="radio"
            options={[
              { value: "name", label: t("openMic.fields.asName", { name: member.name }) },
              { value: "anonym", label: t("openMic.fields.asAnonymous") },
            ]}
          />
          <p className="field__hint topic-form__note">{t("openMic.fields.anonymousHint")}</p>
        </>
      ) : (
        <fieldset className="topic-form__guest">
          <legend>{t("openMic.fields.guestLegend")}</legend>
          <p className="field__hint">{t("openMic.fields.guestIntro")}</p>
          <Field
            label={t("openMic.fields.guestName")}
            hint={t("openMic.fields.guestNameHint")}
            errors={fields.guestName.errors}
            inputProps={{ ...getInputProps(fields.guestName, { type: "text" }), autoComplete: "name" }}
          />
          <Field
            label={t("openMic.fields.guestEmail")}
            hint={t("openMic.fields.guestEmailHint")}
            errors={fields.guestEmail.errors}
            inputProps={{ ...getInputProps(fields.guestEmail, { type: "email" }), autoComplete: "email" }}
          />
        </fieldset>
      )}
      <PersonalDataWarning summary={warning} live={edited}>
        <ConfirmPersonalData field={fields.confirmPersonalData} />
      </PersonalDataWarning>
      <StatusButton>{member ? t("openMic.new.submitMember") : t("openMic.new.submitGuest")}</StatusButton>
    </Form>
  );
}
