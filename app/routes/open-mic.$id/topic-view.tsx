import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { MarkdownHtml } from "#app/components/markdown-html";
import { postLanguageProps } from "#app/modules/open-mic/post-language";
import { PostLanguageNote } from "#app/modules/open-mic/post-language-note";
import { ModerationEdits, OfficialAnswer, StatusBadge, StatusHistory, useAuthorName, when } from "#app/modules/open-mic/topic-parts";
import { formatDate, useRootData } from "#app/utils/misc";
import type { action, FormName, TopicPageData } from "./data.server";
import { FlagControl } from "./flag-form";
import { SupportSection } from "./support-section";
import { EditTopicForm, ReplyForm } from "./topic-forms";
import { TopicReply } from "./topic-reply";

/** The topic's page: its text (or the author's edit form), the answer, routing, support, history and replies. */
export function TopicPage({ data }: { data: TopicPageData }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const authorName = useAuthorName();
  const actionData = useActionData<typeof action>();
  const { topic, answer: official, history, routing, replies, supporters, viewer, editingTopic, editingReply } = data;
  const here = `/open-mic/${topic.id}`;
  const answerFor = (form: FormName, itemId: string | null = null) => (actionData && actionData.form === form && actionData.itemId === itemId ? actionData : undefined);
  const resultFor = (form: FormName, itemId: string | null = null) => answerFor(form, itemId)?.result;
  const personalDataFor = (form: FormName, itemId: string | null = null) => answerFor(form, itemId)?.personalData ?? null;
  const visibleReplies = replies.filter((reply) => !reply.hidden).length;
  const flagged = new Set(viewer.flagged);
  // The topic's text in another language than the page's is marked with it (screen readers, direction).
  const textLanguage = postLanguageProps(topic.language, lang);
  return (
    <div className="page topic">
      <p className="entry__kind">
        <Link to="/open-mic">{t("openMic.backToList")}</Link>
      </p>
      {topic.moderation?.awaitingApproval ? <p className="notice">{t("openMic.moderation.awaitingApproval")}</p> : null}
      {topic.moderation?.hidden?.held ? (
        <p className="notice">{t("posting.held.topicForCoordinators")}</p>
      ) : topic.moderation?.hidden ? (
        <p className="notice">
          {t("openMic.hidden.topicForCoordinators", { name: topic.moderation.hidden.by ?? t("openMic.answer.coordination") })}{" "}
          {topic.moderation.hidden.reason ? t("openMic.hidden.reason", { reason: topic.moderation.hidden.reason }) : null}
        </p>
      ) : topic.held ? (
        <p className="notice">{t("posting.held.topicForAuthor")}</p>
      ) : null}
      {topic.moderation?.mergedIntoId ? (
        <p className="notice">
          {t("openMic.moderation.merged")} <Link to={`/open-mic/${topic.moderation.mergedIntoId}`}>{t("openMic.topicNumber", { id: topic.moderation.mergedIntoId })}</Link>
        </p>
      ) : null}
      {editingTopic ? (
        <>
          <h1>{t("openMic.edit.topicTitle")}</h1>
          <EditTopicForm topicId={topic.id} title={topic.title} body={topic.body} language={topic.language} lastResult={resultFor("edit-topic")} personalData={personalDataFor("edit-topic")} />
        </>
      ) : (
        <>
          <h1 {...textLanguage}>{topic.title}</h1>
          <p className="topic__meta">
            <StatusBadge status={topic.status} />
            <span>{t("openMic.topicNumber", { id: topic.id })}</span>
            {topic.category ? <Link to={`/open-mic?thema=${topic.category.slug}`}>{topic.category.label}</Link> : null}
            {topic.town ? <span>{topic.town}</span> : null}
            <span>{t("openMic.by", { name: authorName(topic.author) })}</span>
            <time dateTime={topic.createdAt}>{when(lang, topic.createdAt)}</time>
            {topic.editedAt ? <span className="post__edited">{t("openMic.edited", { date: when(lang, topic.editedAt) })}</span> : null}
            <PostLanguageNote language={topic.language} />
          </p>
        </>
      )}
      {viewer.coordinator ? (
        <nav aria-label={t("openMic.coordination.label")} className="topic__coordination no-print">
          <Link to={`${here}/status`}>{t("openMic.coordination.status")}</Link>
          <Link to={`${here}/moderieren`}>{t("openMic.coordination.moderate")}</Link>
        </nav>
      ) : null}
      {topic.locked ? <p className="notice">{t("openMic.locked")}</p> : null}
      {official ? <OfficialAnswer answer={official} /> : null}
      {routing ? (
        <p className="topic__routing">
          {routing.group ? (
            <>
              {t("openMic.routing.to")} <Link to={`/arbeitsgruppen/${routing.group.slug}`}>{routing.group.name}</Link>
            </>
          ) : (
            t("openMic.routing.toSomeGroup")
          )}
          {routing.taskUrl ? (
            <>
              {" · "}
              <Link to={routing.taskUrl}>{t("openMic.routing.task")}</Link>
            </>
          ) : null}
          {routing.nextReviewAt ? ` · ${t("openMic.routing.nextReview", { date: formatDate(lang, `${routing.nextReviewAt}T12:00:00Z`) })}` : null}
        </p>
      ) : null}
      {!editingTopic ? (
        <section aria-labelledby="anliegen-heading" className="topic__text">
          <h2 id="anliegen-heading" className="visually-hidden">
            {t("openMic.text")}
          </h2>
          <div {...textLanguage}>
            <MarkdownHtml html={topic.bodyHtml} />
          </div>
          <ModerationEdits moderated={topic.moderated} />
          <div className="post__tools no-print">
            {viewer.canEditTopic ? <Link to={`${here}?bearbeiten=anliegen`}>{t("openMic.edit.topicLink")}</Link> : null}
            {!topic.moderation?.awaitingApproval && !topic.moderation?.hidden && !topic.moderation?.mergedIntoId ? (
              <a href={`${here}/feed.xml`} type="application/atom+xml">
                {t("openMic.feed.topic")}
              </a>
            ) : null}
            {viewer.canTakePart ? <FlagControl replyId={null} what={t("openMic.flag.theTopic")} flagged={flagged.has("topic")} lastResult={resultFor("flag")} /> : null}
          </div>
        </section>
      ) : null}
      <SupportSection topicId={topic.id} supporters={supporters} viewer={viewer} />
      <StatusHistory history={history} />
      <section aria-labelledby="antworten-heading" className="replies">
        <h2 id="antworten-heading">{t("openMic.replies", { count: visibleReplies })}</h2>
        {replies.length === 0 ? <p>{t("openMic.reply.none")}</p> : null}
        <div className="thread__posts">
          {replies.map((reply) => (
            <TopicReply
              key={reply.id}
              reply={reply}
              topicId={topic.id}
              editing={editingReply === reply.id}
              canFlag={viewer.canTakePart}
              flagged={flagged.has(reply.id)}
              coordinator={viewer.coordinator}
              editResult={resultFor("edit-reply", reply.id)}
              editPersonalData={personalDataFor("edit-reply", reply.id)}
              flagResult={resultFor("flag", reply.id)}
            />
          ))}
        </div>
      </section>
      <section id="antworten" aria-labelledby="antworten-form-heading" className="reply no-print">
        <h2 id="antworten-form-heading">{t("openMic.reply.title")}</h2>
        {viewer.canReply ? (
          <ReplyForm key={replies.length} partners={viewer.partners} anonymousAuthor={viewer.anonymousAuthor} lastResult={resultFor("reply")} personalData={personalDataFor("reply")} />
        ) : !viewer.signedIn ? (
          <p>
            {t("openMic.signInToReply")} <Link to={`/anmelden?redirectTo=${encodeURIComponent(here)}`}>{t("openMic.signIn")}</Link>
          </p>
        ) : topic.locked ? (
          <p>{t("openMic.lockedNoReplies")}</p>
        ) : (
          <p>{t("openMic.notOpenForReplies")}</p>
        )}
      </section>
    </div>
  );
}
