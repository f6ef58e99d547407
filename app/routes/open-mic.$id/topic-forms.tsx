import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ChoiceGroup } from "#app/components/choice-group";
import { TextareaField } from "#app/components/conform-fields";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import type { PersonalDataSummary } from "#app/modules/open-mic/personal-data";
import { ConfirmPersonalData } from "#app/modules/open-mic/confirm-personal-data";
import { PostLanguageField } from "#app/modules/open-mic/post-language-field";
import { PersonalDataWarning } from "#app/modules/open-mic/topic-parts";
import type { EditTopicSchema } from "#app/modules/open-mic/topic-schemas";
import type { ReplySchema } from "#app/modules/open-mic/topic-schemas";
import type { z } from "zod";

export type LastResult = SubmissionResult<string[]> | null | undefined;

/** A reply: by name, as "anonym" or in a partner's name; the author of an anonymous topic only as "anonym". */
export function ReplyForm({
  partners,
  anonymousAuthor,
  lastResult,
  personalData,
}: {
  partners: { id: string; name: string }[];
  anonymousAuthor: boolean;
  lastResult: LastResult;
  personalData: PersonalDataSummary | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof ReplySchema>>({
    id: "reply",
    lastResult,
    defaultValue: { postAs: anonymousAuthor ? "anonym" : "name" },
  });
  const options = [
    ...(anonymousAuthor ? [] : [{ value: "name", label: t("openMic.reply.asName") }]),
    { value: "anonym", label: t("openMic.reply.asAnonymous") },
    // The author of an anonymous topic answers in no partner's name there: it would give them away.
    ...(anonymousAuthor ? [] : partners).map((partner) => ({ value: partner.id, label: t("openMic.reply.asPartner", { name: partner.name }) })),
  ];
  return (
    <Form method="post" {...getFormProps(form)} className="topic-form">
      <input type="hidden" name="intent" value="reply" />
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <TextareaField field={fields.body} errors={fields.body.errors} label={t("openMic.reply.label")} hint={t("openMic.markdownHint")} rows={6} />
      <PostLanguageField field={fields.language} errors={fields.language.errors} />
      <ChoiceGroup legend={t("openMic.reply.as")} field={fields.postAs} type="radio" options={options} />
      {anonymousAuthor ? <p className="field__hint topic-form__note">{t("openMic.reply.anonymousAuthorHint")}</p> : null}
      <PersonalDataWarning summary={personalData ?? []} live={false}>
        <ConfirmPersonalData field={fields.confirmPersonalData} />
      </PersonalDataWarning>
      <StatusButton>{t("openMic.reply.submit")}</StatusButton>
    </Form>
  );
}

/** The author's correction of their topic, while nobody has answered it; its language may change too. */
export function EditTopicForm({
  topicId,
  title,
  body,
  language,
  lastResult,
  personalData,
}: {
  topicId: number;
  title: string;
  body: string;
  language: string;
  lastResult: LastResult;
  personalData: PersonalDataSummary | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof EditTopicSchema>>({
    id: "edit-topic",
    lastResult,
    defaultValue: { title, body, language },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="topic-form">
      <input type="hidden" name="intent" value="edit-topic" />
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <Field label={t("openMic.fields.title")} errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: "text" })} />
      <TextareaField field={fields.body} errors={fields.body.errors} label={t("openMic.fields.body")} hint={t("openMic.markdownHint")} rows={10} />
      <PostLanguageField field={fields.language} errors={fields.language.errors} />
      <PersonalDataWarning summary={personalData ?? []} live={false}>
        <ConfirmPersonalData field={fields.confirmPersonalData} />
      </PersonalDataWarning>
      <div className="topic-form__actions">
        <StatusButton>{t("openMic.edit.save")}</StatusButton>
        <Link to={`/open-mic/${topicId}`}>{t("openMic.edit.cancel")}</Link>
      </div>
    </Form>
  );
}
