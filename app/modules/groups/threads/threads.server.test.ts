import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { groupMemberships, groupModerationLog, groupPosts, groupThreads, workingGroups } from "#db/schema";
import { demoGroups } from "#app/modules/demo/groups.server";
import { groupContentIndex } from "#search/indexes/group-content";
import { consumeRateLimit } from "#app/utils/rate-limit.server";
import { loader as listLoader } from "#app/routes/arbeitsgruppen.$slug_.themen._index";
import { action as newAction, loader as newLoader } from "#app/routes/arbeitsgruppen.$slug_.themen.neu";
import { action as threadAction, loader as threadLoader } from "#app/routes/arbeitsgruppen.$slug_.themen.$id/route";
import { loader as logLoader } from "#app/routes/arbeitsgruppen.$slug_.moderation";
import { leaveGroup } from "../membership/membership.server";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";

const PUBLIC = "sprache-bildung";
const OTHER = "arbeit-ausbildung";
const PRIVATE = "ankommen-wohnen";
const THIRD = "engagement-zusammenleben";

type Person = { id: string; cookie: string; handle: string };
const groupIds: Record<string, string> = {};
let coordinator: Person;
let member: Person;
let secondMember: Person;
let outsider: Person;
let networkCoordinator: Person;

async function person(options: Parameters<typeof createTestUser>[0] = {}): Promise<Person> {
  const user = await createTestUser(options);
  return { id: user.id, handle: user.handle, cookie: await sessionCookieFor(user.id) };
}

async function join(slug: string, who: Person, role: "member" | "coordinator" = "member") {
  await db.insert(groupMemberships).values({ groupId: groupIds[slug]!, userId: who.id, role }).onConflictDoNothing();
}

beforeAll(async () => {
  await db.insert(workingGroups).values(demoGroups);
  for (const row of await db.select({ id: workingGroups.id, slug: workingGroups.slug }).from(workingGroups)) groupIds[row.slug] = row.id;
  coordinator = await person({ displayName: "Clara Koordinatorin" });
  member = await person({ displayName: "Marta Mitglied" });
  secondMember = await person({ displayName: "Bernd Zweiter" });
  outsider = await person({ displayName: "Olaf Außen" });
  networkCoordinator = await person({ displayName: "Nina Netzwerk", role: "coordinator" });
  for (const slug of [PUBLIC, OTHER, PRIVATE]) await join(slug, coordinator, "coordinator");
  for (const slug of [PUBLIC, PRIVATE]) {
    await join(slug, member);
    await join(slug, secondMember);
  }
});

/** A thread with posts, written straight into the database (the actions are tested on their own). */
async function seedThread(slug: string, authorId: string, bodies: string[] = ["Erster Beitrag"], title = "Sprachkurse in Lindach") {
  const [thread] = await db.insert(groupThreads).values({ groupId: groupIds[slug]!, title, authorId }).returning({ id: groupThreads.id });
  const postIds: string[] = [];
  for (const [index, body] of bodies.entries()) {
    const [post] = await db
      .insert(groupPosts)
      .values({ threadId: thread!.id, authorId, body, createdAt: new Date(Date.now() - (bodies.length - index) * 60_000) })
      .returning({ id: groupPosts.id });
    postIds.push(post!.id);
  }
  return { threadId: thread!.id, postIds };
}

const listOf = (slug: string, cookie?: string, query = "") => run(withParams(listLoader, { slug }), getRequest(`/arbeitsgruppen/${slug}/themen${query}`, { cookie }));
const threadPage = (slug: string, id: string, cookie?: string, query = "") => run(withParams(threadLoader, { slug, id }), getRequest(`/arbeitsgruppen/${slug}/themen/${id}${query}`, { cookie }));
const postTo = (slug: string, id: string, fields: Record<string, string>, cookie?: string) =>
  run(withParams(threadAction, { slug, id }), formRequest(`/arbeitsgruppen/${slug}/themen/${id}`, fields, { cookie }));

type ThreadData = {
  thread: { title: string; pinned: boolean; locked: boolean };
  posts: { id: string; body: string | null; canEdit: boolean; hidden: { reason: string; by: string | null } | null; editedAt: string | null }[];
  mentions: [string, string][];
  quoting: string | null;
  editing: string | null;
  replyState: string;
  moderator: boolean;
};
const threadData = async (response: Response) => (await response.json()) as ThreadData;

