// How long each kind of personal data is kept: the one place that the scheduled clean-up jobs and
// the privacy notice (/datenschutz) both read, so the notice always says what the jobs do.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Retention periods in days (data exports: in hours), by kind of data. */
export const RETENTION = {
  /** An account whose address was never confirmed and which was not used for this long is deleted. */
  unconfirmedAccountDays: 30,
  /** A network invitation is deleted this long after it ended (expired, revoked or accepted). */
  invitationDays: 90,
  /** Read notifications are deleted after this long. */
  readNotificationDays: 180,
  /** Unread notifications are deleted after this long. */
  unreadNotificationDays: 365,
  /** Mails in the local outbox folder (without SMTP) are deleted after this long. */
  outboxMailDays: 30,
  /** Sign-in throttling rows are deleted after this long without an attempt. */
  throttleDays: 1,
  /** Searches in the directory that found nothing (query text and a count per day, nothing about the person). */
  zeroResultSearchDays: 90,
  /** Feedback from the accessibility statement, once a coordinator marked it as handled (open feedback stays). */
  accessibilityFeedbackDays: 365,
  /** A data export can be downloaded for this long after it is ready, then it is deleted. */
  dataExportHours: 24,
} as const;

/** The moment `days` days before `now`. */
export const daysBefore = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);

/** The moment `hours` hours after `from`. */
export const hoursAfter = (from: Date, hours: number): Date => new Date(from.getTime() + hours * 60 * 60 * 1000);
