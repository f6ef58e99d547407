import { type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from "@remix-run/node";
import { getOptionalUser, requireUser } from "#app/modules/auth/session.server";
import { flagItem } from "#app/modules/open-mic/flags.server";
import { isValidChoice } from "#app/modules/open-mic/post-language.server";
import { personalDataIn, type PersonalDataSummary } from "#app/modules/open-mic/personal-data";
import { editReply, replyToTopic } from "#app/modules/open-mic/reply-writes.server";
import { setFollow, setSupport } from "#app/modules/open-mic/support-follow.server";
import { getTopicPage } from "#app/modules/open-mic/topic-page.server";
import { EditReplySchema, EditTopicSchema, FlagSchema, parseTopicId, ReplySchema } from "#app/modules/open-mic/topic-schemas";
import { editTopic } from "#app/modules/open-mic/topic-writes.server";
import { POSTING_REFUSALS, type PostRefusal } from "#app/modules/posting/posting-limits";
import { badRequest, notFound, refusalReply, requireFound, type RefusalMessages } from "#app/utils/http";
import { getLanguage } from "#app/utils/i18n.server";
import { redirectWithToast } from "#app/utils/toast.server";
import { withRenderedTexts } from "./rendered.server";

export type FormName = "reply" | "edit-reply" | "edit-topic" | "flag";

type Refused = "notFound" | "forbidden" | "throttled" | "invalidPartner" | "partnerOnAnonymousTopic" | "locked" | "hidden" | "answered" | PostRefusal;

/** Where a refused write shows on the page's forms ("notFound" and "forbidden" are 404 and 403 pages). */
const REFUSALS: RefusalMessages<Refused> = {
  throttled: { message: "openMic.spam.throttled" },
  invalidPartner: { message: "openMic.validation.partner", field: "postAs" },
  partnerOnAnonymousTopic: { message: "openMic.validation.partnerOnAnonymousTopic", field: "postAs" },
  locked: { message: "openMic.refused.locked" },
  hidden: { message: "openMic.refused.hidden" },
  answered: { message: "openMic.refused.answered" },
  ...POSTING_REFUSALS,
};
const FLAG_REFUSALS: RefusalMessages<Refused> = { throttled: { message: "openMic.flag.throttled" } };

const topicIdOf = (param: string | undefined) => requireFound(parseTopicId(param));

/** The topic as this viewer may see it; `?bearbeiten=anliegen` or `=<reply id>` opens what they may edit. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = topicIdOf(params.id);
  const user = await getOptionalUser(request);
  const page = await getTopicPage(id, user, await getLanguage(request));
  if (page.kind === "notFound") throw notFound();
  if (page.kind === "redirect") throw redirect(`/open-mic/${page.to}`);
  if (page.kind === "hidden") return json({ kind: "hidden" as const, id: page.id, reason: page.reason, held: page.held });
  const editing = new URL(request.url).searchParams.get("bearbeiten");
  const editingTopic = editing === "anliegen" && page.viewer.canEditTopic;
  const editingReply = page.replies.find((reply) => reply.id === editing && reply.canEdit)?.id ?? null;
  return json({ ...withRenderedTexts(page), editingTopic, editingReply });
}

/** The page's data for a topic this viewer may read (not the notice of a hidden one). */
export type TopicPageData = Exclude<SerializeFrom<typeof loader>, { kind: "hidden" }>;

const UNKNOWN_LANGUAGE = { fieldErrors: { language: ["postLanguages.validation.unknown"] } };

/** The answer for the form it came from (`itemId`: the reply it is about), with the personal data found. */
function answer(form: FormName, itemId: string | null, result: SubmissionResult<string[]>, status: number, personalData: PersonalDataSummary | null = null, headers?: Headers) {
  return json({ form, itemId, result, personalData }, { status, headers });
}

/**
 * Taking part, one `intent` per form: support, follow, reply, correct one's reply or topic, flag.
 * Missing topics and foreign items are 404 pages; everything else refused shows at its form.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const id = topicIdOf(params.id);
  // Taking part is for members: guests are sent to sign in and come back here.
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/open-mic/${id}`;

  if (intent === "support" || intent === "unsupport") {
    if (!(await setSupport(id, user, intent === "support")).ok) throw notFound();
    return redirectWithToast(`${here}#unterstuetzen`, `openMic.toast.${intent}`);
  }
  if (intent === "follow" || intent === "unfollow") {
    if (!(await setFollow(id, user, intent === "follow")).ok) throw notFound();
    return redirectWithToast(`${here}#unterstuetzen`, `openMic.toast.${intent}`);
  }
  if (intent === "reply") {
    const submission = parseWithZod(formData, { schema: ReplySchema });
    if (submission.status !== "success") return answer("reply", null, submission.reply(), 400);
    if (!isValidChoice(submission.value.language)) return answer("reply", null, submission.reply(UNKNOWN_LANGUAGE), 400);
    const found = personalDataIn([submission.value.body]);
    if (found.length && !submission.value.confirmPersonalData) return answer("reply", null, submission.reply(), 400, found);
    const outcome = await replyToTopic(id, user, submission.value, await getLanguage(request));
    if (!outcome.ok) {
      const { result, status, headers } = refusalReply(outcome, submission.reply, REFUSALS);
      return answer("reply", null, result, status, null, headers);
    }
    return redirect(`${here}#antwort-${outcome.replyId}`, 303);
  }
  if (intent === "edit-reply") {
    const replyId = String(formData.get("replyId") ?? "");
    const submission = parseWithZod(formData, { schema: EditReplySchema });
    if (submission.status !== "success") return answer("edit-reply", replyId, submission.reply(), 400);
    if (!isValidChoice(submission.value.language)) return answer("edit-reply", replyId, submission.reply(UNKNOWN_LANGUAGE), 400);
    const found = personalDataIn([submission.value.body]);
    if (found.length && !submission.value.confirmPersonalData) return answer("edit-reply", replyId, submission.reply(), 400, found);
    const outcome = await editReply(id, user, submission.value.replyId, submission.value.body, submission.value.language);
    if (!outcome.ok) {
      const { result, status, headers } = refusalReply(outcome, submission.reply, REFUSALS);
      return answer("edit-reply", replyId, result, status, null, headers);
    }
    return redirectWithToast(`${here}#antwort-${replyId}`, "openMic.toast.edited");
  }
  if (intent === "edit-topic") {
    const submission = parseWithZod(formData, { schema: EditTopicSchema });
    if (submission.status !== "success") return answer("edit-topic", null, submission.reply(), 400);
    if (!isValidChoice(submission.value.language)) return answer("edit-topic", null, submission.reply(UNKNOWN_LANGUAGE), 400);
    const found = personalDataIn([submission.value.title, submission.value.body]);
    if (found.length && !submission.value.confirmPersonalData) return answer("edit-topic", null, submission.reply(), 400, found);
    const outcome = await editTopic(id, user, submission.value);
    if (!outcome.ok) {
      const { result, status, headers } = refusalReply(outcome, submission.reply, REFUSALS);
      return answer("edit-topic", null, result, status, null, headers);
    }
    return redirectWithToast(here, "openMic.toast.edited");
  }
  if (intent === "flag") {
    const itemId = String(formData.get("replyId") ?? "") || null;
    const submission = parseWithZod(formData, { schema: FlagSchema });
    if (submission.status !== "success") return answer("flag", itemId, submission.reply(), 400);
    const outcome = await flagItem(id, user, submission.value);
    if (!outcome.ok) {
      const { result, status, headers } = refusalReply(outcome, submission.reply, FLAG_REFUSALS);
      return answer("flag", itemId, result, status, null, headers);
    }
    return redirectWithToast(itemId ? `${here}#antwort-${itemId}` : here, outcome.already ? "openMic.toast.alreadyFlagged" : "openMic.toast.flagged");
  }
  throw badRequest();
}
