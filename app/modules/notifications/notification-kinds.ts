// The kinds of notification and their default channels, without the validation library: the
// preferences form and the unsubscribe page read them in the browser too.
import { notificationKinds, type NotificationChannel as Channel, type NotificationKind as Kind } from "#db/schema/open-mic-enums";

export type { Channel, Kind };

/**
 * What a person gets before choosing: replies in the app only (they can be many), status changes and
 * official answers by e-mail too (the loop a person waits for), new items in the moderation queue by
 * e-mail too (a guest's topic must not wait unseen). "email" always means in the app AND by e-mail.
 */
export const DEFAULT_CHANNELS: Record<Kind, Channel> = {
  topic_reply: "in_app",
  topic_status: "email",
  topic_answer: "email",
  moderation_queue: "email",
};

/** Kinds only coordinators and admins receive, so only they see the setting. */
export const COORDINATOR_KINDS: readonly Kind[] = ["moderation_queue"];

export const isKind = (value: unknown): value is Kind => typeof value === "string" && (notificationKinds as readonly string[]).includes(value);

export const NOTIFICATIONS_PER_PAGE = 20;
