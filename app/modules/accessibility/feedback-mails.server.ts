import { sendMail } from "#app/modules/mail/mailer.server";
import { getEnv } from "#app/utils/env.server";
import { DEFAULT_LANGUAGE } from "#app/utils/i18n";
import { getFixedT, getMessages, isSupportedLanguage } from "#app/utils/i18n.server";
import { FEEDBACK_ADMIN_PATH } from "./accessibility-rules";
import type { FeedbackInput } from "./feedback-schema";

export type FeedbackMailRecipient = { email: string; displayName: string; locale: string | null };
export type FeedbackMailContent = FeedbackInput & { language: string; member: boolean };

/** One line for a header or a list line: no line breaks (header injection), no runaway length. */
function oneLine(text: string, limit = 200): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > limit ? `${line.slice(0, limit - 1).trimEnd()}…` : line;
}

const quote = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join("\n");

/**
 * The mail a coordinator gets for new feedback, in the coordinator's language: the message, what the
 * sender told about themselves, the page's language (the one to answer in) and the list's link. With
 * an address given, answering the mail answers the sender (Reply-To).
 */
export function buildFeedbackMail(recipient: FeedbackMailRecipient, feedback: FeedbackMailContent) {
  const lang = recipient.locale && isSupportedLanguage(recipient.locale) ? recipient.locale : DEFAULT_LANGUAGE;
  const t = getFixedT(lang);
  const none = t("accessibility.mail.none");
  const link = `${getEnv().APP_URL}${FEEDBACK_ADMIN_PATH}`;
  const language = isSupportedLanguage(feedback.language) ? getMessages(feedback.language)._meta.name : feedback.language;
  const text = [
    t("mail.greeting", { name: oneLine(recipient.displayName, 80) }),
    "",
    t("accessibility.mail.intro"),
    "",
    quote(feedback.message),
    "",
    `${t("accessibility.mail.page")}: ${feedback.pageUrl ? oneLine(feedback.pageUrl) : none}`,
    `${t("accessibility.mail.name")}: ${feedback.name ? oneLine(feedback.name, 120) : none}`,
    `${t("accessibility.mail.email")}: ${feedback.email ?? none}`,
    `${t("accessibility.mail.language")}: ${language}`,
    ...(feedback.member ? [t("accessibility.mail.member")] : []),
    "",
    t(feedback.email ? "accessibility.mail.answer" : "accessibility.mail.noAddress"),
    t("accessibility.mail.toList", { link }),
    "",
    t("mail.signature"),
  ].join("\n");
  return {
    to: recipient.email,
    subject: t("accessibility.mail.subject"),
    text,
    link,
    headers: feedback.email ? { "Reply-To": feedback.email } : undefined,
  };
}

/** Sends one coordinator's mail; a failure is logged by the mailer and never thrown. */
export function sendFeedbackMail(recipient: FeedbackMailRecipient, feedback: FeedbackMailContent): Promise<boolean> {
  return sendMail(buildFeedbackMail(recipient, feedback));
}
