import { Form, Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { formatDate } from "#app/utils/misc";
import type { Kind } from "./notification-schemas";

export type NotificationView = { id: string; kind: Kind; topicId: number | null; topicTitle: string | null; status: string | null; read: boolean; createdAt: string };

/** The sentence a notification reads as; never a person's name, so nothing anonymous can leak. */
export function useNotificationText() {
  const { t } = useTranslation();
  return (item: NotificationView) => {
    const title = item.topicTitle ?? t("notifications.item.hiddenTopic", { id: item.topicId ?? "" });
    const status = item.status ? t(`notifications.status.${item.status}`) : "";
    return t(`notifications.item.${item.kind}`, { title, status });
  };
}

/**
 * The person's notifications, newest first. Each opens through /konto/benachrichtigungen/:id, which
 * marks it read and leads on to the topic; unread ones can also be marked read in place.
 */
export function NotificationList({ items, lang, page }: { items: NotificationView[]; lang: string; page: number }) {
  const { t } = useTranslation();
  const textOf = useNotificationText();
  return (
    <ul className="notification-list">
      {items.map((item) => {
        const text = textOf(item);
        return (
          <li key={item.id} className={item.read ? "notification" : "notification notification--unread"}>
            <p className="notification__text">
              {item.read ? null : <span className="notification__badge">{t("notifications.list.unread")}</span>}
              <Link to={`/konto/benachrichtigungen/${item.id}`}>{text}</Link>
            </p>
            <p className="notification__meta">
              <time dateTime={item.createdAt}>{formatDate(lang, item.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
            </p>
            {item.read ? null : (
              <Form method="post" className="notification__action">
                <input type="hidden" name="id" value={item.id} />
                <input type="hidden" name="seite" value={page} />
                <button type="submit" name="intent" value="read" className="link-button" aria-label={t("notifications.list.markReadLabel", { text })}>
                  {t("notifications.list.markRead")}
                </button>
              </Form>
            )}
          </li>
        );
      })}
    </ul>
  );
}
