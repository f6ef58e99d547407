import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "#app/utils/use-translation";
import type { RetentionPeriods } from "./retention.server";

const DATA = ["accounts", "profiles", "openMic", "groups", "directory", "logs", "notifications", "cookies"] as const;
const PURPOSES = ["contract", "publicTask", "security", "consent"] as const;

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * The privacy notice (/datenschutz). The operator is named where the imprint names it (one text for
 * both pages); every storage period is the one the daily clean-up job enforces.
 */
export function PrivacyNotice({ periods, mailProvider }: { periods: RetentionPeriods; mailProvider: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t("privacy.notice.title")}</h1>
      <p>{t("privacy.notice.intro")}</p>
      <Part id="controller" title={t("privacy.notice.controllerHeading")}>
        <p>{t("privacy.notice.controller")}</p>
        <p>{t("legal.imprintText")}</p>
        <p>
          <Link to="/impressum">{t("privacy.notice.controllerLink")}</Link>
        </p>
      </Part>
      <Part id="data" title={t("privacy.notice.dataHeading")}>
        <ul>
          {DATA.map((key) => (
            <li key={key}>{t(`privacy.notice.data.${key}`)}</li>
          ))}
          <li>{t("accessibility.privacy.data")}</li>
        </ul>
      </Part>
      <Part id="purposes" title={t("privacy.notice.purposesHeading")}>
        <ul>
          {PURPOSES.map((key) => (
            <li key={key}>{t(`privacy.notice.purposes.${key}`)}</li>
          ))}
        </ul>
      </Part>
      <Part id="recipients" title={t("privacy.notice.recipientsHeading")}>
        <p>
          {t("privacy.notice.recipients")}
          {mailProvider ? ` ${t("privacy.notice.recipientsMail")}` : null}
        </p>
      </Part>
      <Part id="retention" title={t("privacy.notice.retentionHeading")}>
        <p>{t("privacy.notice.retentionIntro")}</p>
        <ul>
          <li>{t("privacy.notice.retention.unconfirmed", { days: periods.unconfirmedAccountDays })}</li>
          <li>{t("privacy.notice.retention.invitations", { days: periods.invitationDays })}</li>
          <li>{t("privacy.notice.retention.notifications", { read: periods.readNotificationDays, unread: periods.unreadNotificationDays })}</li>
          <li>{t("privacy.notice.retention.mails", { days: periods.outboxMailDays })}</li>
          <li>{t("privacy.notice.retention.throttle", { days: periods.throttleDays })}</li>
          <li>{t("privacy.notice.retention.exports", { hours: periods.dataExportHours })}</li>
          <li>{t("privacy.notice.retention.zeroResultSearches", { days: periods.zeroResultSearchDays })}</li>
          <li>{t("accessibility.privacy.retention", { days: periods.accessibilityFeedbackDays })}</li>
          <li>{t("privacy.notice.retention.sessions", { idle: periods.sessionIdleDays, max: periods.sessionMaxDays })}</li>
        </ul>
        <p>{t("privacy.notice.retention.deletion")}</p>
      </Part>
      <Part id="rights" title={t("privacy.notice.rightsHeading")}>
        <ul>
          <li>
            {t("privacy.notice.rights.access")} <Link to="/konto/daten">{t("privacy.notice.linkData")}</Link>
          </li>
          <li>
            {t("privacy.notice.rights.rectification")} <Link to="/konto/profil">{t("privacy.notice.linkProfile")}</Link>
          </li>
          <li>
            {t("privacy.notice.rights.erasure")} <Link to="/konto/daten">{t("privacy.notice.linkData")}</Link>
          </li>
          <li>{t("privacy.notice.rights.restriction")}</li>
          <li>{t("privacy.notice.rights.complaint")}</li>
        </ul>
      </Part>
      <Part id="contact" title={t("privacy.notice.contactHeading")}>
        <p>
          {t("privacy.notice.contact")} <Link to="/impressum">{t("privacy.notice.linkImprint")}</Link>
        </p>
      </Part>
    </div>
  );
}
