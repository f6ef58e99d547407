import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "#db/client";
import { bannedAddresses, topics } from "#db/schema";
import { enqueueTopicSync } from "#search/topic-sync";
import type { SessionUser } from "#app/modules/auth/session.server";
import { logModeration } from "./moderation-log.server";
import { lockTopic } from "./topic-rows.server";
import type { WriteResult } from "./write-result";

// Banned addresses are kept and compared in lower case.
const normalise = (email: string) => email.trim().toLowerCase();

/** SQL: the guest address given with this topic is banned. */
export const guestAddressBanned = sql<boolean>`exists (select 1 from ${bannedAddresses} where ${bannedAddresses.email} = lower(${topics.guestEmail}))`;

/** Whether a guest's address may no longer post. */
export async function isBannedAddress(email: string | null): Promise<boolean> {
  if (!email) return false;
  const [row] = await db
    .select({ email: bannedAddresses.email })
    .from(bannedAddresses)
    .where(eq(bannedAddresses.email, normalise(email)));
  return Boolean(row);
}

/**
 * Bans the address a guest gave with this topic: it may post no more. With `hidePending`, the
 * address's topics still waiting for approval are hidden with the same reason (each logged).
 */
export async function banGuestAddress(actor: SessionUser, topicId: number, reason: string, hidePending: boolean): Promise<WriteResult<"notFound" | "noGuestAddress">> {
  return db.transaction(async (tx) => {
    const topic = await lockTopic(tx, topicId);
    if (!topic) return { ok: false, error: "notFound" } as const;
    const email = topic.guestEmail ? normalise(topic.guestEmail) : "";
    if (!email) return { ok: false, error: "noGuestAddress" } as const;
    await tx
      .insert(bannedAddresses)
      .values({ email, reason, bannedBy: actor.id })
      .onConflictDoUpdate({ target: bannedAddresses.email, set: { reason, bannedBy: actor.id } });
    const hiddenIds = hidePending
      ? (
          await tx
            .update(topics)
            .set({ hiddenAt: new Date(), hiddenBy: actor.id, hiddenReason: reason, updatedAt: new Date() })
            .where(and(sql`lower(${topics.guestEmail}) = ${email}`, isNull(topics.approvedAt), isNull(topics.hiddenAt)))
            .returning({ id: topics.id })
        ).map((row) => row.id)
      : [];
    await logModeration(tx, { actorId: actor.id, action: "ban", topicId, reason, detail: { email, hiddenTopics: String(hiddenIds.length) } });
    for (const id of hiddenIds) {
      await logModeration(tx, { actorId: actor.id, action: "hide", topicId: id, reason, detail: { ban: email } });
      await enqueueTopicSync(tx, id);
    }
    return { ok: true } as const;
  });
}
