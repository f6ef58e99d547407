import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup } from "#app/components/choice-group";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { Markdown } from "#app/components/markdown";
import { TextareaField } from "#app/components/forms";
import { useRootData } from "#app/utils/misc";
import type { PersonalDataSummary } from "./personal-data";
import { ModerationEdits, PersonalDataWarning, useAuthorName, when, type AuthorView } from "./topic-parts";
import { EditReplySchema, EditTopicSchema, FlagSchema, ReplySchema } from "./topic-schemas";
import { flagReasons } from "#db/schema/open-mic-enums";

type LastResult = SubmissionResult<string[]> | null | undefined;

/** The "publish anyway" box under the personal-data warning. */
export function ConfirmPersonalData({ field }: { field: FieldMetadata<unknown> }) {
  const { t } = useTranslation();
  return (
    <div className="field field--checkbox">
      <input {...getInputProps(field, { type: "checkbox" })} />
      <label htmlFor={field.id}>{t("openMic.personalData.confirm")}</label>
    </div>
  );
}

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
  const [form, fields] = useForm({
    id: "reply",
    lastResult,
    defaultValue: { postAs: anonymousAuthor ? "anonym" : "name" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplySchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
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
      <TextareaField field={fields.body} label={t("openMic.reply.label")} hint={t("openMic.markdownHint")} rows={6} />
      <ChoiceGroup legend={t("openMic.reply.as")} field={fields.postAs} type="radio" options={options} />
      {anonymousAuthor ? <p className="field__hint topic-form__note">{t("openMic.reply.anonymousAuthorHint")}</p> : null}
      <PersonalDataWarning summary={personalData ?? []} live={false}>
        <ConfirmPersonalData field={fields.confirmPersonalData} />
      </PersonalDataWarning>
      <StatusButton>{t("openMic.reply.submit")}</StatusButton>
    </Form>
  );
}

export function EditTopicForm({ topicId, title, body, lastResult, personalData }: { topicId: number; title: string; body: string; lastResult: LastResult; personalData: PersonalDataSummary | null }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "edit-topic",
    lastResult,
    defaultValue: { title, body },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditTopicSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="topic-form">
      <input type="hidden" name="intent" value="edit-topic" />
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <Field label={t("openMic.fields.title")} errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: "text" })} />
      <TextareaField field={fields.body} label={t("openMic.fields.body")} hint={t("openMic.markdownHint")} rows={10} />
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

function EditReplyForm({ topicId, replyId, body, lastResult, personalData }: { topicId: number; replyId: string; body: string; lastResult: LastResult; personalData: PersonalDataSummary | null }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `edit-${replyId}`,
    lastResult,
    defaultValue: { body },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditReplySchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="topic-form">
      <input type="hidden" name="intent" value="edit-reply" />
      <input type="hidden" name="replyId" value={replyId} />
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <TextareaField field={fields.body} label={t("openMic.edit.replyLabel")} hint={t("openMic.markdownHint")} rows={6} />
      <PersonalDataWarning summary={personalData ?? []} live={false}>
        <ConfirmPersonalData field={fields.confirmPersonalData} />
      </PersonalDataWarning>
      <div className="topic-form__actions">
        <StatusButton>{t("openMic.edit.save")}</StatusButton>
        <Link to={`/open-mic/${topicId}#antwort-${replyId}`}>{t("openMic.edit.cancel")}</Link>
      </div>
    </Form>
  );
}