async function postsOf(threadId: string) {
  return db.select().from(groupPosts).where(eq(groupPosts.threadId, threadId)).orderBy(groupPosts.createdAt);
}
async function threadRow(threadId: string) {
  const [row] = await db.select().from(groupThreads).where(eq(groupThreads.id, threadId));
  return row!;
}
async function logOf(threadId: string) {
  return db.select().from(groupModerationLog).where(eq(groupModerationLog.threadId, threadId)).orderBy(groupModerationLog.createdAt);
}
async function syncJobs(threadId: string) {
  const rows = await db.execute<{ key: string }>(sql`select key from graphile_worker.jobs where key = ${`group_content:thread:${threadId}`}`);
  return rows.length;
}

describe("thread list", () => {
  test("anyone reads a public group's threads: pinned first, then newest activity, with reply counts", async () => {
    const older = await seedThread(THIRD, coordinator.id, ["a", "b", "c"], "Älteres Thema");
    const newer = await seedThread(THIRD, coordinator.id, ["a"], "Neueres Thema");
    const pinned = await seedThread(THIRD, coordinator.id, ["a"], "Angeheftet");
    await db
      .update(groupThreads)
      .set({ lastPostAt: new Date(Date.now() - 86_400_000) })
      .where(eq(groupThreads.id, older.threadId));
    await db
      .update(groupThreads)
      .set({ lastPostAt: new Date(Date.now() - 3 * 86_400_000), pinnedAt: new Date() })
      .where(eq(groupThreads.id, pinned.threadId));
    const response = await listOf(THIRD);
    expect(response.status).toBe(200);
    const data = (await response.json()) as { threads: { id: string; replies: number; pinned: boolean }[]; canPost: boolean };
    expect(data.threads.map((thread) => thread.id)).toEqual([pinned.threadId, newer.threadId, older.threadId]);
    expect(data.threads.find((thread) => thread.id === older.threadId)?.replies).toBe(2);
    expect(data.canPost).toBe(false);
  });

  test("pages hold 20 threads each; ?seite= picks one", async () => {
    const slug = OTHER;
    for (let index = 0; index < 21; index += 1) await seedThread(slug, coordinator.id, ["x"], `Thema ${index}`);
    const first = (await (await listOf(slug)).json()) as { threads: unknown[]; pages: number };
    const second = (await (await listOf(slug, undefined, "?seite=2")).json()) as { threads: unknown[]; page: number };
    expect(first.threads).toHaveLength(20);
    expect(first.pages).toBe(2);
    expect(second.page).toBe(2);
    expect(second.threads.length).toBeGreaterThanOrEqual(1);
  });

  test("a private group's threads are a 404 to guests and outsiders, identical to a missing group", async () => {
    await seedThread(PRIVATE, member.id, ["Vertraulich"], "Fallbesprechung Familie K.");
    const missing = await listOf("gibt-es-nicht", outsider.cookie);
    for (const cookie of [undefined, outsider.cookie, networkCoordinator.cookie]) {
      const response = await listOf(PRIVATE, cookie);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(await missing.clone().text());
    }
    const mine = (await (await listOf(PRIVATE, member.cookie)).json()) as { threads: { title: string }[]; canPost: boolean };
    expect(mine.threads.map((thread) => thread.title)).toContain("Fallbesprechung Familie K.");
    expect(mine.canPost).toBe(true);
  });
});

