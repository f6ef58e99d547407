import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser, requireUser, type SessionUser } from "#app/modules/auth/session.server";
import { requireGroupAccess, type GroupAccess } from "#app/modules/groups/group-access.server";
import { EditPostSchema, HidePostSchema, MoveThreadSchema, ReplySchema, ThreadFlagSchema, UnhidePostSchema } from "#app/modules/groups/threads/thread-schemas";
import { canEditPost, editPost, getThread, listMoveTargets, moveThread, replyToThread, setPostHidden, setThreadFlag, type WriteError } from "#app/modules/groups/threads/threads.server";
import { POSTING_REFUSALS } from "#app/modules/posting/posting-limits";
import { badRequest, forbidden, notFound, refusalReply, requireFound, type Refusal, type RefusalMessages } from "#app/utils/http";
import { redirectWithToast } from "#app/utils/toast.server";
import { isUuid } from "#app/utils/uuid";
import { renderMarkdown } from "#app/utils/markdown.server";

/** The thread id of the URL; anything that is not an id is a missing page. */
function requireThreadId(id: string | undefined): string {
  if (!isUuid(id)) throw notFound();
  return id;
}

/** The thread with its posts as this viewer may see them, and what they may do on the page. */
async function loadThreadPage(request: Request, user: SessionUser | null, access: GroupAccess, threadId: string) {
  const { thread, posts: shownPosts, mentions } = requireFound(await getThread(access, user, threadId));
  const moderator = access.coordinates;
  const posts = shownPosts.map((post) => ({ ...post, canEdit: canEditPost(access, post, thread) }));
  const search = new URL(request.url).searchParams;
  // ?zitat= and ?bearbeiten= name a post of this very thread, or nothing happens.
  const quoting = access.isMember ? (posts.find((post) => post.id === search.get("zitat") && !post.hidden)?.id ?? null) : null;
  const editing = posts.find((post) => post.id === search.get("bearbeiten") && post.canEdit)?.id ?? null;
  const locked = thread.lockedAt !== null;
  const mentionNames = new Map(mentions);
  const replyState = !user ? "signIn" : !access.isMember ? "join" : locked && !moderator ? "locked" : "open";
  return {
    group: { slug: access.group.slug, name: access.group.name },
    thread: { id: thread.id, title: thread.title, pinned: thread.pinnedAt !== null, locked },
    // Rendered here with the mentions of this group's members: the browser needs no Markdown parser.
    posts: posts.map(({ own: _own, ...post }) => ({ ...post, bodyHtml: post.body === null ? null : renderMarkdown(post.body, mentionNames) })),
    mentions,
    quoting,
    editing,
    moderator,
    replyState,
    moveTargets: moderator && user ? (await listMoveTargets(user, access.group.id)).map(({ id, name }) => ({ id, name })) : [],
  };
}

export type FormName = "reply" | "edit" | "flag" | "move" | "hide" | "unhide";

// Where a refused write shows: at the form it came from, on the field it is about.
const REFUSALS: RefusalMessages<WriteError> = {
  throttled: { message: "threads.validation.throttled", field: "body" },
  invalidTarget: { message: "threads.validation.invalidTarget", field: "toGroupId" },
  locked: { message: "threads.lockedNotice" },
  hidden: { message: "threads.validation.hidden" },
  ...POSTING_REFUSALS,
};

/** The answer for the form `form` (of post `postId`), with its errors. */
function formAnswer(form: FormName, postId: string | null, result: SubmissionResult<string[]>, status = 400, headers?: Headers) {
  return json({ form, postId, result }, { status, headers });
}

/** The answer to a refused write: at its form, or the 404 and 403 pages (thrown). */
function refused(form: FormName, postId: string | null, submission: { reply: Parameters<typeof refusalReply>[1] }, refusal: Refusal<WriteError>) {
  const { result, status, headers } = refusalReply(refusal, submission.reply, REFUSALS);
  return formAnswer(form, postId, result, status, headers);
}

/** Answers the forms of the thread page: members reply and edit their posts; the group's coordinators moderate. */
async function submitThreadForm(request: Request, user: SessionUser, access: GroupAccess, threadId: string) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  const threadUrl = `/arbeitsgruppen/${access.group.slug}/themen/${threadId}`;
  // Moderation is for coordinators only, whatever the form says; members and guests never get that far.
  if (intent !== "reply" && intent !== "edit" && !access.coordinates) throw forbidden();

  if (intent === "reply") {
    const submission = parseWithZod(formData, { schema: ReplySchema });
    if (submission.status !== "success") return formAnswer("reply", null, submission.reply());
    const outcome = await replyToThread(access, user, threadId, submission.value.body);
    if (!outcome.ok) return refused("reply", null, submission, outcome);
    return redirect(`${threadUrl}#beitrag-${outcome.postId}`, 303);
  }
  if (intent === "edit") {
    const submission = parseWithZod(formData, { schema: EditPostSchema });
    const postId = String(formData.get("postId") ?? "");
    if (submission.status !== "success") return formAnswer("edit", postId, submission.reply());
    const outcome = await editPost(access, user, threadId, submission.value.postId, submission.value.body);
    if (!outcome.ok) return refused("edit", postId, submission, outcome);
    return redirectWithToast(`${threadUrl}#beitrag-${submission.value.postId}`, "threads.toast.edited");
  }
  if (intent === "pin" || intent === "unpin" || intent === "lock" || intent === "unlock") {
    const submission = parseWithZod(formData, { schema: ThreadFlagSchema });
    if (submission.status !== "success") return formAnswer("flag", null, submission.reply());
    const outcome = await setThreadFlag(access, user, threadId, submission.value.intent, submission.value.reason);
    if (!outcome.ok) return refused("flag", null, submission, outcome);
    return redirectWithToast(threadUrl, `threads.toast.${submission.value.intent}`);
  }
  if (intent === "move") {
    const submission = parseWithZod(formData, { schema: MoveThreadSchema });
    if (submission.status !== "success") return formAnswer("move", null, submission.reply());
    const outcome = await moveThread(access, user, threadId, submission.value.toGroupId, submission.value.reason);
    if (!outcome.ok) return refused("move", null, submission, outcome);
    return redirectWithToast(`/arbeitsgruppen/${outcome.toSlug}/themen/${threadId}`, "threads.toast.moved");
  }
  if (intent === "hide" || intent === "unhide") {
    const postId = String(formData.get("postId") ?? "");
    const submission = parseWithZod(formData, { schema: intent === "hide" ? HidePostSchema : UnhidePostSchema });
    if (submission.status !== "success") return formAnswer(intent, postId, submission.reply());
    const outcome = await setPostHidden(access, user, threadId, submission.value.postId, intent === "hide", submission.value.reason);
    if (!outcome.ok) return refused(intent, postId, submission, outcome);
    return redirectWithToast(`${threadUrl}#beitrag-${submission.value.postId}`, `threads.toast.${intent}`);
  }
  throw badRequest();
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const access = await requireGroupAccess(params.slug, user);
  return json(await loadThreadPage(request, user, access, requireThreadId(params.id)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireGroupAccess(params.slug, user);
  return submitThreadForm(request, user, access, requireThreadId(params.id));
}
