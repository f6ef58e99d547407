import { and, eq, isNull } from "drizzle-orm";
import { db, type Executor } from "#db/client";
import { groupTasks, topicEdits, topicReplies, topics } from "#db/schema";
import { enqueueGroupContentSync } from "#search/group-content-sync";
import { enqueueTopicSync } from "#search/topic-sync";
import type { SessionUser } from "#app/modules/auth/session.server";
import { rewriteAgendaLines } from "#app/modules/groups/meetings/meeting-topics.server";
import type { ModeratorEditValues } from "./coordination-schemas";
import { resolveFlagsOf } from "./flag-holds.server";
import { logModeration } from "./moderation-log.server";
import { lockReply, lockTopic } from "./topic-rows.server";
import type { WriteResult } from "./write-result";

/**
 * After personal data left a topic's title for good: the agenda lines that link the topic carry the
 * new title, and so do the topic's tasks that still have the old title (also as the status form
 * shortened it) or quote it in their description. Each changed meeting and task is synced to search.
 */
async function rewriteTopicCopies(tx: Executor, topicId: number, oldTitle: string, newTitle: string, now: Date): Promise<void> {
  await rewriteAgendaLines(tx, topicId, newTitle, now);
  const tasks = await tx.select({ id: groupTasks.id, title: groupTasks.title, description: groupTasks.description }).from(groupTasks).where(eq(groupTasks.topicId, topicId)).for("update");
  for (const task of tasks) {
    const title = task.title === oldTitle || task.title === oldTitle.slice(0, 200) ? newTitle.slice(0, 200) : task.title;
    const description = task.description.split(oldTitle).join(newTitle);
    if (title === task.title && description === task.description) continue;
    await tx.update(groupTasks).set({ title, description, updatedAt: now }).where(eq(groupTasks.id, task.id));
    await enqueueGroupContentSync(tx, "task", task.id);
  }
}

/**
 * A moderator's edit of the topic's title and text, or of a reply's text. Normally the previous text
 * goes to topic_edits with the reason, so the author sees what changed. With `personalData` the old
 * text is removed for good instead: no topic_edits row (earlier ones of the same post, which may
 * hold the same data, are deleted too), nothing of it in the log, the notes of the post's flags
 * cleared, and the search document rebuilt from the new text.
 */
export async function moderatorEdit(actor: SessionUser, topicId: number, input: ModeratorEditValues): Promise<WriteResult<"notFound" | "replyUnknown" | "unchanged">> {
  return db.transaction(async (tx) => {
    const topic = await lockTopic(tx, topicId);
    if (!topic) return { ok: false, error: "notFound" } as const;
    const now = new Date();
    let previousTitle: string | null = null;
    let previousBody: string | null = null;
    const changedFields: string[] = [];
    if (input.replyId) {
      const reply = await lockReply(tx, topicId, input.replyId);
      if (!reply) return { ok: false, error: "replyUnknown" } as const;
      if (reply.body === input.body) return { ok: false, error: "unchanged" } as const;
      previousBody = reply.body;
      await tx.update(topicReplies).set({ body: input.body, editedAt: now }).where(eq(topicReplies.id, reply.id));
    } else {
      const title = input.title ?? topic.title;
      // The guest's name and the place change only when the form held them (see topicFields).
      const guestName = input.topicFields ? input.guestName : topic.guestName;
      const town = input.topicFields ? input.town : topic.town;
      changedFields.push(...(guestName !== topic.guestName ? ["guestName"] : []), ...(town !== topic.town ? ["town"] : []));
      if (title === topic.title && input.body === topic.body && changedFields.length === 0) return { ok: false, error: "unchanged" } as const;
      if (title !== topic.title) previousTitle = topic.title;
      if (input.body !== topic.body) previousBody = topic.body;
      await tx.update(topics).set({ title, body: input.body, guestName, town, editedAt: now, updatedAt: now }).where(eq(topics.id, topicId));
      // What the system itself copied of the title (agenda lines, tasks) is rewritten with it when
      // personal data is removed for good.
      if (input.personalData && previousTitle !== null) await rewriteTopicCopies(tx, topicId, previousTitle, title, now);
    }
    const fields = [previousTitle !== null ? "title" : null, previousBody !== null ? "body" : null, ...changedFields].filter(Boolean).join(",");
    const ownEdits = input.replyId ? eq(topicEdits.replyId, input.replyId) : and(eq(topicEdits.topicId, topicId), isNull(topicEdits.replyId));
    if (input.personalData) {
      await tx.delete(topicEdits).where(ownEdits);
      await resolveFlagsOf(tx, actor, topicId, input.replyId, true);
      await logModeration(tx, { actorId: actor.id, action: "remove_personal_data", topicId, replyId: input.replyId, reason: input.reason, detail: { fields } });
    } else {
      await tx.insert(topicEdits).values({ topicId, replyId: input.replyId, editorId: actor.id, previousTitle, previousBody, reason: input.reason });
      await logModeration(tx, { actorId: actor.id, action: "edit", topicId, replyId: input.replyId, reason: input.reason, detail: { fields } });
    }
    await enqueueTopicSync(tx, topicId);
    return { ok: true } as const;
  });
}
