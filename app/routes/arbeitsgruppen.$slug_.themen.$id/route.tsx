import type { MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import type { MouseEvent } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { markdownLinks } from "#app/components/markdown-html";
import { threadPageTitle } from "#app/modules/groups/threads/thread-meta";
import { ThreadModeration } from "#app/modules/groups/threads/thread-moderation";
import { ThreadPost, type ThreadPostView } from "#app/modules/groups/threads/thread-post";
import { quoteOf } from "#app/modules/groups/threads/thread-quote";
import threadStyles from "#app/styles/threads.css";
import type { action, FormName, loader } from "./data.server";
import { ReplyForm } from "./reply-form";
import { InLang } from "#app/utils/content-lang";

export { action, loader } from "./data.server";

export const links = () => [...markdownLinks, { rel: "stylesheet", href: threadStyles }];

export const meta: MetaFunction<typeof loader> = (args) => threadPageTitle(args, null, args.data ? [args.data.thread.title, args.data.group.name] : null);

export default function ThreadPage() {
  const { t } = useTranslation();
  const { group, thread, posts, quoting, editing, moderator, replyState, moveTargets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
      <h1>
        <InLang>{thread.title}</InLang>
      </h1>
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
        <ThreadModeration pinned={thread.pinned} locked={thread.locked} moveTargets={moveTargets} logUrl={`${base}/moderation`} flagResult={resultFor("flag")} moveResult={resultFor("move")} />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