/** "Melden": a reason and an optional note, for a topic or one reply. Open again after an error. */
export function FlagForm({ replyId, what, lastResult }: { replyId: string | null; what: string; lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `flag-${replyId ?? "topic"}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FlagSchema }),
    shouldValidate: "onSubmit",
  });
  const failed = Boolean(lastResult && (form.errors?.length || fields.reason.errors?.length || fields.note.errors?.length));
  return (
    <details className="flag" open={failed || undefined}>
      <summary>
        {t("openMic.flag.open")}
        <span className="visually-hidden"> {what}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="flag__form">
        <input type="hidden" name="intent" value="flag" />
        {replyId ? <input type="hidden" name="replyId" value={replyId} /> : null}
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <ChoiceGroup legend={t("openMic.flag.reason")} field={fields.reason} type="radio" options={flagReasons.map((reason) => ({ value: reason, label: t(`openMic.flag.reasons.${reason}`) }))} />
        <TextareaField field={fields.note} label={t("openMic.flag.note")} rows={2} />
        <StatusButton className="button button--secondary">{t("openMic.flag.submit")}</StatusButton>
      </Form>
    </details>
  );
}

export type ReplyView = {
  id: string;
  /** Null for a partner's reply (the person is named to coordinators only) and for a hidden reply. */
  author: AuthorView | null;
  partner: { name: string; slug: string } | null;
  body: string | null;
  hidden: { reason: string } | null;
  /** Null for a hidden reply seen by anyone but a coordinator. */
  createdAt: string | null;
  editedAt: string | null;
  moderated: { at: string; changes: { previousTitle: string | null; previousBody: string | null; reason: string; createdAt: string }[] | null } | null;
  canEdit: boolean;
};

/** One reply: its author (or partner), time and text, with editing and flagging. */
export function TopicReply({
  reply,
  topicId,
  editing,
  canFlag,
  flagged,
  coordinator,
  editResult,
  editPersonalData,
  flagResult,
}: {
  reply: ReplyView;
  topicId: number;
  editing: boolean;
  canFlag: boolean;
  flagged: boolean;
  coordinator: boolean;
  editResult: LastResult;
  editPersonalData: PersonalDataSummary | null;
  flagResult: LastResult;
}) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const authorName = useAuthorName();
  const author = reply.partner ? t("openMic.reply.fromPartner", { name: reply.partner.name }) : reply.author ? authorName(reply.author) : t("openMic.hidden.replyHeading");
  const headingId = `antwort-${reply.id}-heading`;
  return (
    <article id={`antwort-${reply.id}`} className={reply.hidden ? "post post--hidden" : "post"} aria-labelledby={headingId}>
      <header className="post__header">
        <h3 id={headingId} className="post__author">
          {reply.partner ? <Link to={`/verzeichnis/partner/${reply.partner.slug}`}>{author}</Link> : author}
        </h3>
        <p className="post__meta">
          {reply.partner && coordinator && reply.author ? <span>{t("openMic.reply.partnerWrittenBy", { name: authorName(reply.author) })}</span> : null}
          {reply.createdAt ? <time dateTime={reply.createdAt}>{when(lang, reply.createdAt)}</time> : null}
          {reply.editedAt ? <span className="post__edited">{t("openMic.edited", { date: when(lang, reply.editedAt) })}</span> : null}
        </p>
      </header>
      {reply.hidden ? (
        <p className="post__hidden-notice">
          {coordinator ? t("openMic.hidden.replyForCoordinators") : t("openMic.hidden.reply")} {reply.hidden.reason ? t("openMic.hidden.reason", { reason: reply.hidden.reason }) : null}
        </p>
      ) : null}
      {editing ? (
        <EditReplyForm topicId={topicId} replyId={reply.id} body={reply.body ?? ""} lastResult={editResult} personalData={editPersonalData} />
      ) : reply.body !== null ? (
        <div className={reply.hidden ? "post__body post__body--hidden" : "post__body"}>
          <Markdown source={reply.body} />
        </div>
      ) : null}
      <ModerationEdits moderated={reply.moderated} />
      {!editing ? (
        <div className="post__tools no-print">
          {reply.canEdit ? (
            <Link to={`/open-mic/${topicId}?bearbeiten=${reply.id}#antwort-${reply.id}`}>
              {t("openMic.edit.link")}
              <span className="visually-hidden"> {t("openMic.reply.of", { name: author })}</span>
            </Link>
          ) : null}
          {canFlag && !reply.hidden ? (
            flagged ? (
              <p className="flag__done">{t("openMic.flag.done")}</p>
            ) : (
              <FlagForm replyId={reply.id} what={t("openMic.reply.of", { name: author })} lastResult={flagResult} />
            )
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
