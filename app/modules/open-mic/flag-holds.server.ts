import { and, countDistinct, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { topicFlags, topicReplies, topics } from "#db/schema";
import { enqueueTopicSync } from "#search/topic-sync";
import type { SessionUser } from "#app/modules/auth/session.server";
import { getFlagThreshold } from "./flag-threshold.server";

// A post flagged by several people is hidden ("held") until a coordinator looks at it: restores it,
// or hides it for good. Held posts are hidden posts (hiddenAt set), so search, feeds, lists and
// notifications leave them out as they do every hidden post; `hiddenByFlags` says why, so that the
// author still sees their own post and the moderation queue shows it first.

const flagsOf = (topicId: number, replyId: string | null) => and(eq(topicFlags.topicId, topicId), replyId ? eq(topicFlags.replyId, replyId) : isNull(topicFlags.replyId));

/** Resolves the open flags of a topic (replyId null) or of one of its replies; returns how many. */
export async function resolveFlagsOf(tx: Executor, actor: SessionUser, topicId: number, replyId: string | null, clearNotes = false): Promise<number> {
  // Reporters' notes may quote what was removed: all of the post's flags lose them.
  if (clearNotes) await tx.update(topicFlags).set({ note: "" }).where(flagsOf(topicId, replyId));
  const resolved = await tx
    .update(topicFlags)
    .set({ resolvedAt: new Date(), resolvedBy: actor.id })
    .where(and(flagsOf(topicId, replyId), isNull(topicFlags.resolvedAt)))
    .returning({ id: topicFlags.id });
  return resolved.length;
}

/**
 * After a flag, in its transaction: when open flags of as many different people as the site's
 * threshold are on the post, it is held. True when it was held just now.
 */
export async function holdWhenFlagged(tx: Executor, topicId: number, replyId: string | null): Promise<boolean> {
  const threshold = await getFlagThreshold(tx);
  if (threshold === 0) return false;
  // NOTE: flags of several people can come at once; counted one after the other per post, the last
  // one sees all the others (each count starts after the one before has committed).
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`open-mic-flag-hold:${topicId}:${replyId ?? "topic"}`}))`);
  const [row] = await tx
    .select({ people: countDistinct(topicFlags.reporterId) })
    .from(topicFlags)
    .where(and(flagsOf(topicId, replyId), isNull(topicFlags.resolvedAt)));
  if ((row?.people ?? 0) < threshold) return false;
  const now = new Date();
  const held = { hiddenAt: now, hiddenBy: null, hiddenReason: null, hiddenByFlags: true };
  const changed = replyId
    ? await tx
        .update(topicReplies)
        .set(held)
        .where(and(eq(topicReplies.id, replyId), eq(topicReplies.topicId, topicId), isNull(topicReplies.hiddenAt)))
        .returning({ id: topicReplies.id })
    : await tx
        .update(topics)
        .set({ ...held, updatedAt: now })
        .where(and(eq(topics.id, topicId), isNull(topics.hiddenAt)))
        .returning({ id: topics.id });
  if (changed.length === 0) return false;
  await enqueueTopicSync(tx, topicId);
  return true;
}

/** What a coordinator's decision on a post writes: shown again, or hidden by them (no longer held). */
export function decidedValues(actor: SessionUser, hide: boolean, reason: string) {
  return hide ? { hiddenAt: new Date(), hiddenBy: actor.id, hiddenReason: reason, hiddenByFlags: false } : { hiddenAt: null, hiddenBy: null, hiddenReason: null, hiddenByFlags: false };
}
