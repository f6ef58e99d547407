import type { RateLimit } from "#app/utils/rate-limit.server";

// The accessibility statement's fixed facts and the feedback form's limits, in one place for the
// pages, the action, the mails and the tests.

/** The day the statement was written, and the day it was last reviewed (ISO dates, shown per language). */
export const STATEMENT_CREATED = "2026-12-07";
export const STATEMENT_REVIEWED = "2026-12-07";

/** Where the statement and its form live, and where coordinators read what came in. */
export const STATEMENT_PATH = "/barrierefreiheit";
export const FEEDBACK_ADMIN_PATH = "/verwaltung/barrierefreiheit";
export const EASY_LANGUAGE_PATH = "/leichte-sprache";

export const FEEDBACK_MESSAGE_MAX = 5000;
export const FEEDBACK_PAGE_MAX = 500;
export const FEEDBACK_NAME_MAX = 120;
export const FEEDBACK_EMAIL_MAX = 254;

/**
 * Rate limits of the form, like the Open Mic's for guests: 5 messages per address, then one every 10
 * minutes; a signed-in sender has a bucket of their own as well, so many people behind one address
 * are held back by the address only.
 */
export const FEEDBACK_LIMITS = {
  address: { capacity: 5, refillPerSecond: 1 / 600 },
  member: { capacity: 5, refillPerSecond: 1 / 600 },
} satisfies Record<string, RateLimit>;

/** Filters of the coordinators' list: open items (the default) or those already handled. */
export const FEEDBACK_FILTERS = ["offen", "erledigt"] as const;
export type FeedbackFilter = (typeof FEEDBACK_FILTERS)[number];

export const FEEDBACK_PER_PAGE = 20;

/** The filter named in the query string; anything else is the default. */
export function feedbackFilterFrom(value: unknown): FeedbackFilter {
  return FEEDBACK_FILTERS.includes(value as FeedbackFilter) ? (value as FeedbackFilter) : "offen";
}
