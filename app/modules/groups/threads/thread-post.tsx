import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import type { MouseEvent } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { TextareaField } from "#app/components/conform-fields";
import { ErrorList, StatusButton } from "#app/components/forms";
import { MarkdownHtml, type RenderedMarkdown } from "#app/components/markdown-html";
import { formatDate, useRootData } from "#app/utils/misc";
import type { EditPostSchema } from "./thread-schemas";
import type { HidePostSchema } from "./thread-schemas";
import type { z } from "zod";

export type ThreadPostView = {
  id: string;
  authorName: string | null;
  authorHandle: string | null;
  body: string | null;
  /** The body as the server rendered it (with the group's mentions), null where the body is not shown. */
  bodyHtml: RenderedMarkdown | null;
  createdAt: string;
  editedAt: string | null;
  canEdit: boolean;
  hidden: { reason: string; at: string; by: string | null } | null;
};

type LastResult = SubmissionResult<string[]> | null | undefined;

const when = (lang: string, value: string) => formatDate(lang, value, { dateStyle: "medium", timeStyle: "short" });

function EditForm({ post, threadUrl, lastResult }: { post: ThreadPostView; threadUrl: string; lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof EditPostSchema>>({
    id: `edit-${post.id}`,
    lastResult,
    defaultValue: { body: post.body ?? "" },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="post__edit">
      <input type="hidden" name="intent" value="edit" />
      <input type="hidden" name="postId" value={post.id} />
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <TextareaField field={fields.body} errors={fields.body.errors} label={t("threads.editLabel")} hint={t("threads.bodyHint")} rows={8} />
      <div className="post__form-actions">
        <StatusButton>{t("threads.save")}</StatusButton>
        <Link to={`${threadUrl}#beitrag-${post.id}`}>{t("threads.cancel")}</Link>
      </div>
    </Form>
  );
}

function HideForm({ post, lastResult }: { post: ThreadPostView; lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof HidePostSchema>>({
    id: `hide-${post.id}`,
    lastResult,
  });
  // Without JavaScript the page comes back with the errors: the form must then be open to show them.
  const failed = Boolean(lastResult && (form.errors?.length || fields.reason.errors?.length));
  return (
    <details className="post__hide" open={failed || undefined}>
      <summary>{t("threads.moderation.hide")}</summary>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="hide" />
        <input type="hidden" name="postId" value={post.id} />
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <TextareaField field={fields.reason} errors={fields.reason.errors} label={t("threads.moderation.hideReason")} hint={t("threads.moderation.hideHint")} rows={2} />
        <StatusButton className="button button--secondary">{t("threads.moderation.hideSubmit")}</StatusButton>
      </Form>
    </details>
  );
}

/** One post of a thread: its author, time and text, with quoting, editing and the coordinators' tools. */
export function ThreadPost({
  post,
  threadUrl,
  editing,
  canQuote,
  moderator,
  editResult,
  hideResult,
  onQuote,
}: {
  post: ThreadPostView;
  threadUrl: string;
  editing: boolean;
  canQuote: boolean;
  moderator: boolean;
  editResult: LastResult;
  hideResult: LastResult;
  onQuote: (post: ThreadPostView, event: MouseEvent<HTMLAnchorElement>) => void;
}) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const author = post.authorName ?? t("threads.formerMember");
  const headingId = `beitrag-${post.id}-heading`;
  return (
    <article id={`beitrag-${post.id}`} className={post.hidden ? "post post--hidden" : "post"} aria-labelledby={headingId}>
      <header className="post__header">
        <h2 id={headingId} className="post__author">
          {author}
        </h2>
        <p className="post__meta">
          {post.authorHandle ? <span>@{post.authorHandle}</span> : null}
          <time dateTime={post.createdAt}>{when(lang, post.createdAt)}</time>
          {post.editedAt ? <span className="post__edited">{t("threads.edited", { date: when(lang, post.editedAt) })}</span> : null}
        </p>
      </header>
      {post.hidden ? (
        <p className="post__hidden-notice">
          {moderator ? t("threads.hiddenForModerators", { name: post.hidden.by ?? t("threads.formerMember"), date: when(lang, post.hidden.at) }) : t("threads.hiddenNotice")}{" "}
          {post.hidden.reason ? t("threads.hiddenReason", { reason: post.hidden.reason }) : null}
        </p>
      ) : null}
      {editing ? (
        <EditForm post={post} threadUrl={threadUrl} lastResult={editResult} />
      ) : post.bodyHtml !== null ? (
        <div className={post.hidden ? "post__body post__body--hidden" : "post__body"}>
          <MarkdownHtml html={post.bodyHtml} />
        </div>
      ) : null}
      {!editing ? (
        <div className="post__tools no-print">
          {canQuote && !post.hidden ? (
            <Link to={`${threadUrl}?zitat=${post.id}#antworten`} onClick={(event) => onQuote(post, event)}>
              {t("threads.quote")}
              <span className="visually-hidden"> {t("threads.postBy", { name: author })}</span>
            </Link>
          ) : null}
          {post.canEdit ? (
            <Link to={`${threadUrl}?bearbeiten=${post.id}#beitrag-${post.id}`}>
              {t("threads.edit")}
              <span className="visually-hidden"> {t("threads.postBy", { name: author })}</span>
            </Link>
          ) : null}
          {moderator && post.hidden ? (
            <Form method="post" className="post__unhide">
              <input type="hidden" name="intent" value="unhide" />
              <input type="hidden" name="postId" value={post.id} />
              <StatusButton className="link-button">{t("threads.moderation.unhide")}</StatusButton>
            </Form>
          ) : null}
          {moderator && !post.hidden ? <HideForm post={post} lastResult={hideResult} /> : null}
        </div>
      ) : null}
    </article>
  );
}
