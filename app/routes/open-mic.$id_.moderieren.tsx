import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "#app/components/error-boundary";
import { ApproveSchema, BanSchema, HideSchema, LockSchema, MergeSchema, ModeratorEditSchema, topicIdFrom, UnhideSchema } from "#app/modules/open-mic/coordination-schemas";
import { requireOpenMicCoordinator } from "#app/modules/open-mic/coordination.server";
import { ActionForm, ModeratorEditForm, resultFor, type FormAnswer } from "#app/modules/open-mic/moderation-forms";
import { redactPersonalData } from "#app/modules/open-mic/moderation-redact";
import { ModerationReplies } from "#app/modules/open-mic/moderation-replies";
import { FindingsSummary, ModerationText } from "#app/modules/open-mic/moderation-text";
import { approveTopic, banGuestAddress, getModerationTopic, mergeTopic, moderatorEdit, setHidden, setLocked, type ModerationResult } from "#app/modules/open-mic/moderation.server";
import { personalDataIn } from "#app/modules/open-mic/personal-data";
import styles from "#app/styles/open-mic-coordination.css";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";
import { isUuid } from "#app/utils/uuid";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "openMicCoordination.moderate.title", ...(args.data ? [args.data.topic.title] : []));

const notFound = () => new Response("Not Found", { status: 404 });

