import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { groupMemberships, groupTasks, topicReplies, topics, topicStatusChanges, workingGroups } from "#db/schema";
import { addDays } from "#app/modules/calendar/berlin-time";
import { demoGroups } from "#app/modules/demo/groups.server";
import { berlinDay } from "#app/modules/groups/tasks/task-dates";
import { loader as reviewsLoader } from "#app/routes/open-mic.wiedervorlage";
import { createTestUser, getRequest, run, sessionCookieFor } from "#test/factories";
import { overdueReviews } from "./coordination.server";
import { queueCounts } from "./moderation-queue.server";

type Person = { id: string; cookie: string };
let member: Person;
let coordinator: Person;
let admin: Person;
const groupIds: Record<string, string> = {};

async function person(role: "member" | "coordinator" | "admin"): Promise<Person> {
  const user = await createTestUser({ role, displayName: `Person ${Math.random().toString(36).slice(2, 7)}` });
  return { id: user.id, cookie: await sessionCookieFor(user.id) };
}

beforeAll(async () => {
  for (const row of await db.insert(workingGroups).values(demoGroups).returning({ id: workingGroups.id, slug: workingGroups.slug })) groupIds[row.slug] = row.id;
  member = await person("member");
  coordinator = await person("coordinator");
  admin = await person("admin");
  // The coordinator belongs to the private group; the admin does not.
  await db.insert(groupMemberships).values({ groupId: groupIds["ankommen-wohnen"]!, userId: coordinator.id, role: "coordinator" });
});

async function makeTopic(values: Partial<typeof topics.$inferInsert> = {}): Promise<number> {
  const [topic] = await db
    .insert(topics)
    .values({ title: "Wartezeiten für Integrationskurse in Weidenfeld", body: "Die Wartelisten sind lang.", authorId: member.id, approvedAt: new Date(), ...values })
    .returning({ id: topics.id });
  return topic!.id;
}

const isSignInRedirect = (response: Response) => response.status === 302 && (response.headers.get("Location") ?? "").startsWith("/anmelden?redirectTo=");

describe("Wiedervorlage", () => {
  const today = "2026-06-15";
  const routed = (values: Partial<typeof topics.$inferInsert> = {}) => makeTopic({ status: "routed", routedGroupId: groupIds["arbeit-ausbildung"]!, nextReviewAt: "2026-06-01", ...values });

  test("lists routed topics past their review day without a status change or visible reply since", async () => {
    const overdue = await routed({ title: "Busverbindung Lindach–Auenstadt zum Jobcenter" });
    const reviewToday = await routed({ nextReviewAt: today });
    const replied = await routed();
    await db.insert(topicReplies).values({ topicId: replied, authorId: member.id, body: "Neuigkeiten", createdAt: new Date("2026-06-03T08:00:00Z") });
    const repliedBefore = await routed();
    await db.insert(topicReplies).values({ topicId: repliedBefore, authorId: member.id, body: "Alt", createdAt: new Date("2026-05-20T08:00:00Z") });
    const hiddenReply = await routed();
    await db.insert(topicReplies).values({ topicId: hiddenReply, authorId: member.id, body: "Spam", createdAt: new Date("2026-06-05T08:00:00Z"), hiddenAt: new Date() });
    // Just after midnight in Berlin on the review day counts as movement (22:30 UTC the day before).
    const movedOnTheDay = await routed();
    await db.insert(topicStatusChanges).values({ topicId: movedOnTheDay, fromStatus: "routed", toStatus: "routed", answer: "Neu übergeben", createdAt: new Date("2026-05-31T22:30:00Z") });
    const answered = await routed({ status: "answered" });
    const hidden = await routed({ hiddenAt: new Date() });

    const ids = (await overdueReviews(null, today)).map((row) => row.id);
    expect(ids).toContain(overdue);
    expect(ids).toContain(repliedBefore);
    expect(ids).toContain(hiddenReply);
    for (const id of [reviewToday, replied, movedOnTheDay, answered, hidden]) expect(ids).not.toContain(id);
  });

  test("the page is for coordinators; it names public groups and links the task", async () => {
    const id = await routed({ nextReviewAt: addDays(berlinDay(new Date()), -3) });
    const [task] = await db.insert(groupTasks).values({ groupId: groupIds["arbeit-ausbildung"]!, title: "Busfahrplan prüfen", topicId: id }).returning({ id: groupTasks.id });
    await db.update(topics).set({ routedTaskId: task!.id }).where(eq(topics.id, id));
    const privateOne = await routed({ routedGroupId: groupIds["ankommen-wohnen"]!, nextReviewAt: addDays(berlinDay(new Date()), -3) });
    const request = (cookie?: string) => run(reviewsLoader, getRequest("/open-mic/wiedervorlage", { cookie }));
    expect(isSignInRedirect(await request())).toBe(true);
    expect((await request(member.cookie)).status).toBe(403);
    const data = (await (await request(admin.cookie)).json()) as { topics: { id: number; groupName: string | null; taskId: string | null; overdueDays: number }[] };
    expect(data.topics.find((topic) => topic.id === id)).toMatchObject({ groupName: "Arbeit & Ausbildung", taskId: task!.id, overdueDays: 3 });
    // The admin is no member of the private group: its name stays hidden.
    expect(data.topics.find((topic) => topic.id === privateOne)).toMatchObject({ groupName: null, taskId: null });
    const forMember = (await (await request(coordinator.cookie)).json()) as { topics: { id: number; groupName: string | null }[] };
    expect(forMember.topics.find((topic) => topic.id === privateOne)?.groupName).toBe("Ankommen & Wohnen");
  });

  test("the queue counts include the overdue reviews", async () => {
    const before = await queueCounts();
    await routed({ nextReviewAt: addDays(berlinDay(new Date()), -1) });
    await makeTopic({ approvedAt: null, authorId: null });
    const after = await queueCounts();
    expect(after.reviews).toBe(before.reviews + 1);
    expect(after.pending).toBe(before.pending + 1);
  });
});
