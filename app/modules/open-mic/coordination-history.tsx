import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { MarkdownHtml, type RenderedMarkdown } from "#app/components/markdown-html";
import { formatDate, useRootData } from "#app/utils/misc";
import type { TopicStatus } from "#db/schema/open-mic-enums";
import { PlainSummary } from "./topic-parts";

type HistoryEntry = {
  id: string;
  fromStatus: TopicStatus;
  toStatus: TopicStatus;
  answerHtml: RenderedMarkdown;
  plainSummary: string | null;
  createdAt: string;
  actorName: string | null;
  groupName: string | null;
  groupSlug: string | null;
  routed: boolean;
  taskId: string | null;
  services: { name: string; slug: string; partnerName: string }[];
};

/** The topic's status changes with their answers, newest first, as coordinators review them. */
export function StatusHistory({ history }: { history: HistoryEntry[] }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  return (
    <section aria-labelledby="history-heading" className="om-history">
      <h2 id="history-heading">{t("openMicCoordination.status.history")}</h2>
      {history.length === 0 ? (
        <p>{t("openMicCoordination.status.historyEmpty")}</p>
      ) : (
        <ol className="plain">
          {history.map((entry) => (
            <li key={entry.id} className="om-history__entry">
              <p className="om-history__meta">
                <strong>{t("openMicCoordination.status.historyMove", { from: t(`openMicCoordination.statuses.${entry.fromStatus}`), to: t(`openMicCoordination.statuses.${entry.toStatus}`) })}</strong>{" "}
                · <time dateTime={entry.createdAt}>{formatDate(lang, entry.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time> · {entry.actorName ?? t("openMicCoordination.formerMember")}
              </p>
              {entry.routed ? (
                <p>
                  {t("openMicCoordination.status.handedTo")}{" "}
                  {entry.groupSlug && entry.groupName ? <Link to={`/arbeitsgruppen/${entry.groupSlug}`}>{entry.groupName}</Link> : t("openMicCoordination.hiddenGroup")}
                  {entry.groupSlug && entry.taskId ? (
                    <>
                      {" · "}
                      <Link to={`/arbeitsgruppen/${entry.groupSlug}/aufgaben/${entry.taskId}`}>{t("openMicCoordination.status.taskLink")}</Link>
                    </>
                  ) : null}
                </p>
              ) : null}
              <PlainSummary text={entry.plainSummary} />
              <MarkdownHtml html={entry.answerHtml} />
              {entry.services.length > 0 ? (
                <p>
                  {t("openMicCoordination.status.servicesPointed")}{" "}
                  {entry.services.map((service, index) => (
                    <span key={service.slug}>
                      {index > 0 ? ", " : ""}
                      <Link to={`/verzeichnis/angebote/${service.slug}`}>{service.name}</Link> ({service.partnerName})
                    </span>
                  ))}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
