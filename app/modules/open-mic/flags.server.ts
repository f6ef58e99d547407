import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "#db/client";
import { topicFlags, topicReplies, topics, type FlagReason } from "#db/schema";
import { enqueueTopicSync } from "#search/topic-sync";
import type { SessionUser } from "#app/modules/auth/session.server";
import { recordTopicEvent } from "./events.server";
import { decidedValues, holdWhenFlagged, resolveFlagsOf } from "./flag-holds.server";
import { logModeration } from "./moderation-log.server";
import { throttle, TOPIC_LIMITS } from "./topic-limits.server";
import { isPublicTopic, lockReply, lockTopic } from "./topic-rows.server";
import type { WriteResult } from "./write-result";

// Flags: members report a topic or a reply ("melden"); coordinators resolve the flag or hide the post.
// Flags of several people hold the post (hidden) until a coordinator decides (flag-holds.server.ts).

/**
 * Flags a topic or one of its visible replies for the moderation. One open flag per person and
 * item: a second one (double click, second tab) changes nothing; after a coordinator resolved the
 * first, the person may flag again. The flag that makes enough people holds the post.
 */
export async function flagItem(
  topicId: number,
  user: SessionUser,
  input: { replyId?: string; reason: FlagReason; note: string },
): Promise<WriteResult<"notFound" | "throttled", { already: boolean }>> {
  const replyId = input.replyId ?? null;
  return db.transaction(async (tx) => {
    if (!(await isPublicTopic(topicId, tx))) return { ok: false, error: "notFound" } as const;
    if (replyId) {
      const [reply] = await tx
        .select({ id: topicReplies.id })
        .from(topicReplies)
        .where(and(eq(topicReplies.id, replyId), eq(topicReplies.topicId, topicId), isNull(topicReplies.hiddenAt)));
      if (!reply) return { ok: false, error: "notFound" } as const;
    }
    // NOTE: the unique index treats a missing reply id as different each time; this lock makes the
    // check-then-insert safe for flags of the topic itself as well.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`open-mic-flag:${topicId}:${replyId ?? "topic"}:${user.id}`}))`);
    const mine = await tx
      .select({ id: topicFlags.id, resolvedAt: topicFlags.resolvedAt })
      .from(topicFlags)
      .where(and(eq(topicFlags.topicId, topicId), replyId ? eq(topicFlags.replyId, replyId) : isNull(topicFlags.replyId), eq(topicFlags.reporterId, user.id)));
    if (mine.some((flag) => flag.resolvedAt === null)) return { ok: true, already: true } as const;
    // Only a flag that would be written (and mailed to the coordination) counts against the limit.
    const throttled = await throttle(tx, [[`open-mic-flag:user:${user.id}`, TOPIC_LIMITS.flag]]);
    if (throttled) return throttled;
    if (replyId && mine[0]) {
      // The unique index keeps one row per person and reply: a resolved one is opened again.
      await tx.update(topicFlags).set({ reason: input.reason, note: input.note, resolvedAt: null, resolvedBy: null, createdAt: new Date() }).where(eq(topicFlags.id, mine[0].id));
    } else {
      await tx.insert(topicFlags).values({ topicId, replyId, reporterId: user.id, reason: input.reason, note: input.note });
    }
    // The moderation queue has something new: coordinators hear of it.
    await recordTopicEvent(tx, { topicId, kind: "flagged", replyId, actorId: user.id });
    await holdWhenFlagged(tx, topicId, replyId);
    return { ok: true, already: false } as const;
  });
}

/**
 * Resolves a flag without acting on the post (nothing wrong with it). A post held by flags is
 * shown again, and all its open flags are resolved with it: the coordinator has looked at the post.
 */
export async function resolveFlag(actor: SessionUser, flagId: string): Promise<WriteResult<"flagUnknown">> {
  const [found] = await db.select({ topicId: topicFlags.topicId }).from(topicFlags).where(eq(topicFlags.id, flagId));
  if (!found) return { ok: false, error: "flagUnknown" };
  return db.transaction(async (tx) => {
    // The topic first, as every moderation action locks it: the post's state holds while deciding.
    const topic = await lockTopic(tx, found.topicId);
    const [flag] = await tx
      .select({ topicId: topicFlags.topicId, replyId: topicFlags.replyId, reason: topicFlags.reason, resolvedAt: topicFlags.resolvedAt })
      .from(topicFlags)
      .where(eq(topicFlags.id, flagId))
      .for("update");
    if (!topic || !flag || flag.resolvedAt) return { ok: false, error: "flagUnknown" } as const;
    const reply = flag.replyId ? await lockReply(tx, flag.topicId, flag.replyId) : null;
    const held = flag.replyId ? Boolean(reply?.hiddenByFlags) : topic.hiddenByFlags;
    if (!held) {
      await tx.update(topicFlags).set({ resolvedAt: new Date(), resolvedBy: actor.id }).where(eq(topicFlags.id, flagId));
      await logModeration(tx, { actorId: actor.id, action: "resolve_flag", topicId: flag.topicId, replyId: flag.replyId, detail: { flag: flag.reason } });
      return { ok: true } as const;
    }
    const shown = decidedValues(actor, false, "");
    if (reply) await tx.update(topicReplies).set(shown).where(eq(topicReplies.id, reply.id));
    else
      await tx
        .update(topics)
        .set({ ...shown, updatedAt: new Date() })
        .where(eq(topics.id, topic.id));
    const resolved = await resolveFlagsOf(tx, actor, flag.topicId, flag.replyId);
    await logModeration(tx, { actorId: actor.id, action: "unhide", topicId: flag.topicId, replyId: flag.replyId, detail: { heldByFlags: "true", resolvedFlags: String(resolved) } });
    await enqueueTopicSync(tx, flag.topicId);
    return { ok: true } as const;
  });
}

/** Hides the flagged post (also one held by flags, now for good) and resolves every open flag on it. */
export async function hideFlagged(actor: SessionUser, flagId: string, reason: string): Promise<WriteResult<"notFound" | "flagUnknown">> {
  const [flag] = await db.select({ topicId: topicFlags.topicId, replyId: topicFlags.replyId, resolvedAt: topicFlags.resolvedAt }).from(topicFlags).where(eq(topicFlags.id, flagId));
  if (!flag || flag.resolvedAt) return { ok: false, error: "flagUnknown" };
  return db.transaction(async (tx) => {
    const topic = await lockTopic(tx, flag.topicId);
    if (!topic) return { ok: false, error: "notFound" } as const;
    const values = decidedValues(actor, true, reason);
    if (flag.replyId) {
      const reply = await lockReply(tx, flag.topicId, flag.replyId);
      if (!reply) return { ok: false, error: "flagUnknown" } as const;
      if (!reply.hiddenAt || reply.hiddenByFlags) await tx.update(topicReplies).set(values).where(eq(topicReplies.id, reply.id));
    } else if (!topic.hiddenAt || topic.hiddenByFlags) {
      await tx
        .update(topics)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(topics.id, topic.id));
    }
    const resolved = await resolveFlagsOf(tx, actor, flag.topicId, flag.replyId);
    await logModeration(tx, { actorId: actor.id, action: "hide", topicId: flag.topicId, replyId: flag.replyId, reason, detail: { resolvedFlags: String(resolved) } });
    await enqueueTopicSync(tx, flag.topicId);
    return { ok: true } as const;
  });
}