async function load(request: Request, idParam: string | undefined) {
  const user = await requireOpenMicCoordinator(request);
  const topicId = topicIdFrom(idParam);
  const found = topicId ? await getModerationTopic(topicId) : null;
  if (!found) throw notFound();
  return { user, ...found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { topic, replies } = await load(request, params.id);
  const search = new URL(request.url).searchParams;
  // ?antwort= names a reply of this very topic, or the topic itself is edited.
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

type Answer = NonNullable<FormAnswer>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, topic } = await load(request, params.id);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/open-mic/${topic.id}/moderieren`;
  const refuse = (form: string, outcome: Extract<ModerationResult, { ok: false }>, reply: (options: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) => Answer["result"]) => {
    if (outcome.notFound) throw notFound();
    return json({ form, result: reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }) } satisfies Answer, { status: 400 });
  };

  if (intent === "approve") {
    const submission = parseWithZod(formData, { schema: ApproveSchema });
    if (submission.status !== "success") return json({ form: "approve", result: submission.reply() } satisfies Answer, { status: 400 });
    const outcome = await approveTopic(user, topic.id);
    if (!outcome.ok) return refuse("approve", outcome, submission.reply);
    return redirectWithToast(here, "openMicCoordination.toast.approved");
  }
  if (intent === "hide" || intent === "unhide") {
    const replyId = String(formData.get("replyId") ?? "");
    const form = `${intent}-${isUuid(replyId) ? replyId.toLowerCase() : "topic"}`;
    const submission = parseWithZod(formData, { schema: intent === "hide" ? HideSchema : UnhideSchema });
    if (submission.status !== "success") return json({ form, result: submission.reply() } satisfies Answer, { status: 400 });
    const outcome = await setHidden(user, topic.id, submission.value.replyId, intent === "hide", submission.value.reason);
    if (!outcome.ok) return refuse(form, outcome, submission.reply);
    return redirectWithToast(submission.value.replyId ? `${here}#antwort-${submission.value.replyId}` : here, `openMicCoordination.toast.${intent === "hide" ? "hidden" : "unhidden"}`);
  }
  if (intent === "edit") {
    const replyId = String(formData.get("replyId") ?? "");
    const form = `edit-${isUuid(replyId) ? replyId.toLowerCase() : "topic"}`;
    const submission = parseWithZod(formData, { schema: ModeratorEditSchema });
    if (submission.status !== "success") return json({ form, result: submission.reply() } satisfies Answer, { status: 400 });
    const outcome = await moderatorEdit(user, topic.id, submission.value);
    if (!outcome.ok) return refuse(form, outcome, submission.reply);
    return redirectWithToast(submission.value.replyId ? `${here}#antwort-${submission.value.replyId}` : here, submission.value.personalData ? "openMicCoordination.toast.personalDataRemoved" : "openMicCoordination.toast.edited");
  }
  if (intent === "lock" || intent === "unlock") {
    const submission = parseWithZod(formData, { schema: LockSchema });
    if (submission.status !== "success") return json({ form: "lock", result: submission.reply() } satisfies Answer, { status: 400 });
    const outcome = await setLocked(user, topic.id, submission.value.intent === "lock", submission.value.reason);
    if (!outcome.ok) return refuse("lock", outcome, submission.reply);
    return redirectWithToast(here, `openMicCoordination.toast.${submission.value.intent === "lock" ? "locked" : "unlocked"}`);
  }
  if (intent === "merge") {
    const submission = parseWithZod(formData, { schema: MergeSchema });
    if (submission.status !== "success") return json({ form: "merge", result: submission.reply() } satisfies Answer, { status: 400 });
    const outcome = await mergeTopic(user, topic.id, submission.value.keptId, submission.value.reason);
    if (!outcome.ok) return refuse("merge", outcome, submission.reply);
    return redirectWithToast(here, "openMicCoordination.toast.merged");
  }
  if (intent === "ban") {
    const submission = parseWithZod(formData, { schema: BanSchema });
    if (submission.status !== "success") return json({ form: "ban", result: submission.reply() } satisfies Answer, { status: 400 });
    const outcome = await banGuestAddress(user, topic.id, submission.value.reason, submission.value.hidePending);
    if (!outcome.ok) return refuse("ban", outcome, submission.reply);
    return redirectWithToast(here, "openMicCoordination.toast.banned");
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function ModerateTopicPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { topic, replies, editing, personalData, editDefaults, findings } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as FormAnswer;
  const author = topic.authorName
    ? topic.anonymous
      ? t("openMicCoordination.moderate.anonymousBy", { name: topic.authorName })
      : topic.authorName
    : topic.guestEmail || topic.guestName
      ? t("openMicCoordination.moderate.guestBy", { name: topic.guestName || t("openMicCoordination.moderate.guestUnnamed") })
      : t("openMicCoordination.formerMember");
  const editKey = `edit-${editing?.id ?? "topic"}`;
  return (
    <div className="page om-coordination">
      <p className="entry__kind">
        <Link to={`/open-mic/${topic.id}`}>{t("openMicCoordination.backToTopic", { id: topic.id })}</Link>
        {" · "}
        <Link to="/open-mic/moderation">{t("openMicCoordination.queue.title")}</Link>
        {" · "}
        <Link to={`/open-mic/${topic.id}/status`}>{t("openMicCoordination.status.title")}</Link>
      </p>
      <h1>{t("openMicCoordination.moderate.heading", { id: topic.id })}</h1>
      <p className="lead">{topic.title}</p>
      <dl className="facts">
        <dt>{t("openMicCoordination.moderate.author")}</dt>
        <dd>{author}</dd>
        {topic.guestEmail ? (
          <>
            <dt>{t("openMicCoordination.moderate.guestEmail")}</dt>
            <dd>
              {topic.guestEmail} {topic.banned ? <span className="badge om-badge--warning">{t("openMicCoordination.moderate.banned")}</span> : null}
            </dd>
          </>
        ) : null}
        <dt>{t("openMicCoordination.moderate.created")}</dt>
        <dd>
          <time dateTime={topic.createdAt}>{formatDate(lang, topic.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
        </dd>
        <dt>{t("openMicCoordination.status.current")}</dt>
        <dd>{t(`openMicCoordination.statuses.${topic.status}`)}</dd>
        <dt>{t("openMicCoordination.moderate.state")}</dt>
        <dd>
          <ul className="plain om-states">
            <li>{topic.approvedAt ? t("openMicCoordination.moderate.approved") : t("openMicCoordination.moderate.pending")}</li>
            {topic.hiddenAt ? <li>{t("openMicCoordination.hiddenWithReason", { reason: topic.hiddenReason ?? "" })}</li> : null}
            {topic.lockedAt ? <li>{t("openMicCoordination.moderate.locked")}</li> : null}
            {topic.mergedInto ? (
              <li>
                {t("openMicCoordination.moderate.mergedInto")} <Link to={`/open-mic/${topic.mergedInto.id}`}>{t("openMicCoordination.topicTitle", { id: topic.mergedInto.id, title: topic.mergedInto.title })}</Link>
              </li>
            ) : null}
          </ul>
        </dd>
      </dl>

      <section aria-labelledby="topic-text-heading" className="om-section">
        <h2 id="topic-text-heading">{t("openMicCoordination.moderate.topicText")}</h2>
        <ModerationText text={topic.body} />
      </section>

      {!topic.approvedAt && !topic.mergedInto ? (
        <section aria-labelledby="approve-heading" className="om-section">
          <h2 id="approve-heading">{t("openMicCoordination.moderate.approveTitle")}</h2>
          <p>{t("openMicCoordination.moderate.approveIntro")}</p>
          <ActionForm id="approve" intent="approve" schema={ApproveSchema} lastResult={resultFor(answer, "approve")} submitLabel={t("openMicCoordination.approve")} secondary={false} />
        </section>
      ) : null}

      <section aria-labelledby="edit-heading" className="om-section" id="bearbeiten">
        <h2 id="edit-heading">{editing ? t("openMicCoordination.moderate.editReplyTitle") : t("openMicCoordination.moderate.editTopicTitle")}</h2>
        {editing ? (
          <p>
            <Link to={`/open-mic/${topic.id}/moderieren#bearbeiten`}>{t("openMicCoordination.moderate.editTopicInstead")}</Link>
          </p>
        ) : null}
        <p className="field__hint">{t("openMicCoordination.moderate.editIntro")}</p>
        <FindingsSummary findings={findings} />
        <ModeratorEditForm key={`${editKey}-${personalData}`} replyId={editing?.id ?? null} title={editDefaults.title} body={editDefaults.body} guestName={editDefaults.guestName} town={editDefaults.town} personalData={personalData} lastResult={resultFor(answer, editKey)} />
      </section>

      <section aria-labelledby="hide-heading" className="om-section">
        <h2 id="hide-heading">{t("openMicCoordination.moderate.hideTitle")}</h2>
        {topic.hiddenAt ? (
          <ActionForm id="unhide-topic" intent="unhide" schema={UnhideSchema} lastResult={resultFor(answer, "unhide-topic")} reasonLabel={t("openMicCoordination.reasonOptional")} submitLabel={t("openMicCoordination.moderate.unhideTopic")} />
        ) : (
          <ActionForm id="hide-topic" intent="hide" schema={HideSchema} lastResult={resultFor(answer, "hide-topic")} reasonLabel={t("openMicCoordination.reasonShown")} submitLabel={t("openMicCoordination.moderate.hideTopic")} />
        )}
      </section>

      <section aria-labelledby="lock-heading" className="om-section">
        <h2 id="lock-heading">{t("openMicCoordination.moderate.lockTitle")}</h2>
        <p>{t("openMicCoordination.moderate.lockIntro")}</p>
        <ActionForm
          id="lock"
          intent={topic.lockedAt ? "unlock" : "lock"}
          schema={LockSchema}
          lastResult={resultFor(answer, "lock")}
          reasonLabel={t("openMicCoordination.reasonOptional")}
          submitLabel={topic.lockedAt ? t("openMicCoordination.moderate.unlock") : t("openMicCoordination.moderate.lock")}
        />
      </section>

      {!topic.mergedInto ? (
        <section aria-labelledby="merge-heading" className="om-section">
          <h2 id="merge-heading">{t("openMicCoordination.moderate.mergeTitle")}</h2>
          <p>{t("openMicCoordination.moderate.mergeIntro")}</p>
          <MergeFields lastResult={resultFor(answer, "merge")} />
        </section>
      ) : null}

      {topic.guestEmail ? (
        <section aria-labelledby="ban-heading" className="om-section">
          <h2 id="ban-heading">{t("openMicCoordination.moderate.banTitle")}</h2>
          <p>{t("openMicCoordination.moderate.banIntro", { email: topic.guestEmail })}</p>
          <ActionForm id="ban" intent="ban" schema={BanSchema} lastResult={resultFor(answer, "ban")} reasonLabel={t("openMicCoordination.reasonRequired")} submitLabel={t("openMicCoordination.moderate.banSubmit")}>
            <div className="field field--checkbox">
              <input type="checkbox" id="ban-hide-pending" name="hidePending" value="on" defaultChecked />
              <label htmlFor="ban-hide-pending">{t("openMicCoordination.moderate.banHidePending")}</label>
            </div>
          </ActionForm>
        </section>
      ) : null}

      <ModerationReplies topicId={topic.id} replies={replies} answer={answer} />
    </div>
  );
}

function MergeFields({ lastResult }: { lastResult: ReturnType<typeof resultFor> }) {
  const { t } = useTranslation();
  return (
    <ActionForm
      id="merge"
      intent="merge"
      schema={MergeSchema}
      lastResult={lastResult}
      inputs={[{ name: "keptId", label: t("openMicCoordination.moderate.mergeKept"), hint: t("openMicCoordination.moderate.mergeKeptHint"), inputMode: "numeric" }]}
      reasonLabel={t("openMicCoordination.reasonRequired")}
      submitLabel={t("openMicCoordination.moderate.mergeSubmit")}
    />
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
