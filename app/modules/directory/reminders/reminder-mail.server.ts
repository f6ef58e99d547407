import { getEnv } from "#app/utils/env.server";
import { DEFAULT_LANGUAGE } from "#app/utils/i18n";
import { getFixedT, isSupportedLanguage } from "#app/utils/i18n.server";
import { formatDate } from "#app/utils/misc";

export type ReminderEntry = { kind: "partner" | "service"; slug: string; name: string; lastVerifiedAt: Date | null };
type Recipient = { email: string; displayName: string; locale: string | null };

/** Where an entry is corrected and marked as checked: its edit page. */
export function entryEditPath(entry: Pick<ReminderEntry, "kind" | "slug">): string {
  return entry.kind === "partner" ? `/verzeichnis/partner/${encodeURIComponent(entry.slug)}/bearbeiten` : `/verzeichnis/angebote/${encodeURIComponent(entry.slug)}/bearbeiten`;
}

/** The page where a partner's editors mark its entries as checked. */
export function checkPath(partnerSlug: string): string {
  return `/verzeichnis/partner/${encodeURIComponent(partnerSlug)}/pruefen`;
}

/** The reminder to one editor, in their language: every unchecked entry with its link. */
export function buildReminderMail(recipient: Recipient, partner: { name: string; slug: string }, entries: ReminderEntry[]) {
  const lang = recipient.locale && isSupportedLanguage(recipient.locale) ? recipient.locale : DEFAULT_LANGUAGE;
  const t = getFixedT(lang);
  const origin = getEnv().APP_URL;
  // A partner's name is typed by people: one line, so it cannot break the subject header.
  const name = partner.name.replace(/\s+/g, " ").trim();
  // The "geprüft" action: one page for all of the partner's entries.
  const link = `${origin}${checkPath(partner.slug)}`;
  const lines = [
    t("mail.greeting", { name: recipient.displayName }),
    "",
    t("dataCare.reminders.mail.intro", { partner: name }),
    "",
    t("dataCare.reminders.mail.howTo"),
    link,
    "",
    t("dataCare.reminders.mail.entries"),
  ];
  for (const entry of entries) {
    const label = entry.kind === "partner" ? t("dataCare.reminders.mail.partnerEntry", { partner: name }) : t("dataCare.reminders.mail.serviceEntry", { name: entry.name });
    const checked = entry.lastVerifiedAt ? t("dataCare.reminders.mail.checkedOn", { date: formatDate(lang, entry.lastVerifiedAt) }) : t("dataCare.reminders.mail.never");
    lines.push(`- ${label} (${checked})`, `  ${origin}${entryEditPath(entry)}`);
  }
  lines.push("", "-- ", t("dataCare.reminders.mail.why", { partner: name }), "", t("mail.signature"));
  return { to: recipient.email, subject: t("dataCare.reminders.mail.subject", { partner: name }), text: lines.join("\n"), link };
}
