import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { formatDate, useRootData } from "#app/utils/misc";
import { ActionForm, resultFor, type FormAnswer } from "#app/modules/open-mic/moderation-forms";
import { ModerationText } from "#app/modules/open-mic/moderation-text";

type Reply = {
  id: string;
  body: string;
  anonymous: boolean;
  authorName: string | null;
  partnerName: string | null;
  hiddenAt: string | null;
  hiddenReason: string | null;
  hiddenByFlags: boolean;
  createdAt: string;
  openFlags: number;
};

/** The replies of a topic with their moderation tools: edit, hide with a reason, show again. */
export function ModerationReplies({ topicId, replies, answer }: { topicId: number; replies: Reply[]; answer: FormAnswer }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  return (
    <section aria-labelledby="replies-heading" className="om-section">
      <h2 id="replies-heading">{t("openMicCoordination.moderate.replies", { count: replies.length })}</h2>
      {replies.length === 0 ? <p>{t("openMicCoordination.moderate.repliesEmpty")}</p> : null}
      <ol className="plain om-replies">
        {replies.map((reply, index) => {
          const who = reply.authorName ? (reply.anonymous ? t("openMicCoordination.moderate.anonymousBy", { name: reply.authorName }) : reply.authorName) : t("openMicCoordination.formerMember");
          return (
            <li key={reply.id} id={`antwort-${reply.id}`} className="card om-reply">
              <h3 className="om-reply__title">{t("openMicCoordination.moderate.replyNumber", { number: index + 1 })}</h3>
              <p className="hit__meta">
                {who}
                {reply.partnerName ? ` · ${t("openMicCoordination.moderate.inNameOf", { partner: reply.partnerName })}` : ""} ·{" "}
                <time dateTime={reply.createdAt}>{formatDate(lang, reply.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                {reply.openFlags > 0 ? (
                  <>
                    {" "}
                    <span className="badge om-badge--warning">{t("openMicCoordination.moderate.openFlags", { count: reply.openFlags })}</span>
                  </>
                ) : null}
              </p>
              {reply.hiddenByFlags ? (
                <p className="om-hidden-note">{t("posting.held.replyForCoordinators")}</p>
              ) : reply.hiddenAt ? (
                <p className="om-hidden-note">{t("openMicCoordination.hiddenWithReason", { reason: reply.hiddenReason ?? "" })}</p>
              ) : null}
              <ModerationText text={reply.body} />
              <p>
                <Link to={`/open-mic/${topicId}/moderieren?antwort=${reply.id}#bearbeiten`}>{t("openMicCoordination.moderate.editReply", { number: index + 1 })}</Link>
                {" · "}
                <Link to={`/open-mic/${topicId}/moderieren?antwort=${reply.id}&datenschutz=1#bearbeiten`}>{t("openMicCoordination.removePersonalData")}</Link>
              </p>
              {reply.hiddenAt ? (
                <ActionForm
                  id={`unhide-${reply.id}`}
                  intent="unhide"
                  hidden={{ replyId: reply.id }}
                  lastResult={resultFor(answer, `unhide-${reply.id}`)}
                  reasonLabel={t("openMicCoordination.reasonOptional")}
                  submitLabel={t("openMicCoordination.moderate.unhideReply", { number: index + 1 })}
                />
              ) : null}
              {reply.hiddenAt && !reply.hiddenByFlags ? null : (
                <ActionForm
                  id={`hide-${reply.id}`}
                  intent="hide"
                  hidden={{ replyId: reply.id }}
                  lastResult={resultFor(answer, `hide-${reply.id}`)}
                  reasonLabel={t("openMicCoordination.reasonShown")}
                  submitLabel={t("openMicCoordination.moderate.hideReply", { number: index + 1 })}
                />
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
