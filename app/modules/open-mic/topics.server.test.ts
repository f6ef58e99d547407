import { db } from "#db/client";
import { topicReplies, topicStatusChanges, topicSupports } from "#db/schema";
import { list, listData, seedTopic, setUpTopicWorld, type Person } from "./topic-fixtures.server";
import { waitingForAnswer } from "./topics.server";

let member: Person;
let otherMember: Person;
let coordinator: Person;
let editor: Person;
let categoryIds: Record<string, string>;

beforeAll(async () => {
  ({ member, otherMember, coordinator, editor, categoryIds } = await setUpTopicWorld());
});

describe("the list", () => {
  const category = "freizeit-sport";
  const inCategory = (query: string) => list(`?thema=${category}${query ? `&${query}` : ""}`);
  let ids: Record<string, number> = {};

  beforeAll(async () => {
    const day = 86_400_000;
    const at = (days: number) => new Date(Date.now() - days * day);
    const base = { categoryId: categoryIds[category] };
    ids = {
      old: await seedTopic({ ...base, title: "Alt und unbeantwortet", createdAt: at(30), lastActivityAt: at(30) }),
      supported: await seedTopic({ ...base, title: "Viel unterstützt", createdAt: at(10), lastActivityAt: at(10), status: "clarifying" }),
      active: await seedTopic({ ...base, title: "Gerade aktiv", createdAt: at(20), lastActivityAt: at(0.01) }),
      newest: await seedTopic({ ...base, title: "Ganz neu", createdAt: at(0.1), lastActivityAt: at(0.1), town: "Auenstadt" }),
      hidden: await seedTopic({ ...base, title: "Ausgeblendet", hiddenAt: new Date(), hiddenReason: "Spam" }),
      unapproved: await seedTopic({ ...base, title: "Nicht freigegeben", approvedAt: null, authorId: null }),
    };
    ids.merged = await seedTopic({ ...base, title: "Doppelt", mergedIntoId: ids.old });
    await db.insert(topicStatusChanges).values({ topicId: ids.supported!, fromStatus: "new", toStatus: "clarifying", answer: "Wir klären das.", actorId: coordinator.id });
    await db.insert(topicSupports).values([member, otherMember, editor].map((who) => ({ topicId: ids.supported!, userId: who.id })));
    await db.insert(topicReplies).values([
      { topicId: ids.active!, authorId: member.id, body: "Sichtbar" },
      { topicId: ids.active!, authorId: member.id, body: "Versteckt", hiddenAt: new Date(), hiddenReason: "Spam" },
    ]);
  });

  test("shows approved, visible, unmerged topics, newest first, with counts", async () => {
    const data = await listData(await inCategory(""));
    expect(data.topics.map((topic) => topic.id)).toEqual([ids.newest, ids.supported, ids.active, ids.old]);
    const supported = data.topics.find((topic) => topic.id === ids.supported)!;
    expect(supported).toMatchObject({ supports: 3, replies: 0, category: "Freizeit & Sport", status: "clarifying" });
    expect(data.topics.find((topic) => topic.id === ids.active)!.replies).toBe(1);
  });

  test("sorts by support, activity and unanswered (only the waiting ones, longest waiting first)", async () => {
    expect((await listData(await inCategory("sortierung=unterstuetzt"))).topics[0]!.id).toBe(ids.supported);
    expect((await listData(await inCategory("sortierung=aktiv"))).topics[0]!.id).toBe(ids.active);
    expect((await listData(await inCategory("sortierung=unbeantwortet"))).topics.map((topic) => topic.id)).toEqual([ids.old, ids.active, ids.newest]);
  });

  test("filters by German status slugs; unknown filters are ignored", async () => {
    expect((await listData(await inCategory("status=in-klaerung"))).topics.map((topic) => topic.id)).toEqual([ids.supported]);
    expect((await listData(await inCategory("status=quatsch&sortierung=quatsch"))).topics).toHaveLength(4);
    expect((await listData(await list("?thema=gibt-es-nicht"))).total).toBeGreaterThanOrEqual(4);
  });

  test("pages hold 20 topics; ?seite= picks one", async () => {
    for (let index = 0; index < 21; index++) await seedTopic({ categoryId: categoryIds.ehrenamt, title: `Ehrenamt ${index}` });
    const first = await listData(await list("?thema=ehrenamt"));
    const second = await listData(await list("?thema=ehrenamt&seite=2"));
    expect(first.topics).toHaveLength(20);
    expect(first.pages).toBe(2);
    expect(second.page).toBe(2);
    expect(second.topics).toHaveLength(1);
  });

  test("the waiting summary counts visible topics without any answer and names the oldest", async () => {
    const before = await waitingForAnswer();
    await seedTopic({ title: "Wartet sehr lange", createdAt: new Date(Date.now() - 400 * 86_400_000) });
    await seedTopic({ title: "Wartet, aber ausgeblendet", createdAt: new Date(Date.now() - 500 * 86_400_000), hiddenAt: new Date() });
    const after = await waitingForAnswer();
    expect(after.count).toBe(before.count + 1);
    expect(Math.round((Date.now() - after.oldestSince!.getTime()) / 86_400_000)).toBe(400);
    expect((await listData(await list())).waiting).toEqual({ count: after.count, oldestDays: 400 });
  });
});
