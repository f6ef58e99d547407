import { mailLanguage } from "#app/modules/mail/mail-language.server";
import { sendMail } from "#app/modules/mail/mailer.server";
import { getEnv } from "#app/utils/env.server";
import { getFixedT } from "#app/utils/i18n.server";
import { formatDate } from "#app/utils/misc";

/**
 * The invitation mail, in the invitation's language (the one the inviter chose for the person; German
 * if it is none of ours): who invites, to which network, the link and until when it works.
 */
export function sendInvitationMail(invitationLanguage: string, to: string, inviterName: string, token: string, expiresAt: Date) {
  const lang = mailLanguage(invitationLanguage);
  const t = getFixedT(lang);
  const link = `${getEnv().APP_URL}/einladung/${encodeURIComponent(token)}`;
  const names = { inviter: inviterName, site: t("site.name"), network: t("site.tagline") };
  const text = [
    t("invitations.mail.greeting"),
    "",
    t("invitations.mail.body", names),
    "",
    t("invitations.mail.action"),
    "",
    link,
    "",
    t("invitations.mail.expiry", { date: formatDate(lang, expiresAt) }),
    "",
    t("invitations.mail.ignore"),
    "",
    t("mail.signature"),
  ].join("\n");
  return sendMail({ to, subject: t("invitations.mail.subject", names), text, link });
}