describe("new thread", () => {
  test("guests are sent to sign in; non-members of a public group get 403; private outsiders 404; members the form", async () => {
    const guest = await run(withParams(newLoader, { slug: PUBLIC }), getRequest(`/arbeitsgruppen/${PUBLIC}/themen/neu`));
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toBe(`/anmelden?redirectTo=${encodeURIComponent(`/arbeitsgruppen/${PUBLIC}/themen/neu`)}`);
    expect((await run(withParams(newLoader, { slug: PUBLIC }), getRequest(`/arbeitsgruppen/${PUBLIC}/themen/neu`, { cookie: outsider.cookie }))).status).toBe(403);
    expect((await run(withParams(newLoader, { slug: PRIVATE }), getRequest(`/arbeitsgruppen/${PRIVATE}/themen/neu`, { cookie: outsider.cookie }))).status).toBe(404);
    expect((await run(withParams(newLoader, { slug: PUBLIC }), getRequest(`/arbeitsgruppen/${PUBLIC}/themen/neu`, { cookie: member.cookie }))).status).toBe(200);
  });

  test("a member opens a thread: its first post, its last activity and its search sync in one go", async () => {
    const response = await run(
      withParams(newAction, { slug: PUBLIC }),
      formRequest(`/arbeitsgruppen/${PUBLIC}/themen/neu`, { title: "Wartelisten Integrationskurse Weidenfeld", body: "Wer kennt die aktuellen Wartezeiten?" }, { cookie: member.cookie }),
    );
    expect(response.status).toBe(303);
    const threadId = response.headers.get("Location")!.split("/").pop()!;
    const thread = await threadRow(threadId);
    expect(thread).toMatchObject({ groupId: groupIds[PUBLIC], title: "Wartelisten Integrationskurse Weidenfeld", authorId: member.id });
    const posts = await postsOf(threadId);
    expect(posts.map((post) => post.body)).toEqual(["Wer kennt die aktuellen Wartezeiten?"]);
    expect(thread.lastPostAt.getTime()).toBe(posts[0]!.createdAt.getTime());
    expect(await syncJobs(threadId)).toBe(1);
  });

  test("bad input answers 400 at the field and keeps what was typed", async () => {
    const response = await run(withParams(newAction, { slug: PUBLIC }), formRequest(`/arbeitsgruppen/${PUBLIC}/themen/neu`, { title: "x".repeat(201), body: "Mein Text" }, { cookie: member.cookie }));
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(result.error.title).toEqual(["threads.validation.titleTooLong"]);
    expect(result.initialValue.body).toBe("Mein Text");
    const empty = (await (
      await run(withParams(newAction, { slug: PUBLIC }), formRequest(`/arbeitsgruppen/${PUBLIC}/themen/neu`, { title: "Titel", body: "   " }, { cookie: member.cookie }))
    ).json()) as {
      result: { error: Record<string, string[]> };
    };
    expect(empty.result.error.body).toEqual(["validation.required"]);
  });

  test("non-members, guests and private outsiders cannot open threads", async () => {
    const count = async () => (await db.select().from(groupThreads).where(eq(groupThreads.title, "Darf nicht sein"))).length;
    const fields = { title: "Darf nicht sein", body: "Text" };
    expect((await run(withParams(newAction, { slug: PUBLIC }), formRequest(`/arbeitsgruppen/${PUBLIC}/themen/neu`, fields, { cookie: outsider.cookie }))).status).toBe(403);
    expect((await run(withParams(newAction, { slug: PUBLIC }), formRequest(`/arbeitsgruppen/${PUBLIC}/themen/neu`, fields))).status).toBe(302);
    expect((await run(withParams(newAction, { slug: PRIVATE }), formRequest(`/arbeitsgruppen/${PRIVATE}/themen/neu`, fields, { cookie: outsider.cookie }))).status).toBe(404);
    // Network coordination moderates public groups but writes only where it is a member.
    expect((await run(withParams(newAction, { slug: THIRD }), formRequest(`/arbeitsgruppen/${THIRD}/themen/neu`, fields, { cookie: networkCoordinator.cookie }))).status).toBe(403);
    expect(await count()).toBe(0);
  });
});

