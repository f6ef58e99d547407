import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { TextareaField } from "#app/components/conform-fields";
import { ErrorList, StatusButton } from "#app/components/forms";
import { MarkdownHtml } from "#app/components/markdown-html";
import type { PersonalDataSummary } from "#app/modules/open-mic/personal-data";
import { ConfirmPersonalData } from "#app/modules/open-mic/confirm-personal-data";
import { postLanguageProps } from "#app/modules/open-mic/post-language";
import { PostLanguageField } from "#app/modules/open-mic/post-language-field";
import { PostLanguageNote } from "#app/modules/open-mic/post-language-note";
import { ModerationEdits, PersonalDataWarning, useAuthorName, when } from "#app/modules/open-mic/topic-parts";
import { useRootData } from "#app/utils/misc";
import type { TopicPageData } from "./data.server";
import { FlagControl } from "./flag-form";
import type { LastResult } from "./topic-forms";
import type { EditReplySchema } from "#app/modules/open-mic/topic-schemas";
import type { z } from "zod";

type ReplyView = TopicPageData["replies"][number];

function EditReplyForm({
  topicId,
  replyId,
  body,
  language,
  lastResult,
  personalData,
}: {
  topicId: number;
  replyId: string;
  body: string;
  language: string;
  lastResult: LastResult;
  personalData: PersonalDataSummary | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof EditReplySchema>>({
    id: `edit-${replyId}`,
    lastResult,
    defaultValue: { body, language },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="topic-form">
      <input type="hidden" name="intent" value="edit-reply" />
      <input type="hidden" name="replyId" value={replyId} />
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <TextareaField field={fields.body} errors={fields.body.errors} label={t("openMic.edit.replyLabel")} hint={t("openMic.markdownHint")} rows={6} />
      <PostLanguageField field={fields.language} errors={fields.language.errors} />
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
          {reply.body !== null ? <PostLanguageNote language={reply.language} /> : null}
        </p>
      </header>
      {reply.hidden?.held ? (
        <p className="post__hidden-notice">{t(coordinator ? "posting.held.replyForCoordinators" : reply.hidden.own ? "posting.held.replyForAuthor" : "posting.held.reply")}</p>
      ) : reply.hidden ? (
        <p className="post__hidden-notice">
          {coordinator ? t("openMic.hidden.replyForCoordinators") : t("openMic.hidden.reply")} {reply.hidden.reason ? t("openMic.hidden.reason", { reason: reply.hidden.reason }) : null}
        </p>
      ) : null}
      {editing ? (
        <EditReplyForm topicId={topicId} replyId={reply.id} body={reply.body ?? ""} language={reply.language ?? lang} lastResult={editResult} personalData={editPersonalData} />
      ) : reply.bodyHtml !== null ? (
        <div className={reply.hidden ? "post__body post__body--hidden" : "post__body"} {...postLanguageProps(reply.language, lang)}>
          <MarkdownHtml html={reply.bodyHtml} />
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
          {canFlag && !reply.hidden ? <FlagControl replyId={reply.id} what={t("openMic.reply.of", { name: author })} flagged={flagged} lastResult={flagResult} /> : null}
        </div>
      ) : null}
    </article>
  );
}
