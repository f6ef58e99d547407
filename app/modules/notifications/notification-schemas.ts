import { z } from "zod";
import { notificationChannels } from "#db/schema/open-mic-enums";

export { COORDINATOR_KINDS, DEFAULT_CHANNELS, isKind, NOTIFICATIONS_PER_PAGE, type Channel, type Kind } from "./notification-kinds";

const channel = z.enum(notificationChannels, { error: "notifications.validation.channel" });

/** The preferences form: one channel per kind; kinds a person does not see keep their value. */
export const PreferencesSchema = z.object({
  topic_reply: channel,
  topic_status: channel,
  topic_answer: channel,
  moderation_queue: channel.optional(),
});