describe("thread page", () => {
  test("a thread id of another group, an unknown id or a malformed one is a 404", async () => {
    const elsewhere = await seedThread(OTHER, coordinator.id);
    expect((await threadPage(PUBLIC, elsewhere.threadId, member.cookie)).status).toBe(404);
    expect((await threadPage(OTHER, elsewhere.threadId, member.cookie)).status).toBe(200);
    expect((await threadPage(PUBLIC, randomUUID(), member.cookie)).status).toBe(404);
    expect((await threadPage(PUBLIC, "nicht-da", member.cookie)).status).toBe(404);
  });

  test("a private group's thread is a 404 to outsiders, identical to a missing group", async () => {
    const secret = await seedThread(PRIVATE, member.id, ["Wohnungssuche Fall 12"]);
    const missing = await threadPage("gibt-es-nicht", secret.threadId, outsider.cookie);
    for (const cookie of [undefined, outsider.cookie, networkCoordinator.cookie]) {
      const response = await threadPage(PRIVATE, secret.threadId, cookie);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(await missing.clone().text());
    }
    expect((await threadPage(PRIVATE, secret.threadId, member.cookie)).status).toBe(200);
  });

  test("guests read a public thread and are asked to sign in to reply; non-members to join", async () => {
    const { threadId } = await seedThread(PUBLIC, member.id);
    expect((await threadData(await threadPage(PUBLIC, threadId))).replyState).toBe("signIn");
    expect((await threadData(await threadPage(PUBLIC, threadId, outsider.cookie))).replyState).toBe("join");
    expect((await threadData(await threadPage(PUBLIC, threadId, member.cookie))).replyState).toBe("open");
  });

  test("mentions resolve to members of this group only", async () => {
    const { threadId } = await seedThread(PUBLIC, member.id, [`Danke @${secondMember.handle} und @${outsider.handle}!`]);
    const data = await threadData(await threadPage(PUBLIC, threadId, member.cookie));
    expect(data.mentions).toEqual([[secondMember.handle, "Bernd Zweiter"]]);
  });

  test("?zitat= quotes only a visible post of this thread; ?bearbeiten= edits only one's own", async () => {
    const mine = await seedThread(PUBLIC, member.id, ["Meins"]);
    const theirs = await seedThread(PUBLIC, secondMember.id, ["Fremd"]);
    const own = mine.postIds[0]!;
    expect((await threadData(await threadPage(PUBLIC, mine.threadId, member.cookie, `?zitat=${own}`))).quoting).toBe(own);
    expect((await threadData(await threadPage(PUBLIC, mine.threadId, member.cookie, `?zitat=${theirs.postIds[0]}`))).quoting).toBeNull();
    expect((await threadData(await threadPage(PUBLIC, mine.threadId, member.cookie, `?bearbeiten=${own}`))).editing).toBe(own);
    expect((await threadData(await threadPage(PUBLIC, theirs.threadId, member.cookie, `?bearbeiten=${theirs.postIds[0]}`))).editing).toBeNull();
    // Guests quote nothing.
    expect((await threadData(await threadPage(PUBLIC, mine.threadId, undefined, `?zitat=${own}`))).quoting).toBeNull();
  });
});

