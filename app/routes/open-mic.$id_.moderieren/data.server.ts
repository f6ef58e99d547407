import { type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { banGuestAddress } from "#app/modules/open-mic/bans.server";
import {
  ApproveSchema,
  BanSchema,
  HideSchema,
  LockSchema,
  MergeSchema,
  MODERATION_REFUSALS,
  ModeratorEditSchema,
  topicIdFrom,
  UnhideSchema,
  type ModerationRefusal,
} from "#app/modules/open-mic/coordination-schemas";
import { requireOpenMicCoordinator } from "#app/modules/open-mic/coordination.server";
import { mergeTopic } from "#app/modules/open-mic/merge-topics.server";
import type { FormAnswer } from "#app/modules/open-mic/moderation-forms";
import { redactPersonalData } from "#app/modules/open-mic/moderation-redact";
import { getModerationTopic } from "#app/modules/open-mic/moderation-topic.server";
import { approveTopic, setHidden, setLocked } from "#app/modules/open-mic/moderation.server";
import { moderatorEdit } from "#app/modules/open-mic/moderator-edit.server";
import { personalDataIn } from "#app/modules/open-mic/personal-data";
import { badRequest, refusalReply, requireFound, type Refusal } from "#app/utils/http";
import { redirectWithToast } from "#app/utils/toast.server";
import { isUuid } from "#app/utils/uuid";

/** The coordinator and the topic (any topic, also held back, hidden or merged); a missing one is a 404. */
async function requireModeration(request: Request, idParam: string | undefined) {
  const user = await requireOpenMicCoordinator(request);
  const topicId = topicIdFrom(idParam);
  const found = requireFound(topicId ? await getModerationTopic(topicId) : null);
  return { user, ...found };
}

/**
 * The topic with every reply, and the edit form's first values: `?antwort=` names a reply of this
 * very topic to edit (else the topic itself is edited); `?datenschutz=1` offers the text with the
 * personal data found already replaced.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { topic, replies } = await requireModeration(request, params.id);
  const search = new URL(request.url).searchParams;
  const editing = replies.find((reply) => reply.id === search.get("antwort")) ?? null;
  const personalData = search.get("datenschutz") === "1";
  const body = editing ? editing.body : topic.body;
  return json({
    topic,
    replies,
    editing: editing ? { id: editing.id } : null,
    personalData,
    editDefaults: {
      title: personalData && !editing ? redactPersonalData(topic.title) : topic.title,
      body: personalData ? redactPersonalData(body) : body,
      // A guest's topic always offers its name (also when empty now); a member's topic has none.
      guestName: topic.authorName === null || topic.guestName !== null ? (personalData ? redactPersonalData(topic.guestName ?? "") : (topic.guestName ?? "")) : null,
      town: personalData ? redactPersonalData(topic.town ?? "") : (topic.town ?? ""),
    },
    findings: personalDataIn(editing ? [editing.body] : [topic.title, topic.body, topic.guestName, topic.town]),
  });
}

const answer = (form: string, result: SubmissionResult<string[]>, status = 400) => json({ form, result } satisfies NonNullable<FormAnswer>, { status });

function refused(form: string, refusal: Refusal<ModerationRefusal>, reply: Parameters<typeof refusalReply>[1]) {
  const { result, status } = refusalReply(refusal, reply, MODERATION_REFUSALS);
  return answer(form, result, status);
}

/** One `intent` per form of the page; each answers the form it came from, by name. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, topic } = await requireModeration(request, params.id);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/open-mic/${topic.id}/moderieren`;
  // A reply's forms are named by its id; anything else in the field names the topic's form.
  const replyKey = () => {
    const replyId = String(formData.get("replyId") ?? "");
    return isUuid(replyId) ? replyId.toLowerCase() : "topic";
  };

  if (intent === "approve") {
    const submission = parseWithZod(formData, { schema: ApproveSchema });
    if (submission.status !== "success") return answer("approve", submission.reply());
    const outcome = await approveTopic(user, topic.id);
    if (!outcome.ok) return refused("approve", outcome, submission.reply);
    return redirectWithToast(here, "openMicCoordination.toast.approved");
  }
  if (intent === "hide" || intent === "unhide") {
    const form = `${intent}-${replyKey()}`;
    const submission = parseWithZod(formData, { schema: intent === "hide" ? HideSchema : UnhideSchema });
    if (submission.status !== "success") return answer(form, submission.reply());
    const outcome = await setHidden(user, topic.id, submission.value.replyId, intent === "hide", submission.value.reason);
    if (!outcome.ok) return refused(form, outcome, submission.reply);
    return redirectWithToast(submission.value.replyId ? `${here}#antwort-${submission.value.replyId}` : here, `openMicCoordination.toast.${intent === "hide" ? "hidden" : "unhidden"}`);
  }
  if (intent === "edit") {
    const form = `edit-${replyKey()}`;
    const submission = parseWithZod(formData, { schema: ModeratorEditSchema });
    if (submission.status !== "success") return answer(form, submission.reply());
    const outcome = await moderatorEdit(user, topic.id, submission.value);
    if (!outcome.ok) return refused(form, outcome, submission.reply);
    return redirectWithToast(
      submission.value.replyId ? `${here}#antwort-${submission.value.replyId}` : here,
      submission.value.personalData ? "openMicCoordination.toast.personalDataRemoved" : "openMicCoordination.toast.edited",
    );
  }
  if (intent === "lock" || intent === "unlock") {
    const submission = parseWithZod(formData, { schema: LockSchema });
    if (submission.status !== "success") return answer("lock", submission.reply());
    const outcome = await setLocked(user, topic.id, submission.value.intent === "lock", submission.value.reason);
    if (!outcome.ok) return refused("lock", outcome, submission.reply);
    return redirectWithToast(here, `openMicCoordination.toast.${submission.value.intent === "lock" ? "locked" : "unlocked"}`);
  }
  if (intent === "merge") {
    const submission = parseWithZod(formData, { schema: MergeSchema });
    if (submission.status !== "success") return answer("merge", submission.reply());
    const outcome = await mergeTopic(user, topic.id, submission.value.keptId, submission.value.reason);
    if (!outcome.ok) return refused("merge", outcome, submission.reply);
    return redirectWithToast(here, "openMicCoordination.toast.merged");
  }
  if (intent === "ban") {
    const submission = parseWithZod(formData, { schema: BanSchema });
    if (submission.status !== "success") return answer("ban", submission.reply());
    const outcome = await banGuestAddress(user, topic.id, submission.value.reason, submission.value.hidePending);
    if (!outcome.ok) return refused("ban", outcome, submission.reply);
    return redirectWithToast(here, "openMicCoordination.toast.banned");
  }
  throw badRequest();
}
