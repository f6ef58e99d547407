import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { MarkdownHtml, type RenderedMarkdown } from "#app/components/markdown-html";
import { formatDate, useRootData } from "#app/utils/misc";
import type { PersonalDataSummary } from "./personal-data";
import { postLanguageProps } from "./post-language";
import { PostLanguageNote } from "./post-language-note";
import type { AuthorView } from "./topic-views";

export const when = (lang: string, value: string) => formatDate(lang, value, { dateStyle: "medium", timeStyle: "short" });

/** A topic's status as a badge, in words. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge topic-status topic-status--${status}`}>{t(`openMic.status.${status}`)}</span>;
}

/** Who wrote something, as this viewer may know it: "anonym" hides the name from all but coordinators. */
export function useAuthorName() {
  const { t } = useTranslation();
  return (author: AuthorView) => {
    switch (author.kind) {
      case "member":
        return author.name ?? t("openMic.formerMember");
      case "anonymous":
        return author.name ? t("openMic.anonymousFor", { name: author.name }) : t("openMic.anonymous");
      case "guest":
        return author.name ? t("openMic.guestNamed", { name: author.name }) : t("openMic.guest");
      default:
        return t("openMic.formerMember");
    }
  };
}

/** "7 Anliegen warten auf eine Antwort, das älteste seit 12 Tagen." */
export function WaitingSummary({ count, oldestDays }: { count: number; oldestDays: number | null }) {
  const { t } = useTranslation();
  const days = oldestDays ?? 0;
  const text =
    count === 0
      ? t("openMic.waiting.none")
      : count === 1
        ? days === 0
          ? t("openMic.waiting.singleToday")
          : t("openMic.waiting.single", { count: days })
        : `${t("openMic.waiting.many", { count })}${days === 0 ? t("openMic.waiting.oldestToday") : t("openMic.waiting.oldest", { count: days })}`;
  return <p className="waiting">{text}</p>;
}

type ListTopic = { id: number; title: string; language?: string; status: string; category: string | null; town: string | null; supports: number; replies: number; ageDays: number };

/** One topic in the list: title (marked with its language), status, Themenfeld, place, supports, replies, age and language. */
export function TopicListItem({ topic }: { topic: ListTopic }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  return (
    <li className="topic-list__item">
      <h2 className="topic-list__title">
        <Link to={`/open-mic/${topic.id}`} {...postLanguageProps(topic.language, lang)}>
          {topic.title}
        </Link>
      </h2>
      <p className="topic-list__meta">
        <StatusBadge status={topic.status} />
        {topic.category ? <span>{topic.category}</span> : null}
        {topic.town ? <span>{topic.town}</span> : null}
        <span>{t("openMic.supports", { count: topic.supports })}</span>
        <span>{t("openMic.replies", { count: topic.replies })}</span>
        <span>{topic.ageDays === 0 ? t("openMic.age.today") : t("openMic.age.days", { count: topic.ageDays })}</span>
        <PostLanguageNote language={topic.language} />
      </p>
    </li>
  );
}

