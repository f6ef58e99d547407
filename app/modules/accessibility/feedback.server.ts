import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { db, type Database, type Executor } from "#db/client";
import { accessibilityFeedback, users } from "#db/schema";
import { ADMIN_AREA_ROLES } from "#app/modules/admin/admin-rules";
import { daysBefore, RETENTION } from "#app/modules/privacy/retention-periods";
import type { Refusal } from "#app/utils/http";
import { consumeRateLimit } from "#app/utils/rate-limit.server";
import { FEEDBACK_LIMITS, FEEDBACK_PER_PAGE, type FeedbackFilter } from "./accessibility-rules";
import { sendFeedbackMail, type FeedbackMailRecipient } from "./feedback-mails.server";
import type { FeedbackInput } from "./feedback-schema";

export type FeedbackSender = {
  /** The signed-in sender, whose account the feedback is linked to (export, deletion); null for a guest. */
  user: { id: string } | null;
  clientAddress: string;
  /** The UI language of the page it was sent from: the coordinators answer in it. */
  language: string;
};

/** Takes a token from every bucket of the sender; refused with the longest wait when any is empty. */
async function throttleSender(executor: Executor, sender: FeedbackSender): Promise<Refusal<"throttled"> | null> {
  const buckets = [[`a11y-feedback:address:${sender.clientAddress}`, FEEDBACK_LIMITS.address] as const];
  const all = sender.user ? [...buckets, [`a11y-feedback:user:${sender.user.id}`, FEEDBACK_LIMITS.member] as const] : buckets;
  let wait = 0;
  for (const [key, limit] of all) {
    const result = await consumeRateLimit(executor, key, limit);
    if (!result.allowed) wait = Math.max(wait, result.retryAfterSeconds);
  }
  return wait > 0 ? { ok: false, error: "throttled", retryAfterSeconds: wait } : null;
}

/** Who hears of new feedback: every coordinator and admin whose account is in use. */
export async function feedbackRecipients(executor: Executor = db): Promise<FeedbackMailRecipient[]> {
  return executor
    .select({ email: users.email, displayName: users.displayName, locale: users.locale })
    .from(users)
    .where(and(inArray(users.role, [...ADMIN_AREA_ROLES]), isNull(users.blockedAt), isNull(users.deletedAt)))
    .orderBy(asc(users.createdAt));
}

/**
 * Stores feedback from the statement's form and mails it to the coordinators, each in their own
 * language. The mails go after the row is stored: a mail server that fails loses nothing, the list
 * at /verwaltung/barrierefreiheit has it.
 */
export async function submitFeedback(input: FeedbackInput, sender: FeedbackSender): Promise<{ ok: true; id: string } | Refusal<"throttled">> {
  const throttled = await throttleSender(db, sender);
  if (throttled) return throttled;
  const [row] = await db
    .insert(accessibilityFeedback)
    .values({ message: input.message, pageUrl: input.pageUrl, name: input.name, email: input.email, language: sender.language, senderId: sender.user?.id ?? null })
    .returning({ id: accessibilityFeedback.id, createdAt: accessibilityFeedback.createdAt });
  for (const recipient of await feedbackRecipients()) {
    await sendFeedbackMail(recipient, { ...input, language: sender.language, member: sender.user !== null });
  }
  return { ok: true, id: row!.id };
}

/** One page of the coordinators' list: open items oldest first (the first to answer), handled ones newest first. */
export async function listFeedback(filter: FeedbackFilter, page: number) {
  const handled = filter === "erledigt";
  const where = handled ? isNotNull(accessibilityFeedback.handledAt) : isNull(accessibilityFeedback.handledAt);
  const [items, [totals], [open]] = await Promise.all([
    db
      .select({
        id: accessibilityFeedback.id,
        message: accessibilityFeedback.message,
        pageUrl: accessibilityFeedback.pageUrl,
        name: accessibilityFeedback.name,
        email: accessibilityFeedback.email,
        language: accessibilityFeedback.language,
        member: sql<boolean>`${accessibilityFeedback.senderId} is not null`,
        createdAt: accessibilityFeedback.createdAt,
        handledAt: accessibilityFeedback.handledAt,
        handledByName: users.displayName,
      })
      .from(accessibilityFeedback)
      .leftJoin(users, eq(users.id, accessibilityFeedback.handledBy))
      .where(where)
      .orderBy(handled ? desc(accessibilityFeedback.handledAt) : asc(accessibilityFeedback.createdAt), asc(accessibilityFeedback.id))
      .limit(FEEDBACK_PER_PAGE)
      .offset((page - 1) * FEEDBACK_PER_PAGE),
    db.select({ total: count() }).from(accessibilityFeedback).where(where),
    db.select({ open: count() }).from(accessibilityFeedback).where(isNull(accessibilityFeedback.handledAt)),
  ]);
  const total = totals?.total ?? 0;
  return { items, total, open: open?.open ?? 0, page, pages: Math.max(1, Math.ceil(total / FEEDBACK_PER_PAGE)) };
}

/**
 * Marks an item as handled by the coordinator, or opens it again. Who may do it is the route's guard
 * (the administration's roles); a missing item is refused as such.
 */
export async function setFeedbackHandled(actor: { id: string }, id: string, handled: boolean): Promise<{ ok: true } | Refusal<"notFound">> {
  const rows = await db
    .update(accessibilityFeedback)
    .set(handled ? { handledAt: new Date(), handledBy: actor.id } : { handledAt: null, handledBy: null })
    .where(eq(accessibilityFeedback.id, id))
    .returning({ id: accessibilityFeedback.id });
  return rows.length > 0 ? { ok: true } : { ok: false, error: "notFound" };
}

/** Handled feedback older than its retention period goes; open feedback stays until it is handled. */
export async function pruneAccessibilityFeedback(database: Database, now: Date): Promise<number> {
  const rows = await database
    .delete(accessibilityFeedback)
    .where(lt(accessibilityFeedback.handledAt, daysBefore(now, RETENTION.accessibilityFeedbackDays)))
    .returning({ id: accessibilityFeedback.id });
  return rows.length;
}

/** What a member sent through the form while signed in, for their data export. */
export function feedbackForExport(executor: Executor, userId: string) {
  return executor
    .select({
      message: accessibilityFeedback.message,
      pageUrl: accessibilityFeedback.pageUrl,
      name: accessibilityFeedback.name,
      email: accessibilityFeedback.email,
      language: accessibilityFeedback.language,
      createdAt: accessibilityFeedback.createdAt,
      handledAt: accessibilityFeedback.handledAt,
    })
    .from(accessibilityFeedback)
    .where(eq(accessibilityFeedback.senderId, userId))
    .orderBy(asc(accessibilityFeedback.createdAt));
}

/**
 * A deleted account's feedback: like its posts, the reports of barriers stay for the coordinators
 * without the name, the address and the link to the account; with "delete my posts" they go too.
 */
export async function eraseFeedbackOf(tx: Executor, userId: string, deleteAll: boolean): Promise<void> {
  const own = eq(accessibilityFeedback.senderId, userId);
  if (deleteAll) await tx.delete(accessibilityFeedback).where(own);
  else await tx.update(accessibilityFeedback).set({ name: null, email: null, senderId: null }).where(own);
}
