import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { ApproveSchema, HideFlaggedSchema, HideSchema, MODERATION_REFUSALS, ResolveFlagSchema, topicIdFrom, type ModerationRefusal } from "#app/modules/open-mic/coordination-schemas";
import { requireOpenMicCoordinator } from "#app/modules/open-mic/coordination.server";
import { FlagThresholdSection } from "#app/modules/open-mic/flag-threshold-form";
import { FlagThresholdSchema } from "#app/modules/open-mic/flag-threshold-schema";
import { getFlagThreshold, setFlagThreshold } from "#app/modules/open-mic/flag-threshold.server";
import { hideFlagged, resolveFlag } from "#app/modules/open-mic/flags.server";
import { mayChangeSiteSettings } from "#app/modules/invitations/invitation-rules";
import { ActionForm, resultFor, type FormAnswer } from "#app/modules/open-mic/moderation-forms";
import { getQueue, queueCounts } from "#app/modules/open-mic/moderation-queue.server";
import { FindingsSummary, ModerationText } from "#app/modules/open-mic/moderation-text";
import { approveTopic, setHidden } from "#app/modules/open-mic/moderation.server";
import { postLanguageProps } from "#app/modules/open-mic/post-language";
import styles from "#app/styles/open-mic-coordination.css";
import { badRequest, refusalReply, type Refusal } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";
import { isUuid } from "#app/utils/uuid";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, "openMicCoordination.queue.title");

const QUEUE = "/open-mic/moderation";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOpenMicCoordinator(request);
  const [queue, counts, flagThreshold] = await Promise.all([getQueue(), queueCounts(), getFlagThreshold()]);
  return json({ ...queue, counts, flagThreshold, mayChangeThreshold: mayChangeSiteSettings(user.role) });
}

type Answer = NonNullable<FormAnswer>;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireOpenMicCoordinator(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const topicKey = topicIdFrom(formData.get("topicId")) ?? "none";
  const flagKey = isUuid(formData.get("flagId")) ? String(formData.get("flagId")).toLowerCase() : "none";
  const answer = (form: string, result: Answer["result"], status = 400) => json({ form, result } satisfies Answer, { status });
  const refused = (form: string, outcome: Refusal<ModerationRefusal>, reply: Parameters<typeof refusalReply>[1]) => {
    // A topic that does not exist is an error at the form: the queue itself is still there.
    const { result, status } = refusalReply(outcome.error === "notFound" ? { ok: false, error: "topicUnknown" } : outcome, reply, MODERATION_REFUSALS);
    return answer(form, result, status);
  };

  if (intent === "approve") {
    const form = `approve-${topicKey}`;
    const submission = parseWithZod(formData, { schema: ApproveSchema });
    if (submission.status !== "success") return answer(form, submission.reply());
    if (submission.value.topicId === null) return refused(form, { ok: false, error: "notFound" }, submission.reply);
    const outcome = await approveTopic(user, submission.value.topicId);
    if (!outcome.ok) return refused(form, outcome, submission.reply);
    return redirectWithToast(QUEUE, "openMicCoordination.toast.approved");
  }
  if (intent === "hide") {
    const form = `hide-${topicKey}`;
    const submission = parseWithZod(formData, { schema: HideSchema });
    if (submission.status !== "success") return answer(form, submission.reply());
    if (submission.value.topicId === null) return refused(form, { ok: false, error: "notFound" }, submission.reply);
    const outcome = await setHidden(user, submission.value.topicId, null, true, submission.value.reason);
    if (!outcome.ok) return refused(form, outcome, submission.reply);
    return redirectWithToast(QUEUE, "openMicCoordination.toast.hidden");
  }
  if (intent === "resolve") {
    const form = `resolve-${flagKey}`;
    const submission = parseWithZod(formData, { schema: ResolveFlagSchema });
    if (submission.status !== "success") return answer(form, submission.reply());
    const outcome = await resolveFlag(user, submission.value.flagId);
    if (!outcome.ok) return refused(form, outcome, submission.reply);
    return redirectWithToast(QUEUE, "openMicCoordination.toast.flagResolved");
  }
  if (intent === "hide-flagged") {
    const form = `hide-flagged-${flagKey}`;
    const submission = parseWithZod(formData, { schema: HideFlaggedSchema });
    if (submission.status !== "success") return answer(form, submission.reply());
    const outcome = await hideFlagged(user, submission.value.flagId, submission.value.reason);
    if (!outcome.ok) return refused(form, outcome, submission.reply);
    return redirectWithToast(QUEUE, "openMicCoordination.toast.hidden");
  }
  if (intent === "flag-threshold") {
    const submission = parseWithZod(formData, { schema: FlagThresholdSchema });
    if (submission.status !== "success") return answer("flag-threshold", submission.reply());
    const outcome = await setFlagThreshold(user, submission.value.flagsToHide);
    if (!outcome.ok) refusalReply(outcome, submission.reply, {});
    return redirectWithToast(QUEUE, "posting.flagThreshold.saved");
  }
  throw badRequest();
}

