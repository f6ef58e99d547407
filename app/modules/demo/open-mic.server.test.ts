import { and, count, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { overdueReviews } from "#app/modules/open-mic/coordination.server";
import { db } from "#db/client";
import {
  groupTasks,
  partnerMembers,
  topicAnswerServices,
  topicEvents,
  topicFlags,
  topicFollows,
  topicReplies,
  topics,
  topicStatusChanges,
  topicStatuses,
  topicSupports,
  workingGroups,
} from "#db/schema";
import { seedDemo } from "./seed.server";

const tally = async () => {
  const counts = await Promise.all(
    [topics, topicReplies, topicStatusChanges, topicSupports, topicFollows, topicEvents, topicFlags, partnerMembers, groupTasks].map(
      async (table) => (await db.select({ value: count() }).from(table))[0]!.value,
    ),
  );
  return counts;
};

test("the demo network's Open Mic: every status, one topic routed to each group with its task there, the moderation cases — once", async () => {
  await seedDemo(db);
  const all = await db.select().from(topics);
  expect(all.length).toBeGreaterThanOrEqual(28);
  expect(new Set(all.map((topic) => topic.status))).toEqual(new Set(topicStatuses));

  // Each of the four demo groups owns a routed topic, with a task in that very group pointing back.
  const groups = await db.select({ id: workingGroups.id, slug: workingGroups.slug }).from(workingGroups);
  expect(groups).toHaveLength(4);
  for (const group of groups) {
    const routed = all.filter((topic) => topic.status === "routed" && topic.routedGroupId === group.id);
    expect(routed, group.slug).toHaveLength(1);
    const [task] = await db.select().from(groupTasks).where(eq(groupTasks.id, routed[0]!.routedTaskId!));
    expect(task, group.slug).toMatchObject({ groupId: group.id, topicId: routed[0]!.id });
    expect(routed[0]!.nextReviewAt, group.slug).not.toBeNull();
  }
  // One of them is past its review date without movement.
  expect(await overdueReviews()).toHaveLength(1);

  const pending = all.filter((topic) => topic.approvedAt === null);
  expect(pending).toHaveLength(2);
  expect(pending.every((topic) => topic.authorId === null && topic.guestName !== null)).toBe(true);
  expect(all.filter((topic) => topic.anonymous)).toHaveLength(1);
  const duplicate = all.find((topic) => topic.mergedIntoId !== null)!;
  expect(all.find((topic) => topic.id === duplicate.mergedIntoId)).toMatchObject({ mergedIntoId: null });
  expect(
    await db
      .select()
      .from(topicFlags)
      .where(and(isNull(topicFlags.resolvedAt), isNotNull(topicFlags.replyId))),
  ).toHaveLength(1);
  expect(await db.select().from(topicReplies).where(isNotNull(topicReplies.hiddenReason))).toHaveLength(1);

  // Every status change has its text; rejections give a reason; answers point to services.
  const changes = await db.select().from(topicStatusChanges);
  expect(changes.every((change) => change.answer.length > 20)).toBe(true);
  const rejected = all.find((topic) => topic.status === "rejected")!;
  expect(changes.find((change) => change.topicId === rejected.id)?.answer).toContain("nicht leisten");
  expect((await db.select({ value: count() }).from(topicAnswerServices))[0]!.value).toBeGreaterThan(20);
  // Statuses follow each other: each change starts where the previous one ended.
  for (const topic of all) {
    const own = changes.filter((change) => change.topicId === topic.id).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    own.forEach((change, index) => expect(change.fromStatus).toBe(index === 0 ? "new" : own[index - 1]!.toStatus));
    expect(own.at(-1)?.toStatus ?? "new").toBe(topic.status);
  }

  // Replies in a partner's name come from that partner's editors.
  const partnerReplies = await db
    .select({ partnerId: topicReplies.partnerId, editor: partnerMembers.userId })
    .from(topicReplies)
    .leftJoin(partnerMembers, and(eq(partnerMembers.partnerId, topicReplies.partnerId), eq(partnerMembers.userId, topicReplies.authorId)))
    .where(isNotNull(topicReplies.partnerId));
  expect(partnerReplies.length).toBeGreaterThanOrEqual(4);
  expect(partnerReplies.every((reply) => reply.editor !== null)).toBe(true);
  expect((await db.select({ value: count() }).from(topicSupports))[0]!.value).toBeGreaterThan(40);

  // Seeding notifies nobody.
  const jobs = await db.execute(sql`select 1 from graphile_worker.jobs where task_identifier = 'topic_event_notify'`);
  expect(jobs).toHaveLength(0);

  const before = await tally();
  await seedDemo(db);
  expect(await tally()).toEqual(before);
}, 60_000);

test("the demo's posts carry their language, detected as in the form: German mostly, a topic in Arabic, a guest's in Ukrainian, replies in English and Arabic", async () => {
  await seedDemo(db);
  const all = await db.select({ title: topics.title, language: topics.language, guestEmail: topics.guestEmail, guestLanguage: topics.guestLanguage }).from(topics);
  const languagesOf = (rows: { language: string }[]) => rows.reduce<Record<string, number>>((tally, row) => ({ ...tally, [row.language]: (tally[row.language] ?? 0) + 1 }), {});
  expect(languagesOf(all)).toEqual({ de: all.length - 2, ar: 1, uk: 1 });
  expect(all.find((topic) => topic.language === "uk")).toMatchObject({ guestLanguage: "uk" });
  // Guests wrote from the German pages, but the one from the Ukrainian page.
  expect(all.filter((topic) => topic.guestEmail !== null && topic.language !== "uk").every((topic) => topic.guestLanguage === "de")).toBe(true);
  const replies = await db.select({ language: topicReplies.language }).from(topicReplies);
  expect(languagesOf(replies)).toEqual({ de: replies.length - 2, en: 1, ar: 1 });
  expect((await db.select({ summary: topicStatusChanges.plainSummary }).from(topicStatusChanges).where(isNotNull(topicStatusChanges.plainSummary))).length).toBe(2);
}, 60_000);
