import { useTranslation } from "#app/utils/use-translation";
import type { UserStatus } from "#db/schema/user-enums";

/** An account's status for the people list: blocked wins over an unconfirmed address. */
export function statusOf(person: { blockedAt: string | Date | null; emailVerifiedAt: string | Date | null }): UserStatus {
  if (person.blockedAt) return "blocked";
  return person.emailVerifiedAt ? "active" : "unconfirmed";
}

export function StatusBadge({ person }: { person: { blockedAt: string | null; emailVerifiedAt: string | null } }) {
  const { t } = useTranslation();
  const status = statusOf(person);
  return <span className={status === "active" ? "badge badge--open" : "badge"}>{t(`admin.statuses.${status}`)}</span>;
}
