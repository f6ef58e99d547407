import type { MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { ActionForm, resultFor, type FormAnswer } from "#app/modules/open-mic/moderation-forms";
import { FindingsSummary, ModerationText } from "#app/modules/open-mic/moderation-text";
import styles from "#app/styles/open-mic-coordination.css";
import { pageTitle } from "#app/utils/meta";
import type { action, loader } from "./data.server";
import { ModerationReplies } from "./moderation-replies";
import { ModeratorEditForm } from "./moderator-edit-form";
import { TopicFacts } from "./topic-facts";

export { action, loader } from "./data.server";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "openMicCoordination.moderate.title", ...(args.data ? [args.data.topic.title] : []));

export default function ModerateTopicPage() {
  const { t } = useTranslation();
  const { topic, replies, editing, personalData, editDefaults, findings } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as FormAnswer;
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
      <TopicFacts topic={topic} />

      <section aria-labelledby="topic-text-heading" className="om-section">
        <h2 id="topic-text-heading">{t("openMicCoordination.moderate.topicText")}</h2>
        <ModerationText text={topic.body} />
      </section>

      {!topic.approvedAt && !topic.mergedInto ? (
        <section aria-labelledby="approve-heading" className="om-section">
          <h2 id="approve-heading">{t("openMicCoordination.moderate.approveTitle")}</h2>
          <p>{t("openMicCoordination.moderate.approveIntro")}</p>
          <ActionForm id="approve" intent="approve" lastResult={resultFor(answer, "approve")} submitLabel={t("openMicCoordination.approve")} secondary={false} />
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
        <ModeratorEditForm
          key={`${editKey}-${personalData}`}
          replyId={editing?.id ?? null}
          title={editDefaults.title}
          body={editDefaults.body}
          guestName={editDefaults.guestName}
          town={editDefaults.town}
          personalData={personalData}
          lastResult={resultFor(answer, editKey)}
        />
      </section>

      <section aria-labelledby="hide-heading" className="om-section">
        <h2 id="hide-heading">{t("openMicCoordination.moderate.hideTitle")}</h2>
        {topic.hiddenAt ? (
          <ActionForm
            id="unhide-topic"
            intent="unhide"
            lastResult={resultFor(answer, "unhide-topic")}
            reasonLabel={t("openMicCoordination.reasonOptional")}
            submitLabel={t("openMicCoordination.moderate.unhideTopic")}
          />
        ) : null}
        {topic.hiddenAt && !topic.hiddenByFlags ? null : (
          <ActionForm
            id="hide-topic"
            intent="hide"
            lastResult={resultFor(answer, "hide-topic")}
            reasonLabel={t("openMicCoordination.reasonShown")}
            submitLabel={t("openMicCoordination.moderate.hideTopic")}
          />
        )}
      </section>

      <section aria-labelledby="lock-heading" className="om-section">
        <h2 id="lock-heading">{t("openMicCoordination.moderate.lockTitle")}</h2>
        <p>{t("openMicCoordination.moderate.lockIntro")}</p>
        <ActionForm
          id="lock"
          intent={topic.lockedAt ? "unlock" : "lock"}
          lastResult={resultFor(answer, "lock")}
          reasonLabel={t("openMicCoordination.reasonOptional")}
          submitLabel={topic.lockedAt ? t("openMicCoordination.moderate.unlock") : t("openMicCoordination.moderate.lock")}
        />
      </section>

      {!topic.mergedInto ? (
        <section aria-labelledby="merge-heading" className="om-section">
          <h2 id="merge-heading">{t("openMicCoordination.moderate.mergeTitle")}</h2>
          <p>{t("openMicCoordination.moderate.mergeIntro")}</p>
          <ActionForm
            id="merge"
            intent="merge"
            lastResult={resultFor(answer, "merge")}
            inputs={[{ name: "keptId", label: t("openMicCoordination.moderate.mergeKept"), hint: t("openMicCoordination.moderate.mergeKeptHint"), inputMode: "numeric" }]}
            reasonLabel={t("openMicCoordination.reasonRequired")}
            submitLabel={t("openMicCoordination.moderate.mergeSubmit")}
          />
        </section>
      ) : null}

      {topic.guestEmail ? (
        <section aria-labelledby="ban-heading" className="om-section">
          <h2 id="ban-heading">{t("openMicCoordination.moderate.banTitle")}</h2>
          <p>{t("openMicCoordination.moderate.banIntro", { email: topic.guestEmail })}</p>
          <ActionForm
            id="ban"
            intent="ban"
            lastResult={resultFor(answer, "ban")}
            reasonLabel={t("openMicCoordination.reasonRequired")}
            checkboxes={[{ name: "hidePending", label: t("openMicCoordination.moderate.banHidePending"), checked: true }]}
            submitLabel={t("openMicCoordination.moderate.banSubmit")}
          />
        </section>
      ) : null}

      <ModerationReplies topicId={topic.id} replies={replies} answer={answer} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
