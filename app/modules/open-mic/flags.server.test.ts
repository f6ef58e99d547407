import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { topicFlags, topicReplies } from "#db/schema";
import { consumeRateLimit } from "#app/utils/rate-limit.server";
import { act, actionData, eventsOf, person, seedTopic, setUpTopicWorld, toastOf, topicPage, type Person } from "./topic-fixtures.server";
import { TOPIC_LIMITS } from "./topic-limits.server";

let member: Person;
let otherMember: Person;

beforeAll(async () => {
  ({ member, otherMember } = await setUpTopicWorld());
});

describe("taking part", () => {
  test("a flag per person and item: repeated and parallel flags make one open row; replies of other topics are not found", async () => {
    const id = await seedTopic({ title: "Gemeldet" });
    const [reply] = await db.insert(topicReplies).values({ topicId: id, authorId: member.id, body: "Fragwürdig" }).returning({ id: topicReplies.id });
    const first = await act(id, { intent: "flag", reason: "offensive", note: "Ton" }, otherMember.cookie);
    expect(first.status).toBe(303);
    expect(toastOf(first)).toBe("openMic.toast.flagged");
    const again = await act(id, { intent: "flag", reason: "spam" }, otherMember.cookie);
    expect(toastOf(again)).toBe("openMic.toast.alreadyFlagged");
    await Promise.all(Array.from({ length: 4 }, () => act(id, { intent: "flag", reason: "spam", replyId: reply!.id }, otherMember.cookie)));
    const flags = await db.select().from(topicFlags).where(eq(topicFlags.topicId, id));
    expect(flags.map((flag) => [flag.replyId, flag.reason])).toEqual(
      expect.arrayContaining([
        [null, "offensive"],
        [reply!.id, "spam"],
      ]),
    );
    expect(flags).toHaveLength(2);
    expect((await (await topicPage(id, otherMember.cookie)).json()).viewer.flagged).toEqual(expect.arrayContaining(["topic", reply!.id]));

    const other = await seedTopic({ title: "Anderes Anliegen" });
    expect((await act(other, { intent: "flag", reason: "spam", replyId: reply!.id }, otherMember.cookie)).status).toBe(404);
    expect(await db.select().from(topicFlags).where(eq(topicFlags.topicId, other))).toEqual([]);
    const noReason = await act(id, { intent: "flag", reason: "" }, member.cookie);
    expect(noReason.status).toBe(400);
  });

  test("flags are limited per person: over the limit the form says so and nothing is written or mailed", async () => {
    const flagger = await person("Fleißige Melderin");
    const id = await seedTopic({ title: "Zu oft gemeldet" });
    for (let index = 0; index < TOPIC_LIMITS.flag.capacity; index++) await consumeRateLimit(db, `open-mic-flag:user:${flagger.id}`, TOPIC_LIMITS.flag);
    const refused = await act(id, { intent: "flag", reason: "spam", note: "Noch eine" }, flagger.cookie);
    expect(refused.status).toBe(429);
    const data = await actionData(refused);
    expect(data.result.error?.[""]?.[0]).toMatch(/^openMic\.flag\.throttled\|\d+$/);
    expect(data.result.initialValue).toMatchObject({ reason: "spam", note: "Noch eine" });
    expect(await db.select().from(topicFlags).where(eq(topicFlags.topicId, id))).toEqual([]);
    expect(await eventsOf(id)).toEqual([]);
    // Someone else may still flag.
    expect((await act(id, { intent: "flag", reason: "spam" }, otherMember.cookie)).status).toBe(303);
  });

  test("the flag limit allows ten flags in a row, then refuses", async () => {
    const flagger = await person("Viele Meldungen");
    const ids = await Promise.all(Array.from({ length: TOPIC_LIMITS.flag.capacity + 1 }, (_, index) => seedTopic({ title: `Meldung ${index}` })));
    const statuses: number[] = [];
    for (const id of ids) statuses.push((await act(id, { intent: "flag", reason: "other" }, flagger.cookie)).status);
    expect(statuses).toEqual([...Array.from({ length: TOPIC_LIMITS.flag.capacity }, () => 303), 429]);
    expect(await db.select().from(topicFlags).where(eq(topicFlags.reporterId, flagger.id))).toHaveLength(TOPIC_LIMITS.flag.capacity);
  });
});