describe("replies", () => {
  test("a member replies: the post is stored, the thread's last activity moves, the search learns it", async () => {
    const { threadId } = await seedThread(PUBLIC, secondMember.id);
    const before = await threadRow(threadId);
    const response = await postTo(PUBLIC, threadId, { intent: "reply", body: "Ich frage bei der VHS Auenstadt nach." }, member.cookie);
    expect(response.status).toBe(303);
    const posts = await postsOf(threadId);
    expect(posts.map((post) => post.body)).toEqual(["Erster Beitrag", "Ich frage bei der VHS Auenstadt nach."]);
    expect(response.headers.get("Location")).toBe(`/arbeitsgruppen/${PUBLIC}/themen/${threadId}#beitrag-${posts[1]!.id}`);
    const after = await threadRow(threadId);
    expect(after.lastPostAt.getTime()).toBeGreaterThan(before.lastPostAt.getTime());
    expect(after.lastPostAt.getTime()).toBe(posts[1]!.createdAt.getTime());
    expect(await syncJobs(threadId)).toBe(1);
  });

  test("guests, non-members and a foreign thread id change nothing", async () => {
    const { threadId } = await seedThread(PUBLIC, member.id);
    const elsewhere = await seedThread(OTHER, coordinator.id);
    expect((await postTo(PUBLIC, threadId, { intent: "reply", body: "Gast" })).status).toBe(302);
    expect((await postTo(PUBLIC, threadId, { intent: "reply", body: "Außen" }, outsider.cookie)).status).toBe(403);
    // The thread of another group named under this group's address.
    expect((await postTo(PUBLIC, elsewhere.threadId, { intent: "reply", body: "Quer" }, member.cookie)).status).toBe(404);
    expect(await postsOf(threadId)).toHaveLength(1);
    expect(await postsOf(elsewhere.threadId)).toHaveLength(1);
  });

  test("a member who left loses write access at once", async () => {
    const leaver = await person({ displayName: "Lea Geht" });
    await join(PUBLIC, leaver);
    await join(PRIVATE, leaver);
    const open = await seedThread(PUBLIC, member.id);
    const secret = await seedThread(PRIVATE, member.id);
    expect((await postTo(PUBLIC, open.threadId, { intent: "reply", body: "Noch drin" }, leaver.cookie)).status).toBe(303);
    await leaveGroup(groupIds[PUBLIC]!, leaver.id);
    await leaveGroup(groupIds[PRIVATE]!, leaver.id);
    expect((await postTo(PUBLIC, open.threadId, { intent: "reply", body: "Raus" }, leaver.cookie)).status).toBe(403);
    expect((await postTo(PRIVATE, secret.threadId, { intent: "reply", body: "Raus" }, leaver.cookie)).status).toBe(404);
    expect((await postsOf(open.threadId)).map((post) => post.body)).toEqual(["Erster Beitrag", "Noch drin"]);
    expect(await postsOf(secret.threadId)).toHaveLength(1);
  });

  test("a locked thread refuses members' replies but takes the coordinators'", async () => {
    const { threadId } = await seedThread(PUBLIC, member.id);
    await db.update(groupThreads).set({ lockedAt: new Date() }).where(eq(groupThreads.id, threadId));
    const refused = await postTo(PUBLIC, threadId, { intent: "reply", body: "Noch etwas" }, member.cookie);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["threads.lockedNotice"]);
    expect((await threadData(await threadPage(PUBLIC, threadId, member.cookie))).replyState).toBe("locked");
    expect((await postTo(PUBLIC, threadId, { intent: "reply", body: "Abschließend: erledigt." }, coordinator.cookie)).status).toBe(303);
    expect((await postsOf(threadId)).map((post) => post.body)).toEqual(["Erster Beitrag", "Abschließend: erledigt."]);
  });

  test("posting is throttled with a message at the field", async () => {
    const busy = await person({ displayName: "Viel Schreiber" });
    await join(PUBLIC, busy);
    const { threadId } = await seedThread(PUBLIC, busy.id);
    for (let index = 0; index < 30; index += 1) await consumeRateLimit(db, `group-post:${busy.id}`, { capacity: 30, refillPerSecond: 30 / 600 });
    const response = await postTo(PUBLIC, threadId, { intent: "reply", body: "Noch einer" }, busy.cookie);
    expect(response.status).toBe(429);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]> } };
    expect(result.error.body?.[0]).toMatch(/^threads\.validation\.throttled\|\d+$/);
    expect(await postsOf(threadId)).toHaveLength(1);
  });
});

describe("editing", () => {
  test("an author edits their own post, which is then marked as edited", async () => {
    const { threadId, postIds } = await seedThread(PUBLIC, member.id, ["Trefen am Dienstag"]);
    const response = await postTo(PUBLIC, threadId, { intent: "edit", postId: postIds[0]!, body: "Treffen am Dienstag" }, member.cookie);
    expect(response.status).toBe(303);
    const [post] = await postsOf(threadId);
    expect(post!.body).toBe("Treffen am Dienstag");
    expect(post!.editedAt).not.toBeNull();
    expect((await threadData(await threadPage(PUBLIC, threadId, member.cookie))).posts[0]!.editedAt).not.toBeNull();
    expect(await syncJobs(threadId)).toBe(1);
  });

  test("nobody edits another's post, not even a coordinator; a post id of another thread is not found", async () => {
    const { threadId, postIds } = await seedThread(PUBLIC, member.id, ["Original"]);
    const other = await seedThread(PUBLIC, member.id, ["Anderes Thema"]);
    const foreign = await seedThread(OTHER, coordinator.id, ["Andere Gruppe"]);
    expect((await postTo(PUBLIC, threadId, { intent: "edit", postId: postIds[0]!, body: "Gekapert" }, secondMember.cookie)).status).toBe(403);
    expect((await postTo(PUBLIC, threadId, { intent: "edit", postId: postIds[0]!, body: "Gekapert" }, coordinator.cookie)).status).toBe(403);
    expect((await postTo(PUBLIC, threadId, { intent: "edit", postId: other.postIds[0]!, body: "Gekapert" }, member.cookie)).status).toBe(404);
    expect((await postTo(PUBLIC, foreign.threadId, { intent: "edit", postId: foreign.postIds[0]!, body: "Gekapert" }, coordinator.cookie)).status).toBe(404);
    expect((await postsOf(threadId))[0]!.body).toBe("Original");
    expect((await postsOf(other.threadId))[0]!.body).toBe("Anderes Thema");
    expect((await postsOf(foreign.threadId))[0]!.body).toBe("Andere Gruppe");
  });
});

