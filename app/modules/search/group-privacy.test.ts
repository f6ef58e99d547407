import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { groupMemberships, groupPosts, groupTasks, groupThreads, meetings, workingGroups } from "#db/schema";
import { applySearchSettings } from "#search/reindex";
import { syncDocument } from "#search/sync";
import { loader as apiLoader } from "#app/routes/api.v1.search";
import { loader as searchPageLoader } from "#app/routes/suche";
import { createTestUser, getRequest, run, sessionCookieFor } from "#test/factories";
import { searchEverything } from "./search.server";

// One word no demo text has: wherever it shows up, private content leaked.
const MARKER = "Quittenmarmeladenprotokoll";
const PUBLIC_MARKER = "Holunderblütenaustausch";

type Viewer = { label: string; cookie: string | null; user: Awaited<ReturnType<typeof createTestUser>> | null };

async function makeGroup(slug: string, visibility: "public" | "private") {
  const [group] = await db
    .insert(workingGroups)
    .values({ slug, name: `AG ${slug}`, focus: "Test", visibility })
    .returning({ id: workingGroups.id });
  return group!.id;
}

/** A thread, a task and a meeting in the group, each with the word, indexed. */
async function contentWith(groupId: string, word: string) {
  const [thread] = await db
    .insert(groupThreads)
    .values({ groupId, title: `Fallbesprechung ${word}` })
    .returning({ id: groupThreads.id });
  await db.insert(groupPosts).values({ threadId: thread!.id, body: `Vertraulich: ${word} für die Familie aus Lindach.` });
  const [task] = await db
    .insert(groupTasks)
    .values({ groupId, title: `Aufgabe ${word}` })
    .returning({ id: groupTasks.id });
  const startsAt = new Date(Date.now() + 86_400_000);
  const [meeting] = await db
    .insert(meetings)
    .values({ groupId, title: `Treffen ${word}`, agenda: `1. ${word}`, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) })
    .returning({ id: meetings.id });
  for (const source of [`thread:${thread!.id}`, `task:${task!.id}`, `meeting:${meeting!.id}`]) await syncDocument(db, "group_content", source);
  return { threadId: thread!.id };
}

/** Everything a viewer can learn from a search for the word: the grouped page, the federated API, the counts. */
async function whatSearchShows(viewer: Viewer, word: string) {
  const headers = viewer.cookie ? { cookie: viewer.cookie } : {};
  const page = await run(searchPageLoader, getRequest(`/suche?q=${word}`, headers));
  const api = await run(apiLoader, getRequest(`/api/v1/search?q=${word}&limit=100`, headers));
  const onlyGroups = await run(apiLoader, getRequest(`/api/v1/search?q=${word}&type=group`, headers));
  const outcome = await searchEverything(word, viewer.user);
  if (outcome.status !== "ok") throw new Error("search unavailable");
  // Everything but the echo of the query itself.
  const answers = (await Promise.all([page.json(), api.json(), onlyGroups.json()])) as Record<string, unknown>[];
  const text = answers.map(({ query: _query, ...rest }) => JSON.stringify(rest)).join("\n");
  expect(text).toContain('"hits"');
  return { text, hits: outcome.hits.filter((hit) => hit.type === "group").length, total: outcome.totals.group };
}

describe("private group content in search", () => {
  let privateGroup: string;
  const viewers: Record<"guest" | "otherGroup" | "former" | "member", Viewer> = {} as never;

  beforeAll(async () => {
    await applySearchSettings();
    privateGroup = await makeGroup("vertraulich-test", "private");
    const otherGroup = await makeGroup("andere-test", "public");
    const publicGroup = await makeGroup("offen-test", "public");
    await contentWith(privateGroup, MARKER);
    await contentWith(publicGroup, PUBLIC_MARKER);
    const [otherUser, formerUser, memberUser] = await Promise.all([createTestUser(), createTestUser(), createTestUser()]);
    await db.insert(groupMemberships).values([
      { groupId: otherGroup, userId: otherUser.id },
      { groupId: privateGroup, userId: formerUser.id },
      { groupId: privateGroup, userId: memberUser.id },
    ]);
    viewers.guest = { label: "guest", cookie: null, user: null };
    viewers.otherGroup = { label: "member of another group", cookie: await sessionCookieFor(otherUser.id), user: otherUser };
    viewers.former = { label: "former member", cookie: await sessionCookieFor(formerUser.id), user: formerUser };
    viewers.member = { label: "member", cookie: await sessionCookieFor(memberUser.id), user: memberUser };
  }, 60_000);

  test("a member finds the thread, the task and the meeting", async () => {
    const shown = await whatSearchShows(viewers.member, MARKER);
    expect(shown.hits).toBe(3);
    expect(shown.total).toBe(3);
    expect(shown.text).toContain(MARKER);
  });

  test("a former member, right after leaving, sees nothing of it — the index has not changed, the answer has", async () => {
    expect((await whatSearchShows(viewers.former, MARKER)).hits).toBe(3);
    await db.delete(groupMemberships).where(and(eq(groupMemberships.groupId, privateGroup), eq(groupMemberships.userId, viewers.former.user!.id)));
    const shown = await whatSearchShows(viewers.former, MARKER);
    expect(shown).toEqual({ text: expect.not.stringContaining(MARKER) as string, hits: 0, total: 0 });
    expect(shown.text).not.toContain("vertraulich-test");
  });

  test.each(["guest", "otherGroup"] as const)("a %s sees no title, snippet, count or group name", async (who) => {
    const shown = await whatSearchShows(viewers[who], MARKER);
    expect(shown.hits).toBe(0);
    expect(shown.total).toBe(0);
    expect(shown.text).not.toContain(MARKER);
    expect(shown.text).not.toContain("vertraulich-test");
    expect(shown.text).not.toContain("Fallbesprechung");
  });

  test("public groups' content is found by everyone", async () => {
    for (const viewer of Object.values(viewers)) {
      const shown = await whatSearchShows(viewer, PUBLIC_MARKER);
      expect(shown.hits, viewer.label).toBe(3);
    }
  });

  test("a stale index cannot leak: a group made private without a new sync is re-checked in PostgreSQL", async () => {
    const group = await makeGroup("bald-privat-test", "public");
    const word = "Mirabellenkompott";
    await contentWith(group, word);
    expect((await whatSearchShows(viewers.guest, word)).hits).toBe(3);
    await db.update(workingGroups).set({ visibility: "private" }).where(eq(workingGroups.id, group));
    const shown = await whatSearchShows(viewers.guest, word);
    expect(shown).toEqual({ text: expect.not.stringContaining(word) as string, hits: 0, total: 0 });
  });
});
