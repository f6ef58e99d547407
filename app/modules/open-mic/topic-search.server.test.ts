import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { topicReplies, topics } from "#db/schema";
import { topicsIndex } from "#search/indexes/topics";
import { syncDocument } from "#search/sync";
import { searchEverything } from "#app/modules/search/search.server";
import { loader as apiLoader } from "#app/routes/api.v1.search";
import { loader as similarLoader } from "#app/routes/open-mic.aehnliche";
import { getRequest, run } from "#test/factories";
import { list, listData, seedTopic, setUpTopicWorld, type Person } from "./topic-fixtures.server";

let member: Person;
let otherMember: Person;

beforeAll(async () => {
  ({ member, otherMember } = await setUpTopicWorld());
});

describe("search", () => {
  const MARKER = "Quittengeleesprechstunde";
  let visible: number;
  let hidden: number;
  let held: number;
  let merged: number;

  beforeAll(async () => {
    visible = await seedTopic({ title: `Sprechstunde ${MARKER} in Lindach`, body: "Bitte abends.", authorId: member.id, anonymous: true, town: "Lindach" });
    hidden = await seedTopic({ title: `Versteckt ${MARKER}`, hiddenAt: new Date() });
    held = await seedTopic({ title: `Wartet ${MARKER}`, approvedAt: null });
    merged = await seedTopic({ title: `Doppelt ${MARKER}`, mergedIntoId: visible });
    await db.insert(topicReplies).values([
      { topicId: visible, authorId: otherMember.id, body: "Antwort mit Holunderwort" },
      { topicId: visible, authorId: otherMember.id, body: "Versteckte Antwort mit Schlehenwort", hiddenAt: new Date() },
    ]);
    for (const id of [visible, hidden, held, merged]) await syncDocument(db, "topics", String(id));
  }, 60_000);

  test("documents hold visible topics with their visible replies, and nothing about who wrote them", async () => {
    const documents = await topicsIndex.load(db, [visible, hidden, held, merged].map(String));
    expect(documents.map((document) => document.id)).toEqual([String(visible)]);
    expect(documents[0]).toMatchObject({ url: `/open-mic/${visible}`, status: "new", category: "sprache", town: "Lindach", visibility: "public" });
    expect(documents[0]!.text).toContain("Holunderwort");
    expect(documents[0]!.text).not.toContain("Schlehenwort");
    expect(JSON.stringify(documents)).not.toContain(member.name);
  });

  test("the search box and the API find the visible topic as type 'topic', never hidden or held-back ones", async () => {
    const outcome = await searchEverything(MARKER, null);
    if (outcome.status !== "ok") throw new Error("search unavailable");
    expect(outcome.hits.filter((hit) => hit.type === "topic").map((hit) => hit.id)).toEqual([String(visible)]);
    expect(outcome.totals.topic).toBe(1);
    const api = (await (await run(apiLoader, getRequest(`/api/v1/search?q=${MARKER}&type=topic`))).json()) as { hits: { type: string; title: string; url: string }[] };
    expect(api.hits).toEqual([expect.objectContaining({ type: "topic", title: `Sprechstunde ${MARKER} in Lindach`, url: `/open-mic/${visible}` })]);
    expect((await searchEverything("Schlehenwort", null)).status === "ok" && (await searchEverything("Schlehenwort", null))).toMatchObject({ totals: { topic: 0 } });
  });

  test("a topic hidden after indexing is withdrawn by the PostgreSQL re-check, also from the list search", async () => {
    const late = await seedTopic({ title: `Spät ausgeblendet ${MARKER}` });
    await syncDocument(db, "topics", String(late));
    expect((await listData(await list(`?q=${MARKER}`))).topics.map((topic) => topic.id).sort()).toEqual([visible, late].sort());
    await db.update(topics).set({ hiddenAt: new Date() }).where(eq(topics.id, late));
    const outcome = await searchEverything(MARKER, null);
    expect(outcome.status === "ok" && outcome.hits.filter((hit) => hit.type === "topic").map((hit) => hit.id)).toEqual([String(visible)]);
    expect((await listData(await list(`?q=${MARKER}`))).topics.map((topic) => topic.id)).toEqual([visible]);
  });

  test("similar topics while typing a title: visible ones only", async () => {
    const data = await (await run(similarLoader, getRequest(`/open-mic/aehnliche?q=${encodeURIComponent(`${MARKER} Lindach`)}`))).json();
    expect(data.topics.map((topic: { id: number }) => topic.id)).toEqual([visible]);
    expect((await (await run(similarLoader, getRequest("/open-mic/aehnliche?q=ab"))).json()).topics).toEqual([]);
  });
});
