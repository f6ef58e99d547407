import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useMemo, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "#app/components/error-boundary";
import { ErrorList, StatusButton } from "#app/components/forms";
import { markdownLinks } from "#app/components/markdown";
import { getOptionalUser, requireUser } from "#app/modules/auth/session.server";
import { TextareaField } from "#app/components/forms";
import { threadPageTitle } from "#app/modules/groups/threads/thread-meta";
import { ThreadModeration } from "#app/modules/groups/threads/thread-moderation";
import { ThreadPost, type ThreadPostView } from "#app/modules/groups/threads/thread-post";
import { quoteOf } from "#app/modules/groups/threads/thread-quote";
import { EditPostSchema, HidePostSchema, MoveThreadSchema, ReplySchema, ThreadFlagSchema, UnhidePostSchema } from "#app/modules/groups/threads/thread-schemas";
import {
  canEditPost,
  canModerate,
  canPost,
  editPost,
  getThread,
  listMoveTargets,
  moveThread,
  replyToThread,
  requireReadableGroup,
  setPostHidden,
  setThreadFlag,
  type WriteResult,
} from "#app/modules/groups/threads/threads.server";
import threadStyles from "#app/styles/threads.css";
import { redirectWithToast } from "#app/utils/toast.server";
import { isUuid } from "#app/utils/uuid";

export const links = () => [...markdownLinks, { rel: "stylesheet", href: threadStyles }];

export const meta: MetaFunction<typeof loader> = (args) => threadPageTitle(args, null, args.data ? [args.data.thread.title, args.data.group.name] : null);

const notFound = () => new Response("Not Found", { status: 404 });

async function loadContext(request: Request, params: LoaderFunctionArgs["params"], signedIn: boolean) {
  const user = signedIn ? await requireUser(request) : await getOptionalUser(request);
  const access = await requireReadableGroup(params.slug, user);
  if (!isUuid(params.id)) throw notFound();
  return { user, access, threadId: params.id };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, access, threadId } = await loadContext(request, params, false);
  const found = await getThread(access, user, threadId);
  if (!found) throw notFound();
  const { thread, mentions } = found;
  const moderator = canModerate(access, user);
  const poster = canPost(access, user);
  const posts = found.posts.map((post) => ({ ...post, canEdit: canEditPost(access, user, post, thread) }));
  const search = new URL(request.url).searchParams;
  // ?zitat= and ?bearbeiten= name a post of this very thread, or nothing happens.
  const quoting = poster ? (posts.find((post) => post.id === search.get("zitat") && !post.hidden)?.id ?? null) : null;
  const editing = posts.find((post) => post.id === search.get("bearbeiten") && post.canEdit)?.id ?? null;
  const locked = thread.lockedAt !== null;
  const replyState = !user ? "signIn" : !poster ? "join" : locked && !moderator ? "locked" : "open";
  return json({
    group: { slug: access.group.slug, name: access.group.name },
    thread: { id: thread.id, title: thread.title, pinned: thread.pinnedAt !== null, locked },
    posts: posts.map(({ own: _own, ...post }) => post),
    mentions,
    quoting,
    editing,
    moderator,
    replyState,
    moveTargets: moderator && user ? (await listMoveTargets(user, access.group.id)).map(({ id, name }) => ({ id, name })) : [],
  });
}

type FormName = "reply" | "edit" | "flag" | "move" | "hide" | "unhide";

