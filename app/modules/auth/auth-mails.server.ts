import { mailLanguage } from "#app/modules/mail/mail-language.server";
import { sendMail } from "#app/modules/mail/mailer.server";
import { getEnv } from "#app/utils/env.server";
import { getFixedT } from "#app/utils/i18n.server";

// Every mail here goes out in the recipient's language: the account's chosen one (`locale`), else
// `lang`, the language of the page that asked for it, else German.

type Recipient = { email: string; displayName: string; locale?: string | null };

function compose(lang: string, recipient: Recipient, subjectKey: string, bodyKey: string, link: string) {
  const t = getFixedT(mailLanguage(recipient.locale, lang));
  const text = [t("mail.greeting", { name: recipient.displayName }), "", t(bodyKey), "", link, "", t("mail.ignore"), "", t("mail.signature")].join("\n");
  return sendMail({ to: recipient.email, subject: t(subjectKey), text, link });
}

export function sendVerificationMail(lang: string, recipient: Recipient, token: string) {
  const link = `${getEnv().APP_URL}/e-mail-bestaetigen?token=${encodeURIComponent(token)}`;
  return compose(lang, recipient, "mail.verifySubject", "mail.verifyBody", link);
}

export function sendPasswordResetMail(lang: string, recipient: Recipient, token: string) {
  const link = `${getEnv().APP_URL}/passwort-zuruecksetzen?token=${encodeURIComponent(token)}`;
  return compose(lang, recipient, "mail.resetSubject", "mail.resetBody", link);
}

/** The confirmation link for a new address, sent to that new address. */
export function sendEmailChangeMail(lang: string, recipient: Recipient, token: string) {
  const link = `${getEnv().APP_URL}/konto/profil?token=${encodeURIComponent(token)}`;
  return compose(lang, recipient, "accountSettings.mail.changeSubject", "accountSettings.mail.changeBody", link);
}

/** Tells the old address that a change to another one was requested; the link leads to the sessions page. */
export function sendEmailChangeNotice(lang: string, recipient: Recipient, newEmail: string) {
  const t = getFixedT(mailLanguage(recipient.locale, lang));
  const link = `${getEnv().APP_URL}/konto/sicherheit`;
  const text = [
    t("mail.greeting", { name: recipient.displayName }),
    "",
    t("accountSettings.mail.noticeBody", { email: newEmail }),
    "",
    t("accountSettings.mail.noticeAction"),
    "",
    link,
    "",
    t("mail.signature"),
  ].join("\n");
  return sendMail({ to: recipient.email, subject: t("accountSettings.mail.noticeSubject"), text, link });
}
