import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ModerationLogTable } from "#app/components/moderation-log";
import type { TFunction } from "#app/utils/i18n";
import { formatDate } from "#app/utils/misc";
import type { AdminLogAction, UserRole } from "#db/schema/user-enums";

export type AdminLogRow = {
  id: string;
  action: AdminLogAction;
  before: Record<string, string | null>;
  after: Record<string, string | null>;
  reason: string;
  createdAt: string;
  actorName: string | null;
  targetId: string | null;
  targetName: string | null;
};

/** What an entry of the admin log did, in words: the action with its before and after. */
export function describeAdminLogEntry(t: TFunction, lang: string, entry: Pick<AdminLogRow, "action" | "before" | "after">): string {
  const { action, before, after } = entry;
  const role = (value: string | null | undefined) => (value ? t(`admin.roles.${value as UserRole}`) : "–");
  switch (action) {
    case "role_changed":
      return t("admin.log.actions.role_changed", { before: role(before.role), after: role(after.role) });
    case "blocked":
      return after.sessionsEnded && after.sessionsEnded !== "0" ? t("admin.log.actions.blocked_sessions", { count: Number(after.sessionsEnded) }) : t("admin.log.actions.blocked");
    case "session_ended":
      return t("admin.log.actions.session_ended", { date: before.sessionStartedAt ? formatDate(lang, before.sessionStartedAt, { dateStyle: "medium", timeStyle: "short" }) : "–" });
    case "sessions_ended":
      return t("admin.log.actions.sessions_ended", { count: Number(before.sessions ?? 0) });
    case "invited":
    case "invitation_resent":
    case "invitation_revoked":
      // The invitee has no account yet, so the address is in the entry itself.
      return t(`admin.log.actions.${action}`, { email: after.email ?? before.email ?? "–" });
    case "partner_merged":
      // No account is involved: the partners' names are in the entry itself.
      return t("admin.log.actions.partner_merged_named", { from: before.partner ?? "–", into: after.partner ?? "–" });
    default:
      return t(`admin.log.actions.${action}`);
  }
}

/** The admin log as a table: when, who, what, to which account, why. */
export function AdminLogTable({ entries, lang }: { entries: AdminLogRow[]; lang: string }) {
  const { t } = useTranslation();
  return (
    <ModerationLogTable
      caption={t("admin.log.title")}
      columns={[t("admin.log.when"), t("admin.log.who"), t("admin.log.what"), t("admin.log.person"), t("admin.log.why")]}
      className="admin-table"
      rows={entries.map((entry) => ({
        id: entry.id,
        createdAt: entry.createdAt,
        actor: entry.actorName ?? t("admin.log.formerAccount"),
        action: describeAdminLogEntry(t, lang, entry),
        subject:
          entry.action === "partner_merged" ? "–" : entry.targetId && entry.targetName ? <Link to={`/verwaltung/personen/${entry.targetId}`}>{entry.targetName}</Link> : t("admin.log.formerAccount"),
        reason: entry.reason,
      }))}
    />
  );
}