export default function ModerationQueuePage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { pending, flags, counts, flagThreshold, mayChangeThreshold } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as FormAnswer;
  const when = (value: string) => formatDate(lang, value, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="page om-coordination">
      <h1>{t("openMicCoordination.queue.title")}</h1>
      <p>{t("openMicCoordination.queue.intro")}</p>
      <nav aria-label={t("openMicCoordination.queue.more")} className="om-links">
        <ul className="plain">
          <li>
            <Link to="/open-mic/moderation/protokoll">{t("openMicCoordination.log.title")}</Link>
          </li>
          <li>
            <Link to="/open-mic/wiedervorlage">{t("openMicCoordination.reviews.linkWithCount", { count: counts.reviews })}</Link>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="pending-heading" className="om-section">
        <h2 id="pending-heading">{t("openMicCoordination.queue.pendingTitle", { count: counts.pending })}</h2>
        {pending.length === 0 ? <p>{t("openMicCoordination.queue.pendingEmpty")}</p> : null}
        <ul className="plain om-queue">
          {pending.map((topic) => (
            <li key={topic.id} className="card om-queue__item">
              <article aria-labelledby={`pending-${topic.id}`}>
                <h3 id={`pending-${topic.id}`} className="om-queue__title">
                  <Link to={`/open-mic/${topic.id}/moderieren`}>{t("openMicCoordination.topicTitle", { id: topic.id, title: topic.title })}</Link>
                </h3>
                <p className="hit__meta">
                  {t("openMicCoordination.queue.submittedBy", { name: topic.guestName || t("openMicCoordination.moderate.guestUnnamed"), date: when(topic.createdAt) })}
                  {topic.guestEmail ? ` · ${topic.guestEmail}` : ` · ${t("openMicCoordination.queue.noEmail")}`}
                  {topic.banned ? (
                    <>
                      {" "}
                      <span className="badge om-badge--warning">{t("openMicCoordination.moderate.banned")}</span>
                    </>
                  ) : null}
                  {topic.town ? ` · ${topic.town}` : ""}
                  {topic.categoryLabels ? ` · ${topic.categoryLabels[lang] ?? topic.categoryLabels.de ?? ""}` : ""}
                </p>
                <div {...postLanguageProps(topic.language, lang)}>
                  <ModerationText text={topic.body} />
                </div>
                <FindingsSummary findings={topic.findings} />
                <div className="om-actions">
                  <ActionForm
                    id={`approve-${topic.id}`}
                    intent="approve"
                    hidden={{ topicId: String(topic.id) }}
                    lastResult={resultFor(answer, `approve-${topic.id}`)}
                    submitLabel={t("openMicCoordination.approveNumber", { id: topic.id })}
                    secondary={false}
                  />
                  <ActionForm
                    id={`hide-${topic.id}`}
                    intent="hide"
                    hidden={{ topicId: String(topic.id) }}
                    lastResult={resultFor(answer, `hide-${topic.id}`)}
                    reasonLabel={t("openMicCoordination.reasonShown")}
                    submitLabel={t("openMicCoordination.queue.hideNumber", { id: topic.id })}
                  />
                </div>
                <p>
                  <Link to={`/open-mic/${topic.id}/moderieren?datenschutz=1#bearbeiten`}>{t("openMicCoordination.removePersonalData")}</Link>
                  {" · "}
                  <Link to={`/open-mic/${topic.id}/moderieren`}>{t("openMicCoordination.queue.allTools")}</Link>
                </p>
              </article>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="flags-heading" className="om-section">
        <h2 id="flags-heading">{t("openMicCoordination.queue.flagsTitle", { count: counts.flags })}</h2>
        {flags.length === 0 ? <p>{t("openMicCoordination.queue.flagsEmpty")}</p> : null}
        <ul className="plain om-queue">
          {flags.map((flag) => (
            <li key={flag.id} className="card om-queue__item">
              <article aria-labelledby={`flag-${flag.id}`}>
                <h3 id={`flag-${flag.id}`} className="om-queue__title">
                  {flag.onReply ? t("openMicCoordination.queue.flagOnReply", { title: flag.topicTitle }) : t("openMicCoordination.queue.flagOnTopic", { title: flag.topicTitle })}
                </h3>
                <p className="hit__meta">
                  <strong>{t(`openMicCoordination.flagReasons.${flag.reason}`)}</strong> ·{" "}
                  {t("openMicCoordination.queue.reportedBy", { name: flag.reporterName ?? t("openMicCoordination.formerMember"), date: when(flag.createdAt) })}
                  {flag.held ? (
                    <>
                      {" "}
                      <span className="badge om-badge--warning">{t("posting.held.queueBadge")}</span>
                    </>
                  ) : flag.hidden ? (
                    ` · ${t("openMicCoordination.queue.alreadyHidden")}`
                  ) : (
                    ""
                  )}
                </p>
                {flag.note ? (
                  <p>
                    {t("openMicCoordination.queue.note")} {flag.note}
                  </p>
                ) : null}
                <ModerationText text={flag.text} />
                <FindingsSummary findings={flag.findings} />
                <div className="om-actions">
                  <ActionForm
                    id={`resolve-${flag.id}`}
                    intent="resolve"
                    hidden={{ flagId: flag.id }}
                    lastResult={resultFor(answer, `resolve-${flag.id}`)}
                    submitLabel={flag.held ? t("posting.held.restore") : t("openMicCoordination.queue.resolve")}
                  />
                  {flag.hidden && !flag.held ? null : (
                    <ActionForm
                      id={`hide-flagged-${flag.id}`}
                      intent="hide-flagged"
                      hidden={{ flagId: flag.id }}
                      lastResult={resultFor(answer, `hide-flagged-${flag.id}`)}
                      reasonLabel={t("openMicCoordination.reasonShown")}
                      submitLabel={flag.held ? t("posting.held.hideForGood") : t("openMicCoordination.queue.hideFlagged")}
                    />
                  )}
                </div>
                <p>
                  <Link to={`/open-mic/${flag.topicId}/moderieren?${flag.replyId ? `antwort=${flag.replyId}&` : ""}datenschutz=1#bearbeiten`}>{t("openMicCoordination.removePersonalData")}</Link>
                  {" · "}
                  <Link to={`/open-mic/${flag.topicId}/moderieren${flag.replyId ? `#antwort-${flag.replyId}` : ""}`}>{t("openMicCoordination.queue.allTools")}</Link>
                </p>
              </article>
            </li>
          ))}
        </ul>
      </section>

      <FlagThresholdSection threshold={flagThreshold} mayChange={mayChangeThreshold} lastResult={resultFor(answer, "flag-threshold")} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
