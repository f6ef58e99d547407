import { type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "#app/components/error-boundary";
import { StatusButton } from "#app/components/forms";
import { Markdown, markdownLinks } from "#app/components/markdown";
import { getOptionalUser, requireUser } from "#app/modules/auth/session.server";
import { personalDataIn, type PersonalDataSummary } from "#app/modules/open-mic/personal-data";
import { EditTopicForm, FlagForm, ReplyForm, TopicReply } from "#app/modules/open-mic/topic-forms";
import { ModerationEdits, OfficialAnswer, StatusBadge, StatusHistory, useAuthorName, when } from "#app/modules/open-mic/topic-parts";
import { EditReplySchema, EditTopicSchema, FlagSchema, parseTopicId, ReplySchema } from "#app/modules/open-mic/topic-schemas";
import { editReply, editTopic, flagItem, replyToTopic, setFollow, setSupport, type TopicWriteResult } from "#app/modules/open-mic/topic-writes.server";
import { getTopicPage } from "#app/modules/open-mic/topics.server";
import openMicStyles from "#app/styles/open-mic.css";
import { getLanguage } from "#app/utils/i18n.server";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";

export const links = () => [...markdownLinks, { rel: "stylesheet", href: openMicStyles }];

export const meta: MetaFunction<typeof loader> = (args) =>
  args.data?.kind === "topic" ? pageTitle(args, "openMic.list.title", args.data.topic.title) : pageTitle(args, "openMic.list.title");

const notFound = () => new Response("Not Found", { status: 404 });

function topicIdOf(params: LoaderFunctionArgs["params"]): number {
  const id = parseTopicId(params.id);
  if (!id) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = topicIdOf(params);
  const user = await getOptionalUser(request);
  const page = await getTopicPage(id, user, await getLanguage(request));
  if (page.kind === "notFound") throw notFound();
  if (page.kind === "redirect") throw redirect(`/open-mic/${page.to}`);
  if (page.kind === "hidden") return json({ kind: "hidden" as const, id: page.id, reason: page.reason });
  // ?bearbeiten=anliegen or ?bearbeiten=<reply id>: only what this viewer may edit opens a form.
  const editing = new URL(request.url).searchParams.get("bearbeiten");
  const editingTopic = editing === "anliegen" && page.viewer.canEditTopic;
  const editingReply = page.replies.find((reply) => reply.id === editing && reply.canEdit)?.id ?? null;
  return json({ ...page, editingTopic, editingReply });
}

type FormName = "reply" | "edit-reply" | "edit-topic" | "flag";
type Reply = (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>;

function answer(form: FormName, itemId: string | null, result: SubmissionResult<string[]>, status: number, personalData: PersonalDataSummary | null = null) {
  return json({ form, itemId, result, personalData }, { status });
}

/** A refused write: missing topics and foreign items are 404 pages, the rest errors at the form. */
function refuse(outcome: Extract<TopicWriteResult, { ok: false }>, form: FormName, itemId: string | null, reply: Reply) {
  switch (outcome.error) {
    case "notFound":
      throw notFound();
    case "forbidden":
      throw new Response("Forbidden", { status: 403 });
    case "throttled":
      return answer(form, itemId, reply({ formErrors: [`${form === "flag" ? "openMic.flag.throttled" : "openMic.spam.throttled"}|${outcome.retryAfterSeconds ?? 60}`] }), 429);
    case "invalidPartner":
      return answer(form, itemId, reply({ fieldErrors: { postAs: ["openMic.validation.partner"] } }), 400);
    case "partnerOnAnonymousTopic":
      return answer(form, itemId, reply({ fieldErrors: { postAs: ["openMic.validation.partnerOnAnonymousTopic"] } }), 400);
    default:
      return answer(form, itemId, reply({ formErrors: [`openMic.refused.${outcome.error}`] }), 400);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = topicIdOf(params);
  // Taking part is for members: guests are sent to sign in and come back here.
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/open-mic/${id}`;

  if (intent === "support" || intent === "unsupport") {
    const outcome = await setSupport(id, user, intent === "support");
    if (!outcome.ok) throw notFound();
    return redirectWithToast(`${here}#unterstuetzen`, `openMic.toast.${intent}`);
  }
  if (intent === "follow" || intent === "unfollow") {
    const outcome = await setFollow(id, user, intent === "follow");
    if (!outcome.ok) throw notFound();
    return redirectWithToast(`${here}#unterstuetzen`, `openMic.toast.${intent}`);
  }
  if (intent === "reply") {
    const submission = parseWithZod(formData, { schema: ReplySchema });
    if (submission.status !== "success") return answer("reply", null, submission.reply(), 400);
    const found = personalDataIn([submission.value.body]);
    if (found.length && !submission.value.confirmPersonalData) return answer("reply", null, submission.reply(), 400, found);
    const outcome = await replyToTopic(id, user, submission.value);
    if (!outcome.ok) return refuse(outcome, "reply", null, (options) => submission.reply(options));
    return redirect(`${here}#antwort-${outcome.replyId}`, 303);
  }
  if (intent === "edit-reply") {
    const replyId = String(formData.get("replyId") ?? "");
    const submission = parseWithZod(formData, { schema: EditReplySchema });
    if (submission.status !== "success") return answer("edit-reply", replyId, submission.reply(), 400);
    const found = personalDataIn([submission.value.body]);
    if (found.length && !submission.value.confirmPersonalData) return answer("edit-reply", replyId, submission.reply(), 400, found);
    const outcome = await editReply(id, user, submission.value.replyId, submission.value.body);
    if (!outcome.ok) return refuse(outcome, "edit-reply", replyId, (options) => submission.reply(options));
    return redirectWithToast(`${here}#antwort-${replyId}`, "openMic.toast.edited");
  }
  if (intent === "edit-topic") {
    const submission = parseWithZod(formData, { schema: EditTopicSchema });
    if (submission.status !== "success") return answer("edit-topic", null, submission.reply(), 400);
    const found = personalDataIn([submission.value.title, submission.value.body]);
    if (found.length && !submission.value.confirmPersonalData) return answer("edit-topic", null, submission.reply(), 400, found);
    const outcome = await editTopic(id, user, submission.value);
    if (!outcome.ok) return refuse(outcome, "edit-topic", null, (options) => submission.reply(options));
    return redirectWithToast(here, "openMic.toast.edited");
  }
  if (intent === "flag") {
    const itemId = String(formData.get("replyId") ?? "") || null;
    const submission = parseWithZod(formData, { schema: FlagSchema });
    if (submission.status !== "success") return answer("flag", itemId, submission.reply(), 400);
    const outcome = await flagItem(id, user, submission.value);
    if (!outcome.ok) return refuse(outcome, "flag", itemId, (options) => submission.reply(options));
    return redirectWithToast(itemId ? `${here}#antwort-${itemId}` : here, outcome.already ? "openMic.toast.alreadyFlagged" : "openMic.toast.flagged");
  }
  throw new Response("Bad Request", { status: 400 });
}

function HiddenTopic({ id, reason }: { id: number; reason: string }) {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <p className="entry__kind">
        <Link to="/open-mic">{t("openMic.backToList")}</Link>
      </p>
      <h1>{t("openMic.hidden.title", { id })}</h1>
      <p className="notice">
        {t("openMic.hidden.topic")} {reason ? t("openMic.hidden.reason", { reason }) : null}
      </p>
    </div>
  );
}

export default function TopicRoute() {
  const data = useLoaderData<typeof loader>();
  if (data.kind === "hidden") return <HiddenTopic id={data.id} reason={data.reason} />;
  return <TopicPage data={data} />;
}

type PageData = Exclude<ReturnType<typeof useLoaderData<typeof loader>>, { kind: "hidden" }>;

function TopicPage({ data }: { data: PageData }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const authorName = useAuthorName();
  const actionData = useActionData<typeof action>();
  const { topic, answer: official, history, routing, replies, supporters, viewer, editingTopic, editingReply } = data;
  const here = `/open-mic/${topic.id}`;
  const resultFor = (form: FormName, itemId: string | null = null) => (actionData && actionData.form === form && actionData.itemId === itemId ? actionData.result : undefined);
  const personalDataFor = (form: FormName, itemId: string | null = null) => (actionData && actionData.form === form && actionData.itemId === itemId ? actionData.personalData : null);
  const visibleReplies = replies.filter((reply) => !reply.hidden).length;
  const flagged = new Set(viewer.flagged);
  return (
    <div className="page topic">
      <p className="entry__kind">
        <Link to="/open-mic">{t("openMic.backToList")}</Link>
      </p>
      {topic.moderation?.awaitingApproval ? <p className="notice">{t("openMic.moderation.awaitingApproval")}</p> : null}
      {topic.moderation?.hidden ? (
        <p className="notice">
          {t("openMic.hidden.topicForCoordinators", { name: topic.moderation.hidden.by ?? t("openMic.answer.coordination") })}{" "}
          {topic.moderation.hidden.reason ? t("openMic.hidden.reason", { reason: topic.moderation.hidden.reason }) : null}
        </p>
      ) : null}
      {topic.moderation?.mergedIntoId ? (
        <p className="notice">
          {t("openMic.moderation.merged")} <Link to={`/open-mic/${topic.moderation.mergedIntoId}`}>{t("openMic.topicNumber", { id: topic.moderation.mergedIntoId })}</Link>
        </p>
      ) : null}
      {editingTopic ? (
        <>
          <h1>{t("openMic.edit.topicTitle")}</h1>
          <EditTopicForm topicId={topic.id} title={topic.title} body={topic.body} lastResult={resultFor("edit-topic")} personalData={personalDataFor("edit-topic")} />
        </>
      ) : (
        <>
          <h1>{topic.title}</h1>
          <p className="topic__meta">
            <StatusBadge status={topic.status} />
            <span>{t("openMic.topicNumber", { id: topic.id })}</span>
            {topic.category ? <Link to={`/open-mic?thema=${topic.category.slug}`}>{topic.category.label}</Link> : null}
            {topic.town ? <span>{topic.town}</span> : null}
            <span>{t("openMic.by", { name: authorName(topic.author) })}</span>
            <time dateTime={topic.createdAt}>{when(lang, topic.createdAt)}</time>
            {topic.editedAt ? <span className="post__edited">{t("openMic.edited", { date: when(lang, topic.editedAt) })}</span> : null}
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
          <Markdown source={topic.body} />
          <ModerationEdits moderated={topic.moderated} />
          <div className="post__tools no-print">
            {viewer.canEditTopic ? <Link to={`${here}?bearbeiten=anliegen`}>{t("openMic.edit.topicLink")}</Link> : null}
            {!topic.moderation?.awaitingApproval && !topic.moderation?.hidden && !topic.moderation?.mergedIntoId ? (
              <a href={`${here}/feed.xml`} type="application/atom+xml">
                {t("openMic.feed.topic")}
              </a>
            ) : null}
            {viewer.canTakePart ? (
              flagged.has("topic") ? (
                <p className="flag__done">{t("openMic.flag.done")}</p>
              ) : (
                <FlagForm replyId={null} what={t("openMic.flag.theTopic")} lastResult={resultFor("flag")} />
              )
            ) : null}
          </div>
        </section>
      ) : null}
      <section id="unterstuetzen" aria-labelledby="unterstuetzen-heading" className="support">
        <h2 id="unterstuetzen-heading">{t("openMic.support.title")}</h2>
        <p>{t("openMic.supports", { count: supporters.count })}</p>
        {supporters.names?.length ? (
          <p className="support__names">
            {t("openMic.support.by")} {supporters.names.join(", ")}
          </p>
        ) : null}
        {viewer.canTakePart ? (
          <div className="support__buttons">
            <Form method="post">
              <StatusButton name="intent" value={viewer.supports ? "unsupport" : "support"} className={viewer.supports ? "button button--secondary" : "button"}>
                {viewer.supports ? t("openMic.support.withdraw") : t("openMic.support.give")}
              </StatusButton>
            </Form>
            <Form method="post">
              <StatusButton name="intent" value={viewer.follows ? "unfollow" : "follow"} className="button button--secondary">
                {viewer.follows ? t("openMic.follow.stop") : t("openMic.follow.start")}
              </StatusButton>
            </Form>
          </div>
        ) : !viewer.signedIn ? (
          <p>
            {t("openMic.signInToTakePart")} <Link to={`/anmelden?redirectTo=${encodeURIComponent(here)}`}>{t("openMic.signIn")}</Link>
          </p>
        ) : null}
      </section>
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

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
