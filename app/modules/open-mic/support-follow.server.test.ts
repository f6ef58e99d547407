import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { topicFollows, topicSupports } from "#db/schema";
import { issueFormToken } from "./form-timing.server";
import { act, raise, seedTopic, setUpTopicWorld, topicIdFrom, topicPage, type Person } from "./topic-fixtures.server";

let member: Person;
let otherMember: Person;

beforeAll(async () => {
  ({ member, otherMember } = await setUpTopicWorld());
});

describe("taking part", () => {
  test("five parallel supports count once; taking it back removes it", async () => {
    const id = await seedTopic({ title: "Parallel unterstützt" });
    const responses = await Promise.all(Array.from({ length: 5 }, () => act(id, { intent: "support" }, otherMember.cookie)));
    expect(responses.map((response) => response.status)).toEqual([303, 303, 303, 303, 303]);
    expect(await db.select().from(topicSupports).where(eq(topicSupports.topicId, id))).toHaveLength(1);
    expect((await (await topicPage(id, otherMember.cookie)).json()).viewer.supports).toBe(true);
    await act(id, { intent: "unsupport" }, otherMember.cookie);
    expect(await db.select().from(topicSupports).where(eq(topicSupports.topicId, id))).toEqual([]);
  });

  test("follow and unfollow; the author already follows what they raised", async () => {
    const response = await raise({ title: "Gefolgt von der Autorin", body: "Text", category: "arbeit", startedAt: issueFormToken() }, { cookie: member.cookie });
    const id = topicIdFrom(response);
    expect((await (await topicPage(id, member.cookie)).json()).viewer.follows).toBe(true);
    await act(id, { intent: "follow" }, otherMember.cookie);
    expect((await (await topicPage(id, otherMember.cookie)).json()).viewer.follows).toBe(true);
    await act(id, { intent: "unfollow" }, otherMember.cookie);
    expect(
      await db
        .select()
        .from(topicFollows)
        .where(and(eq(topicFollows.topicId, id), eq(topicFollows.userId, otherMember.id))),
    ).toEqual([]);
  });
});
