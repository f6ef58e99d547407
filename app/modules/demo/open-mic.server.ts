import { count, eq, inArray } from "drizzle-orm";
import { addDays, berlinDate } from "#app/modules/calendar/berlin-time";
import { eventKindFor } from "#app/modules/open-mic/coordination-schemas";
import { postLanguage } from "#app/modules/open-mic/post-language.server";
import type { Database } from "#db/client";
import {
  groupTaskAssignees,
  groupTasks,
  partnerMembers,
  partners,
  services,
  taxonomyTerms,
  topicAnswerServices,
  topicEvents,
  topicFlags,
  topicFollows,
  topicModerationLog,
  topicReplies,
  topics,
  topicStatusChanges,
  topicSupports,
  workingGroups,
  type TopicStatus,
} from "#db/schema";
import { AYDIN, userIdsByEmail } from "./demo-users.server";
import { DEMO_PARTNER_MEMBERS, demoTopics } from "./open-mic-topics.server";

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

/** The Berlin calendar day `days` from today. */
const dayFromToday = (days: number) => addDays(berlinDate(new Date()), days);

/** A moment `days` ago, at a plausible hour (offset keeps the events of one day in order). */
const daysAgo = (days: number, offsetHours = 0) => new Date(Date.now() - days * DAY + offsetHours * HOUR);

/**
 * Demo data: about thirty Open Mic topics of the demo network in every status, with replies (some
 * in a partner's name), supports, follows, official answers with service cards, status histories,
 * one topic routed to each demo working group with its task there, two guests' topics waiting for
 * approval, a flagged and a hidden reply, a merged duplicate and a routed topic past its review
 * date. The history goes into topic_events directly: seeding notifies nobody. Running it again adds
 * nothing once topics exist.
 */
