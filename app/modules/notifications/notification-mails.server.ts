import type { TopicStatus } from "#db/schema";
import { mailLanguage } from "#app/modules/mail/mail-language.server";
import { sendMail } from "#app/modules/mail/mailer.server";
import { getEnv } from "#app/utils/env.server";
import type { TFunction } from "#app/utils/i18n";
import { getFixedT } from "#app/utils/i18n.server";
import type { Kind } from "./notification-schemas";
import { guestUnsubscribeToken, memberUnsubscribeToken, unsubscribeHeaders, unsubscribeUrl } from "./unsubscribe.server";

/** Where the coordinators' queue lives (the moderation pages' address). */
export const MODERATION_QUEUE_PATH = "/open-mic/moderation";

/** A topic as a mail may name it: its title only when the topic is public, else "Anliegen 42". */
export type MailTopic = { id: number; title: string | null };

/** What happened, as much as a mail may tell: never the name behind "anonym", never hidden text. */
export type MailDetail =
  | { kind: "topic_reply"; by: { type: "name"; name: string } | { type: "anonymous" } | { type: "unknown" }; text: string; replyId: string }
  | { kind: "topic_status" | "topic_answer"; status: TopicStatus; answer: string; plainSummary?: string | null }
  | { kind: "moderation_queue"; flagged: boolean };

export type MemberRecipient = { userId: string; email: string; displayName: string; locale: string | null };

/** A guest who left an address with their topic; `language`: the page they wrote from (German for topics from before it was kept). */
export type GuestRecipient = { email: string; name: string | null; language: string | null };

const QUOTE_LIMIT = 1500;

/** One line for a subject: no line breaks (header injection), no runaway length. */
function oneLine(text: string, limit = 120): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > limit ? `${line.slice(0, limit - 1).trimEnd()}…` : line;
}

function quote(text: string): string {
  const cut = text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT).trimEnd()} …` : text;
  return cut
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join("\n");
}

/**
 * An answer as a mail quotes it: its plain-language summary first (when it has one), then the whole
 * answer; without a summary, the answer alone as before.
 */
function answerLines(t: TFunction, answer: string, plainSummary: string | null | undefined): string[] {
  if (!plainSummary?.trim()) return [quote(answer)];
  return [t("postLanguages.mail.summary"), quote(plainSummary), "", t("postLanguages.mail.fullAnswer"), quote(answer)];
}

export const topicUrl = (topicId: number) => `${getEnv().APP_URL}/open-mic/${topicId}`;

/** The mail a member gets for a notification of a kind they chose to receive by e-mail. */
export function buildMemberMail(recipient: MemberRecipient, topic: MailTopic, detail: MailDetail) {
  const t = getFixedT(mailLanguage(recipient.locale));
  const title = oneLine(topic.title ?? t("notifications.topicNumber", { id: topic.id }));
  const kind: Kind = detail.kind;
  const link =
    detail.kind === "moderation_queue" ? `${getEnv().APP_URL}${MODERATION_QUEUE_PATH}` : detail.kind === "topic_reply" ? `${topicUrl(topic.id)}#antwort-${detail.replyId}` : topicUrl(topic.id);
  const token = memberUnsubscribeToken(recipient.userId, kind);
  const lines: string[] = [t("mail.greeting", { name: recipient.displayName }), ""];
  if (detail.kind === "topic_reply") {
    const by = detail.by.type === "name" ? detail.by.name : detail.by.type === "anonymous" ? t("notifications.anonymous") : t("notifications.formerMember");
    lines.push(t("notifications.mail.replyIntro", { title, name: by }), "", quote(detail.text));
  } else if (detail.kind === "moderation_queue") {
    lines.push(t(detail.flagged ? "notifications.mail.flagIntro" : "notifications.mail.queueIntro", { title }));
  } else {
    const status = t(`notifications.status.${detail.status}`);
    lines.push(t(detail.kind === "topic_answer" ? "notifications.mail.answerIntro" : "notifications.mail.statusIntro", { title, status }), "", ...answerLines(t, detail.answer, detail.plainSummary));
  }
  lines.push(
    "",
    t(kind === "moderation_queue" ? "notifications.mail.toQueue" : "notifications.mail.toTopic", { link }),
    "",
    "-- ",
    t(kind === "moderation_queue" ? "notifications.mail.whyQueue" : "notifications.mail.whyTopic"),
    t("notifications.mail.settings", { link: `${getEnv().APP_URL}/konto/benachrichtigungen#einstellungen` }),
    t("notifications.mail.unsubscribe", { kind: t(`notifications.kinds.${kind}`), link: unsubscribeUrl(token) }),
    "",
    t("mail.signature"),
  );
  return {
    to: recipient.email,
    subject: t(`notifications.mail.subject.${kind}`, { title }),
    text: lines.join("\n"),
    link,
    headers: unsubscribeHeaders(token),
  };
}

/** Sends a member's notification mail; a failure is logged by the mailer and never thrown. */
export function sendMemberMail(recipient: MemberRecipient, topic: MailTopic, detail: MailDetail): Promise<boolean> {
  return sendMail(buildMemberMail(recipient, topic, detail));
}

/**
 * The official answer for a guest who left an address with their topic, in the language of the page
 * they wrote from: the plain-language summary (if any) and the answer's text, the topic's link, and a
 * link that stops all further mails to that address.
 */
export function buildGuestAnswerMail(guest: GuestRecipient, topic: MailTopic, status: TopicStatus, answer: string, plainSummary: string | null = null) {
  const t = getFixedT(mailLanguage(guest.language));
  const title = oneLine(topic.title ?? t("notifications.topicNumber", { id: topic.id }));
  const link = topicUrl(topic.id);
  const token = guestUnsubscribeToken(topic.id, guest.email);
  const greeting = guest.name?.trim() ? t("mail.greeting", { name: oneLine(guest.name, 80) }) : t("notifications.mail.guestGreeting");
  const text = [
    greeting,
    "",
    t("notifications.mail.guestIntro", { title, status: t(`notifications.status.${status}`) }),
    "",
    ...answerLines(t, answer, plainSummary),
    "",
    t("notifications.mail.toTopic", { link }),
    "",
    "-- ",
    t("notifications.mail.whyGuest"),
    t("notifications.mail.guestUnsubscribe", { link: unsubscribeUrl(token) }),
    "",
    t("mail.signature"),
  ].join("\n");
  return { to: guest.email, subject: t("notifications.mail.subject.guest", { title }), text, link, headers: unsubscribeHeaders(token) };
}

export function sendGuestAnswerMail(guest: GuestRecipient, topic: MailTopic, status: TopicStatus, answer: string, plainSummary: string | null = null): Promise<boolean> {
  return sendMail(buildGuestAnswerMail(guest, topic, status, answer, plainSummary));
}
