import type { ReactNode } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { formatDate, useRootData } from "#app/utils/misc";

export type SessionRow = { key: string; createdAt: string; lastUsedAt: string | null; endsAt: string };

/** Open sessions as a table (started, last used, ends), with what can be done to each in the last column. */
export function SessionTable({ sessions, caption, action }: { sessions: SessionRow[]; caption: string; action: (session: SessionRow, started: string) => ReactNode }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const when = (value: string) => formatDate(lang, value, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="table-scroll">
      <table className="admin-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("accountSettings.sessions.started")}</th>
            <th scope="col">{t("accountSettings.sessions.lastUsed")}</th>
            <th scope="col">{t("accountSettings.sessions.expires")}</th>
            <th scope="col">{t("accountSettings.sessions.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.key}>
              <td>
                <time dateTime={session.createdAt}>{when(session.createdAt)}</time>
              </td>
              <td>{session.lastUsedAt ? <time dateTime={session.lastUsedAt}>{when(session.lastUsedAt)}</time> : t("accountSettings.sessions.never")}</td>
              <td>
                <time dateTime={session.endsAt}>{when(session.endsAt)}</time>
              </td>
              <td>{action(session, when(session.createdAt))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