describe("moderation", () => {
  test("members cannot moderate; the group's coordinator pins and locks, and each action is logged", async () => {
    const { threadId } = await seedThread(PUBLIC, member.id);
    for (const intent of ["pin", "lock"]) expect((await postTo(PUBLIC, threadId, { intent, reason: "" }, member.cookie)).status).toBe(403);
    expect((await postTo(PUBLIC, threadId, { intent: "pin" }, undefined)).status).toBe(302);
    expect(await logOf(threadId)).toHaveLength(0);
    expect((await postTo(PUBLIC, threadId, { intent: "pin", reason: "Wichtig für alle" }, coordinator.cookie)).status).toBe(303);
    expect((await postTo(PUBLIC, threadId, { intent: "lock", reason: "" }, coordinator.cookie)).status).toBe(303);
    // Pinning again changes and logs nothing.
    expect((await postTo(PUBLIC, threadId, { intent: "pin" }, coordinator.cookie)).status).toBe(303);
    const thread = await threadRow(threadId);
    expect(thread.pinnedAt).not.toBeNull();
    expect(thread.lockedAt).not.toBeNull();
    const entries = await logOf(threadId);
    expect(entries.map(({ action, actorId, reason, groupId }) => ({ action, actorId, reason, groupId }))).toEqual([
      { action: "pin", actorId: coordinator.id, reason: "Wichtig für alle", groupId: groupIds[PUBLIC] },
      { action: "lock", actorId: coordinator.id, reason: "", groupId: groupIds[PUBLIC] },
    ]);
    expect((await postTo(PUBLIC, threadId, { intent: "unpin" }, coordinator.cookie)).status).toBe(303);
    expect((await threadRow(threadId)).pinnedAt).toBeNull();
  });

  test("network coordination moderates a public group it is not in", async () => {
    const { threadId } = await seedThread(THIRD, coordinator.id);
    expect((await postTo(THIRD, threadId, { intent: "lock" }, networkCoordinator.cookie)).status).toBe(303);
    expect((await logOf(threadId)).map((entry) => entry.actorId)).toEqual([networkCoordinator.id]);
  });

  test("hiding needs a reason; hidden posts show the reason to members, the text to coordinators, and leave the search document", async () => {
    const { threadId, postIds } = await seedThread(PUBLIC, member.id, ["Eröffnung zu Kursplätzen", "Beleidigender Geheimtext"]);
    const missingReason = await postTo(PUBLIC, threadId, { intent: "hide", postId: postIds[1]!, reason: "" }, coordinator.cookie);
    expect(missingReason.status).toBe(400);
    expect((await postsOf(threadId))[1]!.hiddenAt).toBeNull();
    expect((await postTo(PUBLIC, threadId, { intent: "hide", postId: postIds[1]!, reason: "Verstößt gegen die Netiquette" }, member.cookie)).status).toBe(403);

    expect((await postTo(PUBLIC, threadId, { intent: "hide", postId: postIds[1]!, reason: "Verstößt gegen die Netiquette" }, coordinator.cookie)).status).toBe(303);
    const hidden = (await postsOf(threadId))[1]!;
    expect(hidden).toMatchObject({ hiddenBy: coordinator.id, hiddenReason: "Verstößt gegen die Netiquette" });
    expect(hidden.hiddenAt).not.toBeNull();
    // The thread's last activity is its newest visible post now.
    expect((await threadRow(threadId)).lastPostAt.getTime()).toBe((await postsOf(threadId))[0]!.createdAt.getTime());

    const asMember = await threadData(await threadPage(PUBLIC, threadId, secondMember.cookie));
    expect(asMember.posts[1]).toMatchObject({ body: null, hidden: { reason: "Verstößt gegen die Netiquette", by: null } });
    expect(JSON.stringify(asMember)).not.toContain("Geheimtext");
    const asGuest = await (await threadPage(PUBLIC, threadId)).text();
    expect(asGuest).not.toContain("Geheimtext");
    const asCoordinator = await threadData(await threadPage(PUBLIC, threadId, coordinator.cookie));
    expect(asCoordinator.posts[1]).toMatchObject({ body: "Beleidigender Geheimtext", hidden: { by: "Clara Koordinatorin" } });

    const [document] = await groupContentIndex.load(db, [`thread:${threadId}`]);
    expect(document!.text).toContain("Eröffnung zu Kursplätzen");
    expect(document!.text).not.toContain("Geheimtext");
    expect(await syncJobs(threadId)).toBe(1);

    expect((await postTo(PUBLIC, threadId, { intent: "unhide", postId: postIds[1]! }, coordinator.cookie)).status).toBe(303);
    expect((await postsOf(threadId))[1]!.hiddenAt).toBeNull();
    const [again] = await groupContentIndex.load(db, [`thread:${threadId}`]);
    expect(again!.text).toContain("Geheimtext");
    expect((await logOf(threadId)).map((entry) => [entry.action, entry.postId, entry.reason])).toEqual([
      ["hide", postIds[1], "Verstößt gegen die Netiquette"],
      ["unhide", postIds[1], ""],
    ]);
  });

  test("a post id of another thread or group hides nothing", async () => {
    const { threadId } = await seedThread(PUBLIC, member.id);
    const sibling = await seedThread(PUBLIC, member.id);
    const foreign = await seedThread(PRIVATE, member.id);
    expect((await postTo(PUBLIC, threadId, { intent: "hide", postId: sibling.postIds[0]!, reason: "Test" }, coordinator.cookie)).status).toBe(404);
    expect((await postTo(PUBLIC, threadId, { intent: "hide", postId: foreign.postIds[0]!, reason: "Test" }, coordinator.cookie)).status).toBe(404);
    expect((await postTo(PUBLIC, foreign.threadId, { intent: "hide", postId: foreign.postIds[0]!, reason: "Test" }, coordinator.cookie)).status).toBe(404);
    expect((await postsOf(sibling.threadId))[0]!.hiddenAt).toBeNull();
    expect((await postsOf(foreign.threadId))[0]!.hiddenAt).toBeNull();
    expect(await logOf(foreign.threadId)).toHaveLength(0);
  });

  test("a coordinator moves a thread to another group they coordinate; both logs record it and the search document follows", async () => {
    const { threadId } = await seedThread(PUBLIC, member.id, ["Anerkennung von Abschlüssen"]);
    await db.update(groupThreads).set({ pinnedAt: new Date() }).where(eq(groupThreads.id, threadId));
    const response = await postTo(PUBLIC, threadId, { intent: "move", toGroupId: groupIds[OTHER]!, reason: "Gehört zu Arbeit & Ausbildung" }, coordinator.cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/arbeitsgruppen/${OTHER}/themen/${threadId}`);
    const thread = await threadRow(threadId);
    expect(thread.groupId).toBe(groupIds[OTHER]);
    expect(thread.pinnedAt).toBeNull();
    const entries = await logOf(threadId);
    expect(entries.map((entry) => entry.groupId).sort()).toEqual([groupIds[PUBLIC], groupIds[OTHER]].sort());
    for (const entry of entries)
      expect(entry).toMatchObject({ action: "move", actorId: coordinator.id, reason: "Gehört zu Arbeit & Ausbildung", detail: { fromGroupId: groupIds[PUBLIC], toGroupId: groupIds[OTHER] } });
    const [document] = await groupContentIndex.load(db, [`thread:${threadId}`]);
    expect(document).toMatchObject({ groupId: groupIds[OTHER], groupSlug: OTHER, url: `/arbeitsgruppen/${OTHER}/themen/${threadId}` });
    expect(await syncJobs(threadId)).toBe(1);
    // The old address is gone.
    expect((await threadPage(PUBLIC, threadId, coordinator.cookie)).status).toBe(404);
  });

  test("a move needs a reason and a group the actor coordinates", async () => {
    const { threadId } = await seedThread(PUBLIC, member.id);
    const attempt = (toGroupId: string, reason = "Passt besser") => postTo(PUBLIC, threadId, { intent: "move", toGroupId, reason }, coordinator.cookie);
    expect((await attempt(groupIds[OTHER]!, "")).status).toBe(400);
    // The coordinator is not in this group; an unknown id and the group itself are no targets either.
    const refused = await attempt(groupIds[THIRD]!);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { result: { error: Record<string, string[]> } }).result.error.toGroupId).toEqual(["threads.validation.invalidTarget"]);
    expect((await attempt(randomUUID())).status).toBe(400);
    expect((await attempt(groupIds[PUBLIC]!)).status).toBe(400);
    expect((await threadRow(threadId)).groupId).toBe(groupIds[PUBLIC]);
    expect(await logOf(threadId)).toHaveLength(0);
    // A member cannot move at all.
    expect((await postTo(PUBLIC, threadId, { intent: "move", toGroupId: groupIds[PRIVATE]!, reason: "x" }, member.cookie)).status).toBe(403);
  });

  test("the move select offers only other groups the actor coordinates", async () => {
    const { threadId } = await seedThread(PUBLIC, member.id);
    const data = (await (await threadPage(PUBLIC, threadId, coordinator.cookie)).json()) as { moveTargets: { id: string }[] };
    expect(data.moveTargets.map((group) => group.id).sort()).toEqual([groupIds[OTHER], groupIds[PRIVATE]].sort());
    // Network coordination: every other public group, and private ones only when it is in them.
    const network = (await (await threadPage(PUBLIC, threadId, networkCoordinator.cookie)).json()) as { moveTargets: { id: string }[] };
    expect(network.moveTargets.map((group) => group.id).sort()).toEqual([groupIds[OTHER], groupIds[THIRD]].sort());
    const asMember = (await (await threadPage(PUBLIC, threadId, member.cookie)).json()) as { moveTargets: unknown[] };
    expect(asMember.moveTargets).toEqual([]);
  });
});

describe("moderation log", () => {
  const logPage = (slug: string, cookie?: string) => run(withParams(logLoader, { slug }), getRequest(`/arbeitsgruppen/${slug}/moderation`, { cookie }));

  test("only the group's coordinators read it; members get 403, guests sign in, private outsiders 404", async () => {
    const { threadId } = await seedThread(PRIVATE, member.id, ["Fall 7"], "Unterbringung Fall 7");
    expect((await postTo(PRIVATE, threadId, { intent: "lock", reason: "Fall abgeschlossen" }, coordinator.cookie)).status).toBe(303);
    const response = await logPage(PRIVATE, coordinator.cookie);
    expect(response.status).toBe(200);
    const { entries } = (await response.json()) as { entries: { action: string; actorName: string; reason: string; threadTitle: string }[] };
    expect(entries).toContainEqual(expect.objectContaining({ action: "lock", actorName: "Clara Koordinatorin", reason: "Fall abgeschlossen", threadTitle: "Unterbringung Fall 7" }));
    expect((await logPage(PRIVATE, member.cookie)).status).toBe(403);
    expect((await logPage(PUBLIC, member.cookie)).status).toBe(403);
    expect((await logPage(PUBLIC, outsider.cookie)).status).toBe(403);
    expect((await logPage(PUBLIC)).status).toBe(302);
    const missing = await logPage("gibt-es-nicht", outsider.cookie);
    for (const cookie of [outsider.cookie, networkCoordinator.cookie]) {
      const hidden = await logPage(PRIVATE, cookie);
      expect(hidden.status).toBe(404);
      expect(await hidden.text()).toBe(await missing.clone().text());
    }
  });

  test("a moved thread shows in the old group's log without its link, and the groups are named", async () => {
    const { threadId } = await seedThread(PUBLIC, member.id, ["Praktikumsbörse"], "Praktikumsbörse");
    await postTo(PUBLIC, threadId, { intent: "move", toGroupId: groupIds[OTHER]!, reason: "Falsche AG" }, coordinator.cookie);
    type Entry = { threadId: string | null; threadTitle: string | null; fromName: string | null; toName: string | null; reason: string };
    const fromLog = ((await (await logPage(PUBLIC, coordinator.cookie)).json()) as { entries: Entry[] }).entries.find((entry) => entry.reason === "Falsche AG")!;
    expect(fromLog).toMatchObject({ threadId: null, threadTitle: null, fromName: "Sprache & Bildung", toName: "Arbeit & Ausbildung" });
    const toLog = ((await (await logPage(OTHER, coordinator.cookie)).json()) as { entries: Entry[] }).entries.find((entry) => entry.reason === "Falsche AG")!;
    expect(toLog).toMatchObject({ threadId, threadTitle: "Praktikumsbörse" });
    const rows = await db
      .select()
      .from(groupModerationLog)
      .where(and(eq(groupModerationLog.threadId, threadId), eq(groupModerationLog.action, "move")));
    expect(rows).toHaveLength(2);
  });
});