export async function seedOpenMic(db: Database): Promise<void> {
  const [existing] = await db.select({ value: count() }).from(topics);
  if ((existing?.value ?? 0) > 0) return;

  const people = await userIdsByEmail(db);
  const person = (email: string) => people.get(email) ?? null;
  // The ids of those of these people who have an account.
  const known = (emails: string[]) => emails.flatMap((email) => (people.has(email) ? [people.get(email)!] : []));
  const coordinator = person(AYDIN);
  const groups = new Map((await db.select({ id: workingGroups.id, slug: workingGroups.slug }).from(workingGroups)).map((row) => [row.slug, row.id]));
  const categories = new Map(
    (await db.select({ id: taxonomyTerms.id, slug: taxonomyTerms.slug, kind: taxonomyTerms.kind }).from(taxonomyTerms)).filter((row) => row.kind === "category").map((row) => [row.slug, row.id]),
  );
  const serviceSlugs = [...new Set(demoTopics.flatMap((topic) => (topic.changes ?? []).flatMap((change) => change.services ?? [])))];
  const serviceIds = new Map((await db.select({ id: services.id, slug: services.slug }).from(services).where(inArray(services.slug, serviceSlugs))).map((row) => [row.slug, row.id]));
  const partnerSlugs = [...new Set(DEMO_PARTNER_MEMBERS.map(([, slug]) => slug))];
  const partnerIds = new Map((await db.select({ id: partners.id, slug: partners.slug }).from(partners).where(inArray(partners.slug, partnerSlugs))).map((row) => [row.slug, row.id]));

  await db.transaction(async (tx) => {
    const members = DEMO_PARTNER_MEMBERS.flatMap(([email, slug]) =>
      person(email) && partnerIds.has(slug) ? [{ userId: person(email)!, partnerId: partnerIds.get(slug)!, role: "editor" as const }] : [],
    );
    if (members.length > 0) await tx.insert(partnerMembers).values(members).onConflictDoNothing();

    const ids = new Map<string, number>();
    // Duplicates point to topics made before them: the kept ones come first.
    const ordered = [...demoTopics].sort((a, b) => Number(Boolean(a.mergedInto)) - Number(Boolean(b.mergedInto)));
    for (const demo of ordered) {
      const createdAt = daysAgo(demo.ago, 9);
      const pending = demo.guest?.pending ?? false;
      const changes = demo.changes ?? [];
      const replies = demo.replies ?? [];
      const last = changes.at(-1);
      const routed = [...changes].reverse().find((change) => change.to === "routed");
      const moments = [createdAt, ...changes.map((change) => daysAgo(change.ago, 11)), ...replies.filter((reply) => !reply.hidden).map((reply) => daysAgo(reply.ago, 15))];
      const lastActivityAt = new Date(Math.max(...moments.map((moment) => moment.getTime())));
      // Locked the day after its last status change.
      const lockedAt = demo.locked ? daysAgo(Math.max(0, (last?.ago ?? 1) - 1), 12) : null;
      // As in the form: the chosen language, else detected, else the page's (the demo's pages are German).
      const language = await postLanguage(demo.language, `${demo.title}\n\n${demo.body}`, "de");
      const [topic] = await tx
        .insert(topics)
        .values({
          title: demo.title,
          body: demo.body,
          categoryId: categories.get(demo.category) ?? null,
          town: demo.town ?? null,
          authorId: demo.by ? person(demo.by) : null,
          anonymous: demo.anonymous ?? false,
          guestName: demo.guest?.name ?? null,
          guestEmail: demo.guest?.email ?? null,
          guestLanguage: demo.guest ? (demo.guest.language ?? "de") : null,
          language,
          status: last?.to ?? "new",
          approvedAt: pending ? null : demo.guest ? daysAgo(demo.ago, 10) : createdAt,
          approvedBy: demo.guest && !pending ? coordinator : null,
          lockedAt,
          mergedIntoId: demo.mergedInto ? (ids.get(demo.mergedInto) ?? null) : null,
          routedGroupId: routed?.group ? (groups.get(routed.group) ?? null) : null,
          nextReviewAt: last?.to === "routed" && last.review !== undefined ? dayFromToday(last.review) : null,
          lastActivityAt,
          createdAt,
          updatedAt: lastActivityAt,
        })
        .returning({ id: topics.id });
      const topicId = topic!.id;
      ids.set(demo.key, topicId);
      if (pending) await tx.insert(topicEvents).values({ topicId, kind: "submitted", createdAt });
      if (demo.guest && !pending) await tx.insert(topicModerationLog).values({ topicId, actorId: coordinator, action: "approve", createdAt: daysAgo(demo.ago, 10) });
      if (demo.mergedInto)
        await tx.insert(topicModerationLog).values({
          topicId,
          actorId: coordinator,
          action: "merge",
          reason: "Gleiches Anliegen wie das ältere",
          detail: { keptId: String(ids.get(demo.mergedInto)) },
          createdAt: daysAgo(demo.ago - 1, 10),
        });
      if (lockedAt) await tx.insert(topicModerationLog).values({ topicId, actorId: coordinator, action: "lock", reason: "Erledigt, Diskussion abgeschlossen", createdAt: lockedAt });

      let status: TopicStatus = "new";
      let routedTaskId: string | null = null;
      for (const change of changes) {
        const at = daysAgo(change.ago, 11);
        const groupId = change.group ? (groups.get(change.group) ?? null) : null;
        let taskId: string | null = null;
        if (change.task && groupId) {
          const [task] = await tx
            .insert(groupTasks)
            .values({
              groupId,
              title: change.task.title,
              description: change.task.description,
              status: change.task.status ?? "open",
              dueDate: change.review !== undefined ? dayFromToday(change.review) : null,
              topicId,
              createdBy: coordinator,
              createdAt: at,
              updatedAt: at,
            })
            .returning({ id: groupTasks.id });
          taskId = task!.id;
          routedTaskId = taskId;
          const assignees = known(change.task.assignees ?? []);
          if (assignees.length > 0) await tx.insert(groupTaskAssignees).values(assignees.map((userId) => ({ taskId: taskId!, userId })));
        }
        const [row] = await tx
          .insert(topicStatusChanges)
          .values({ topicId, fromStatus: status, toStatus: change.to, answer: change.answer, plainSummary: change.plainSummary ?? null, actorId: coordinator, groupId, taskId, createdAt: at })
          .returning({ id: topicStatusChanges.id });
        const cards = (change.services ?? []).flatMap((slug) => (serviceIds.has(slug) ? [{ statusChangeId: row!.id, serviceId: serviceIds.get(slug)! }] : []));
        if (cards.length > 0) await tx.insert(topicAnswerServices).values(cards);
        await tx.insert(topicEvents).values({ topicId, kind: eventKindFor(change.to), statusChangeId: row!.id, actorId: coordinator, createdAt: at });
        status = change.to;
      }
      if (routedTaskId) await tx.update(topics).set({ routedTaskId }).where(eq(topics.id, topicId));

      for (const reply of replies) {
        const at = daysAgo(reply.ago, 15);
        const [row] = await tx
          .insert(topicReplies)
          .values({
            topicId,
            authorId: person(reply.by),
            anonymous: reply.anonymous ?? false,
            partnerId: reply.partner ? (partnerIds.get(reply.partner) ?? null) : null,
            body: reply.body,
            language: await postLanguage(reply.language, reply.body, "de"),
            hiddenAt: reply.hidden ? daysAgo(reply.ago, 18) : null,
            hiddenBy: reply.hidden ? coordinator : null,
            hiddenReason: reply.hidden ?? null,
            createdAt: at,
          })
          .returning({ id: topicReplies.id });
        if (reply.hidden) await tx.insert(topicModerationLog).values({ topicId, replyId: row!.id, actorId: coordinator, action: "hide", reason: reply.hidden, createdAt: daysAgo(reply.ago, 18) });
        else await tx.insert(topicEvents).values({ topicId, kind: "reply", replyId: row!.id, actorId: person(reply.by), createdAt: at });
        if (reply.flag && person(reply.flag.by))
          await tx.insert(topicFlags).values({ topicId, replyId: row!.id, reporterId: person(reply.flag.by), reason: reply.flag.reason, note: reply.flag.note, createdAt: daysAgo(reply.ago, 20) });
      }

      const supporters = known((demo.supporters ?? []).filter((email) => email !== demo.by));
      if (supporters.length > 0)
        await tx
          .insert(topicSupports)
          .values(supporters.map((userId) => ({ topicId, userId, createdAt: daysAgo(demo.ago - 1, 12) })))
          .onConflictDoNothing();
      // Authors follow their own topics; some others follow too.
      const followers = known([...new Set([...(demo.by ? [demo.by] : []), ...(demo.followers ?? [])])]);
      if (followers.length > 0)
        await tx
          .insert(topicFollows)
          .values(followers.map((userId) => ({ topicId, userId, createdAt })))
          .onConflictDoNothing();
    }
  });
}
