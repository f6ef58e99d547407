import { Form } from "@remix-run/react";
import { StatusButton } from "#app/components/forms";
import { formatDate } from "#app/utils/misc";
import { useTranslation } from "#app/utils/use-translation";

export type FeedbackItem = {
  id: string;
  message: string;
  pageUrl: string | null;
  name: string | null;
  email: string | null;
  language: string;
  languageName: string;
  member: boolean;
  createdAt: string;
  handledAt: string | null;
  handledByName: string | null;
};

const when = (lang: string, value: string) => formatDate(lang, value, { dateStyle: "medium", timeStyle: "short" });

/** One piece of feedback: what was sent, by whom (as far as they said), and the button that settles it. */
function FeedbackEntry({ item, lang }: { item: FeedbackItem; lang: string }) {
  const { t } = useTranslation();
  const none = t("accessibility.admin.none");
  const headingId = `feedback-${item.id}`;
  return (
    <li>
      <article className="feedback-item" aria-labelledby={headingId}>
        <h2 id={headingId}>{t("accessibility.admin.itemHeading", { date: when(lang, item.createdAt) })}</h2>
        {/* The sender wrote in the page's language, as far as anyone knows. */}
        <p className="feedback-item__message" lang={item.language} dir="auto">
          {item.message}
        </p>
        <dl className="feedback-item__facts">
          <dt>{t("accessibility.admin.page")}</dt>
          <dd>{item.pageUrl ? <bdi>{item.pageUrl}</bdi> : none}</dd>
          <dt>{t("accessibility.admin.name")}</dt>
          <dd>{item.name ? <bdi>{item.name}</bdi> : none}</dd>
          <dt>{t("accessibility.admin.email")}</dt>
          <dd>
            {item.email ? (
              <a href={`mailto:${item.email}`}>
                <bdi>{item.email}</bdi>
              </a>
            ) : (
              none
            )}
          </dd>
          <dt>{t("accessibility.admin.language")}</dt>
          <dd>
            <bdi lang={item.language}>{item.languageName}</bdi>
          </dd>
          <dt>{t("accessibility.admin.sender")}</dt>
          <dd>{t(item.member ? "accessibility.admin.senderMember" : "accessibility.admin.senderGuest")}</dd>
          {item.handledAt ? (
            <>
              <dt>{t("accessibility.admin.handled")}</dt>
              <dd>
                {when(lang, item.handledAt)}
                {item.handledByName ? (
                  <>
                    {" · "}
                    <bdi>{item.handledByName}</bdi>
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
        </dl>
        <Form method="post" className="feedback-item__action">
          <input type="hidden" name="id" value={item.id} />
          <StatusButton name="intent" value={item.handledAt ? "reopen" : "handle"} className={item.handledAt ? "button button--secondary" : "button"}>
            {t(item.handledAt ? "accessibility.admin.reopen" : "accessibility.admin.markHandled")}
            <span className="visually-hidden"> {t("accessibility.admin.itemHeading", { date: when(lang, item.createdAt) })}</span>
          </StatusButton>
        </Form>
      </article>
    </li>
  );
}

/** The coordinators' list of feedback from the accessibility statement. */
export function FeedbackList({ items, lang }: { items: FeedbackItem[]; lang: string }) {
  return (
    <ul className="feedback-list">
      {items.map((item) => (
        <FeedbackEntry key={item.id} item={item} lang={lang} />
      ))}
    </ul>
  );
}