/** Answers a failed write: 404 and 403 as pages, the rest as errors at the form it came from. */
function refuse(outcome: Extract<WriteResult, { ok: false }>, form: FormName, postId: string | null, reply: (options: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>) {
  switch (outcome.error) {
    case "notFound":
      throw notFound();
    case "forbidden":
      throw new Response("Forbidden", { status: 403 });
    case "throttled":
      return json({ form, postId, result: reply({ fieldErrors: { body: [`threads.validation.throttled|${outcome.retryAfterSeconds ?? 60}`] } }) }, { status: 429 });
    case "invalidTarget":
      return json({ form, postId, result: reply({ fieldErrors: { toGroupId: ["threads.validation.invalidTarget"] } }) }, { status: 400 });
    case "locked":
      return json({ form, postId, result: reply({ formErrors: ["threads.lockedNotice"] }) }, { status: 400 });
    case "hidden":
      return json({ form, postId, result: reply({ formErrors: ["threads.validation.hidden"] }) }, { status: 400 });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, access, threadId } = await loadContext(request, params, true);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const threadUrl = `/arbeitsgruppen/${access.group.slug}/themen/${threadId}`;
  // Moderation is for coordinators only, whatever the form says; members and guests never get that far.
  if (intent !== "reply" && intent !== "edit" && !canModerate(access, user)) throw new Response("Forbidden", { status: 403 });

  if (intent === "reply") {
    const submission = parseWithZod(formData, { schema: ReplySchema });
    if (submission.status !== "success") return json({ form: "reply" as FormName, postId: null, result: submission.reply() }, { status: 400 });
    const outcome = await replyToThread(access, user, threadId, submission.value.body);
    if (!outcome.ok) return refuse(outcome, "reply", null, (options) => submission.reply(options));
    return redirect(`${threadUrl}#beitrag-${outcome.postId}`, 303);
  }
  if (intent === "edit") {
    const submission = parseWithZod(formData, { schema: EditPostSchema });
    const postId = String(formData.get("postId") ?? "");
    if (submission.status !== "success") return json({ form: "edit" as FormName, postId, result: submission.reply() }, { status: 400 });
    const outcome = await editPost(access, user, threadId, submission.value.postId, submission.value.body);
    if (!outcome.ok) return refuse(outcome, "edit", postId, (options) => submission.reply(options));
    return redirectWithToast(`${threadUrl}#beitrag-${submission.value.postId}`, "threads.toast.edited");
  }
  if (intent === "pin" || intent === "unpin" || intent === "lock" || intent === "unlock") {
    const submission = parseWithZod(formData, { schema: ThreadFlagSchema });
    if (submission.status !== "success") return json({ form: "flag" as FormName, postId: null, result: submission.reply() }, { status: 400 });
    const outcome = await setThreadFlag(access, user, threadId, submission.value.intent, submission.value.reason);
    if (!outcome.ok) return refuse(outcome, "flag", null, (options) => submission.reply(options));
    return redirectWithToast(threadUrl, `threads.toast.${submission.value.intent}`);
  }
  if (intent === "move") {
    const submission = parseWithZod(formData, { schema: MoveThreadSchema });
    if (submission.status !== "success") return json({ form: "move" as FormName, postId: null, result: submission.reply() }, { status: 400 });
    const outcome = await moveThread(access, user, threadId, submission.value.toGroupId, submission.value.reason);
    if (!outcome.ok) return refuse(outcome, "move", null, (options) => submission.reply(options));
    return redirectWithToast(`/arbeitsgruppen/${outcome.toSlug}/themen/${threadId}`, "threads.toast.moved");
  }
  if (intent === "hide" || intent === "unhide") {
    const postId = String(formData.get("postId") ?? "");
    const submission = parseWithZod(formData, { schema: intent === "hide" ? HidePostSchema : UnhidePostSchema });
    if (submission.status !== "success") return json({ form: intent as FormName, postId, result: submission.reply() }, { status: 400 });
    const outcome = await setPostHidden(access, user, threadId, submission.value.postId, intent === "hide", submission.value.reason);
    if (!outcome.ok) return refuse(outcome, intent, postId, (options) => submission.reply(options));
    return redirectWithToast(`${threadUrl}#beitrag-${submission.value.postId}`, `threads.toast.${intent}`);
  }
  throw new Response("Bad Request", { status: 400 });
}

function ReplyForm({ defaultBody, lastResult }: { defaultBody: string; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "reply",
    lastResult,
    defaultValue: { body: defaultBody },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplySchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="reply" />
      <ErrorList id={form.errorId} errors={form.errors} announce />
      <TextareaField field={fields.body} label={t("threads.replyLabel")} hint={t("threads.bodyHint")} rows={6} />
      <StatusButton>{t("threads.replySubmit")}</StatusButton>
    </Form>
  );
}

export default function ThreadPage() {
  const { t } = useTranslation();
  const { group, thread, posts, mentions, quoting, editing, moderator, replyState, moveTargets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mentionMap = useMemo(() => new Map(mentions), [mentions]);
  const base = `/arbeitsgruppen/${group.slug}`;
  const threadUrl = `${base}/themen/${thread.id}`;
  const resultFor = (form: FormName, postId: string | null = null) => (actionData && actionData.form === form && actionData.postId === postId ? actionData.result : undefined);
  const quoteFor = (post: ThreadPostView) => quoteOf(post.body ?? "", (name) => t("threads.quoteAttribution", { name }), post.authorName ?? t("threads.formerMember"));
  const quoted = quoting ? posts.find((post) => post.id === quoting) : undefined;

  // With JavaScript the quote goes into the reply box in place, after what is already typed there.
  const onQuote = (post: ThreadPostView, event: MouseEvent<HTMLAnchorElement>) => {
    const box = document.getElementById("reply-body");
    if (!(box instanceof HTMLTextAreaElement)) return;
    event.preventDefault();
    const before = box.value.trimEnd();
    box.value = `${before ? `${before}\n\n` : ""}${quoteFor(post)}`;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  };

  return (
    <div className="page thread">
      <p className="entry__kind">
        <Link to={`${base}/themen`}>{t("threads.backToList", { name: group.name })}</Link>
      </p>
      <h1>{thread.title}</h1>
      {thread.pinned || thread.locked ? (
        <p className="thread__flags">
          {thread.pinned ? <span className="badge badge--pinned">{t("threads.pinned")}</span> : null}
          {thread.locked ? <span className="badge">{t("threads.locked")}</span> : null}
        </p>
      ) : null}
      {thread.locked ? <p className="notice">{moderator ? t("threads.lockedModeratorNotice") : t("threads.lockedNotice")}</p> : null}
      <div className="thread__posts">
        {posts.map((post) => (
          <ThreadPost
            key={post.id}
            post={post}
            mentions={mentionMap}
            threadUrl={threadUrl}
            editing={editing === post.id}
            canQuote={replyState === "open"}
            moderator={moderator}
            editResult={resultFor("edit", post.id)}
            hideResult={resultFor("hide", post.id)}
            onQuote={onQuote}
          />
        ))}
      </div>
      <section id="antworten" aria-labelledby="antworten-heading" className="thread__reply no-print">
        <h2 id="antworten-heading">{t("threads.reply")}</h2>
        {replyState === "open" ? (
          // A new key after each reply or quote link empties the box or fills it anew.
          <ReplyForm key={`${quoting ?? ""}:${posts.length}`} defaultBody={quoted ? quoteFor(quoted) : ""} lastResult={resultFor("reply")} />
        ) : replyState === "signIn" ? (
          <p>
            {t("threads.signInToReply")} <Link to={`/anmelden?redirectTo=${encodeURIComponent(threadUrl)}`}>{t("threads.signIn")}</Link>
          </p>
        ) : replyState === "join" ? (
          <p>
            {t("threads.joinToPost")} <Link to={base}>{t("threads.toGroup")}</Link>
          </p>
        ) : (
          <p>{t("threads.lockedNoReplies")}</p>
        )}
      </section>
      {moderator ? (
        <ThreadModeration
          pinned={thread.pinned}
          locked={thread.locked}
          moveTargets={moveTargets}
          logUrl={`${base}/moderation`}
          flagResult={resultFor("flag")}
          moveResult={resultFor("move")}
        />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