/** The warning before posting: what looks like personal data, by kind, with the text found. */
export function PersonalDataWarning({ summary, live, children }: { summary: PersonalDataSummary; live: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  if (summary.length === 0) return null;
  return (
    <div className="notice personal-data" role={live ? "status" : "alert"}>
      <p className="personal-data__title">
        <strong>{t("openMic.personalData.title")}</strong>
      </p>
      <p>{t("openMic.personalData.intro")}</p>
      <ul>
        {summary.map((entry) => (
          <li key={entry.type}>
            {t(`openMic.personalData.types.${entry.type}`)}:{" "}
            {entry.snippets.map((snippet, index) => (
              <span key={snippet}>
                {index > 0 ? ", " : null}
                <q className="personal-data__snippet">{snippet}</q>
              </span>
            ))}
          </li>
        ))}
      </ul>
      <p>{t("openMic.personalData.ways")}</p>
      {children}
    </div>
  );
}

type ServiceCard = { slug: string; name: string; partnerName: string };

/** Directory entries an answer points to: "wer hier helfen kann". */
export function ServiceCards({ services }: { services: ServiceCard[] }) {
  const { t } = useTranslation();
  if (services.length === 0) return null;
  return (
    <div className="answer__services">
      <p className="answer__services-title">{t("openMic.answer.services")}</p>
      <ul className="cards">
        {services.map((service) => (
          <li key={service.slug} className="card">
            <Link to={`/verzeichnis/angebote/${service.slug}`}>{service.name}</Link>
            <p className="card__partner">{service.partnerName}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

type StatusChange = { id: string; fromStatus: string; toStatus: string; answerHtml: RenderedMarkdown; plainSummary: string | null; createdAt: string; by: string | null; services: ServiceCard[] };

/** An answer's summary in plain language, marked as such, before the answer itself. */
export function PlainSummary({ text }: { text: string | null }) {
  const { t } = useTranslation();
  if (!text) return null;
  return (
    <div className="notice plain-summary">
      <h3 className="plain-summary__title">{t("postLanguages.summary.title")}</h3>
      {text.split(/\n\s*\n/).map((paragraph, index) => (
        // Written in whatever language the coordinator chose: each paragraph takes the direction of its text.
        <p key={index} dir="auto">
          {paragraph.trim()}
        </p>
      ))}
    </div>
  );
}

/** The official answer, shown on top: text, who answered and when, and the service cards. */
export function OfficialAnswer({ answer }: { answer: StatusChange }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  return (
    <section className="answer" aria-labelledby="antwort-heading">
      <h2 id="antwort-heading">{t("openMic.answer.title")}</h2>
      <PlainSummary text={answer.plainSummary} />
      <p className="answer__meta">
        <StatusBadge status={answer.toStatus} />
        <span>{t("openMic.answer.by", { name: answer.by ?? t("openMic.answer.coordination") })}</span>
        <time dateTime={answer.createdAt}>{when(lang, answer.createdAt)}</time>
      </p>
      <MarkdownHtml html={answer.answerHtml} />
      <ServiceCards services={answer.services} />
    </section>
  );
}

/** Every status change with its answer, oldest first. */
export function StatusHistory({ history }: { history: StatusChange[] }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  if (history.length === 0) return null;
  return (
    <section aria-labelledby="verlauf-heading" className="history">
      <h2 id="verlauf-heading">{t("openMic.history.title")}</h2>
      <ol className="history__list">
        {history.map((change) => (
          <li key={change.id} className="history__item">
            <p className="history__meta">
              <time dateTime={change.createdAt}>{when(lang, change.createdAt)}</time>
              <span>{t("openMic.history.change", { from: t(`openMic.status.${change.fromStatus}`), to: t(`openMic.status.${change.toStatus}`) })}</span>
              <span>{t("openMic.answer.by", { name: change.by ?? t("openMic.answer.coordination") })}</span>
            </p>
            <PlainSummary text={change.plainSummary} />
            <MarkdownHtml html={change.answerHtml} />
            <ServiceCards services={change.services} />
          </li>
        ))}
      </ol>
    </section>
  );
}

type Moderated = { at: string; changes: { previousTitle: string | null; previousBody: string | null; reason: string; createdAt: string }[] | null } | null;

/** "Bearbeitet von der Moderation", and for the author and coordinators what it was before. */
export function ModerationEdits({ moderated }: { moderated: Moderated }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  if (!moderated) return null;
  return (
    <div className="moderated">
      <p className="moderated__note">{t("openMic.moderated.note", { date: when(lang, moderated.at) })}</p>
      {moderated.changes ? (
        <details className="moderated__details">
          <summary>{t("openMic.moderated.show")}</summary>
          <ol className="plain">
            {moderated.changes.map((change) => (
              <li key={change.createdAt} className="moderated__change">
                <p>
                  <time dateTime={change.createdAt}>{when(lang, change.createdAt)}</time>
                  {change.reason ? ` · ${t("openMic.moderated.reason", { reason: change.reason })}` : null}
                </p>
                {change.previousTitle !== null ? (
                  <p>
                    {t("openMic.moderated.previousTitle")} <q>{change.previousTitle}</q>
                  </p>
                ) : null}
                {change.previousBody !== null ? (
                  <>
                    <p>{t("openMic.moderated.previousBody")}</p>
                    <blockquote className="moderated__previous">{change.previousBody}</blockquote>
                  </>
                ) : null}
                {change.previousTitle === null && change.previousBody === null ? <p>{t("openMic.moderated.notKept")}</p> : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
