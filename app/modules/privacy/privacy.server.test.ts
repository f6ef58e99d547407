import { strFromU8, unzipSync } from "fflate";
import { and, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { adminLog, dataExports, groupMemberships, groupPosts, groupThreads, notifications, sessions, topicFollows, topicReplies, topics, topicSupports, users, workingGroups } from "#db/schema";
import { signIn } from "#app/modules/auth/sign-in.server";
import { createTestUser, sessionCookieFor, TEST_PASSWORD } from "#test/factories";
import { deleteAccountAsAdmin, deleteOwnAccount } from "./account-deletion.server";
import { getDataExport, getDataExportFile, requestDataExport, runDataExport } from "./data-export.server";
import { DELETED_MEMBER_NAME, REMOVED_TOPIC_TITLE } from "./deletion-texts";
import { escapeHtml } from "./export-file.server";

const address = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function topicBy(authorId: string, title: string, body = "Text des Anliegens") {
  const [row] = await db.insert(topics).values({ title, body, authorId, approvedAt: new Date() }).returning({ id: topics.id });
  return row!.id;
}

async function replyBy(authorId: string, topicId: number, body: string) {
  const [row] = await db.insert(topicReplies).values({ topicId, authorId, body }).returning({ id: topicReplies.id });
  return row!.id;
}

/** Requests an export and runs its job the way the worker would; returns the zip's two files. */
async function exportOf(userId: string, lang = "de") {
  const requested = await requestDataExport(userId, lang);
  if (!requested.ok) throw new Error(requested.error);
  expect(await runDataExport(db, requested.id, lang)).toBe("ready");
  const file = await getDataExportFile(userId, requested.id);
  const files = unzipSync(new Uint8Array(file!.content));
  return { id: requested.id, json: JSON.parse(strFromU8(files["daten.json"]!)) as Record<string, unknown>, html: strFromU8(files["daten.html"]!) };
}

const syncJobKeys = async (prefix: string) => (await db.execute<{ key: string }>(sql`select key from graphile_worker.jobs where key like ${`${prefix}%`}`)).map((row) => row.key);

describe("data export", () => {
  test("holds the person's own topic, reply, follow and notification, and nothing of another person", async () => {
    const person = await createTestUser({ displayName: "Erika Export" });
    const other = await createTestUser({ displayName: "Otto Anders" });
    const own = await topicBy(person.id, "Mein eigenes Anliegen");
    const foreign = await topicBy(other.id, "Fremdes Anliegen", "Geheimer Text von Otto");
    await replyBy(person.id, foreign, "Meine Antwort an Otto");
    await replyBy(other.id, own, "Ottos Antwort, nicht meine");
    await db.insert(topicFollows).values({ topicId: foreign, userId: person.id });
    await db.insert(topicSupports).values({ topicId: foreign, userId: person.id });
    await db.insert(notifications).values({ userId: person.id, kind: "topic_reply", topicId: own });
    await db.insert(notifications).values({ userId: other.id, kind: "topic_reply", topicId: foreign });
    await sessionCookieFor(person.id);

    const { json, html } = await exportOf(person.id);
    expect(json).toMatchObject({ format: 1, userId: person.id, account: { email: person.email, displayName: "Erika Export" } });
    expect(JSON.stringify(json.account)).not.toMatch(/passwordHash|totpSecret|argon2/);
    expect(json.openMicTopics).toEqual([expect.objectContaining({ id: own, title: "Mein eigenes Anliegen" })]);
    expect(json.replies).toEqual([expect.objectContaining({ topicId: foreign, body: "Meine Antwort an Otto" })]);
    expect(json.follows).toEqual([expect.objectContaining({ topicId: foreign })]);
    expect(json.supports).toEqual([expect.objectContaining({ topicId: foreign })]);
    expect(json.notifications).toEqual([expect.objectContaining({ kind: "topic_reply", topicId: own })]);
    expect(json.sessions).toHaveLength(1);
    expect(Object.keys((json.sessions as Record<string, unknown>[])[0]!).sort()).toEqual(["createdAt", "expiresAt", "lastUsedAt"]);
    expect(json.consents).toMatchObject({ registeredAt: expect.any(String) });
    const text = JSON.stringify(json) + html;
    expect(text).not.toContain(other.email);
    expect(text).not.toContain("Ottos Antwort");
    expect(text).not.toContain("Geheimer Text");
    expect(html).toContain('<html lang="de"');
    expect(html).toContain("Ihre Anliegen im Open Mic");
    expect(html).toContain("Mein eigenes Anliegen");
  });

  test("the readable page escapes hostile text and loads nothing from outside", async () => {
    const person = await createTestUser({ displayName: "<script>alert(1)</script>" });
    await topicBy(person.id, `<img src=x onerror="alert(2)">`, "</td></table><a href='https://evil.example'>x</a>");
    const { html } = await exportOf(person.id, "en");
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<a href");
    expect(html).toContain(escapeHtml("<script>alert(1)</script>"));
    expect(html).toContain("Your Open Mic topics");
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
  });

  test("only the owner downloads it, only while it lasts; one pending export at a time, a new one replaces the old", async () => {
    const person = await createTestUser();
    const admin = await createTestUser({ role: "admin" });
    const first = await requestDataExport(person.id, "de");
    expect(first.ok).toBe(true);
    expect(await requestDataExport(person.id, "de")).toEqual({ ok: false, error: "pending" });
    const firstId = (first as { id: string }).id;
    expect((await getDataExport(person.id))?.status).toBe("pending");
    await runDataExport(db, firstId, "de");
    expect(await getDataExportFile(person.id, firstId)).not.toBeNull();
    expect(await getDataExportFile(admin.id, firstId)).toBeNull();
    const [row] = await db.select().from(dataExports).where(eq(dataExports.id, firstId));
    expect(row!.expiresAt.getTime() - row!.readyAt!.getTime()).toBe(24 * 60 * 60 * 1000);

    await db
      .update(dataExports)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(dataExports.id, firstId));
    expect(await getDataExportFile(person.id, firstId)).toBeNull();

    const second = await requestDataExport(person.id, "de");
    expect(second.ok).toBe(true);
    expect(await db.select({ id: dataExports.id }).from(dataExports).where(eq(dataExports.userId, person.id))).toEqual([{ id: (second as { id: string }).id }]);
    const jobs = await db.execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'privacy_data_export'`);
    expect(jobs[0]!.n).toBeGreaterThanOrEqual(1);
  });
});

describe("account deletion", () => {
  test("ends the sessions, empties the row, keeps the topic as 'ehemaliges Mitglied', and the old password no longer signs in", async () => {
    const person = await createTestUser({ displayName: "Dora Delete" });
    const topicId = await topicBy(person.id, "Anliegen bleibt stehen");
    const [group] = await db
      .insert(workingGroups)
      .values({ slug: `ag-${person.id.slice(0, 8)}`, name: "AG Test", focus: "Test" })
      .returning({ id: workingGroups.id });
    await db.insert(groupMemberships).values({ groupId: group!.id, userId: person.id });
    await db.insert(topicFollows).values({ topicId, userId: person.id });
    await sessionCookieFor(person.id);
    await requestDataExport(person.id, "de");

    expect(await deleteOwnAccount(person.id, "falsches Passwort", false, address())).toEqual({ ok: false, error: "wrongPassword", retryAfterSeconds: undefined });
    expect(await deleteOwnAccount(person.id, TEST_PASSWORD, false, address())).toEqual({ ok: true });

    expect(await db.select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
    expect(await db.select().from(groupMemberships).where(eq(groupMemberships.userId, person.id))).toEqual([]);
    expect(await db.select().from(topicFollows).where(eq(topicFollows.userId, person.id))).toEqual([]);
    expect(await db.select().from(dataExports).where(eq(dataExports.userId, person.id))).toEqual([]);
    const [row] = await db.select().from(users).where(eq(users.id, person.id));
    expect(row).toMatchObject({ displayName: DELETED_MEMBER_NAME, email: `deleted-${person.id}@invalid`, phone: null, about: "", languages: [], locale: null, totpSecret: null });
    expect(row!.deletedAt).toBeInstanceOf(Date);
    expect(row!.handle).toMatch(/^ehemalig-[0-9a-f]{12}$/);
    const [topic] = await db.select({ title: topics.title, authorId: topics.authorId }).from(topics).where(eq(topics.id, topicId));
    expect(topic).toEqual({ title: "Anliegen bleibt stehen", authorId: person.id });

    expect((await signIn(person.email, TEST_PASSWORD, address())).ok).toBe(false);
    expect((await signIn(row!.email, TEST_PASSWORD, address())).ok).toBe(false);
    expect(await syncJobKeys(`people:${person.id}`)).toEqual([`people:${person.id}`]);
    const [logged] = await db
      .select()
      .from(adminLog)
      .where(and(eq(adminLog.targetUserId, person.id), eq(adminLog.action, "account_deleted")));
    expect(logged).toMatchObject({ actorId: person.id, after: { by: "self", postsDeleted: "no" } });
  });

  test("with 'delete my posts': replies and posts go, a topic others answered keeps a placeholder, an unanswered one goes, search learns of each", async () => {
    const person = await createTestUser();
    const other = await createTestUser();
    const answered = await topicBy(person.id, "Beantwortetes Anliegen");
    const lonely = await topicBy(person.id, "Unbeantwortetes Anliegen");
    const foreign = await topicBy(other.id, "Anliegen einer anderen Person");
    await replyBy(other.id, answered, "Eine Antwort, die bleibt");
    await replyBy(person.id, foreign, "Meine Antwort, die geht");
    const [group] = await db
      .insert(workingGroups)
      .values({ slug: `ag-${person.id.slice(0, 8)}`, name: "AG Posts", focus: "Test" })
      .returning({ id: workingGroups.id });
    const [thread] = await db.insert(groupThreads).values({ groupId: group!.id, title: "Mein Thema", authorId: person.id }).returning({ id: groupThreads.id });
    await db.insert(groupPosts).values([
      { threadId: thread!.id, authorId: person.id, body: "Eröffnung" },
      { threadId: thread!.id, authorId: other.id, body: "Antwort der anderen" },
    ]);

    expect(await deleteOwnAccount(person.id, TEST_PASSWORD, true, address())).toEqual({ ok: true });
    const left = await db.select({ id: topics.id, title: topics.title }).from(topics).where(eq(topics.authorId, person.id));
    expect(left).toEqual([{ id: answered, title: REMOVED_TOPIC_TITLE }]);
    expect(await db.select().from(topicReplies).where(eq(topicReplies.authorId, person.id))).toEqual([]);
    expect(await db.select({ body: topicReplies.body }).from(topicReplies).where(eq(topicReplies.topicId, answered))).toEqual([{ body: "Eine Antwort, die bleibt" }]);
    expect((await db.select({ body: groupPosts.body }).from(groupPosts).where(eq(groupPosts.threadId, thread!.id))).map((post) => post.body)).toEqual(["Antwort der anderen"]);
    const topicJobs = await syncJobKeys("topics:");
    expect(topicJobs).toEqual(expect.arrayContaining([`topics:${answered}`, `topics:${lonely}`, `topics:${foreign}`]));
    expect(await syncJobKeys(`group_content:thread:${thread!.id}`)).toHaveLength(1);
  });

  test("the last admin cannot delete their account; with a second admin they can", async () => {
    await db.update(users).set({ role: "member" }).where(eq(users.role, "admin"));
    const admin = await createTestUser({ role: "admin" });
    expect(await deleteOwnAccount(admin.id, TEST_PASSWORD, false, address())).toMatchObject({ ok: false, error: "lastAdmin" });
    expect((await db.select({ deletedAt: users.deletedAt }).from(users).where(eq(users.id, admin.id)))[0]!.deletedAt).toBeNull();
    const second = await createTestUser({ role: "admin" });
    expect(await deleteOwnAccount(admin.id, TEST_PASSWORD, false, address())).toEqual({ ok: true });
    // The deleted account is no admin any more: the second one is now the last.
    expect(await deleteOwnAccount(second.id, TEST_PASSWORD, false, address())).toMatchObject({ ok: false, error: "lastAdmin" });
  });

  test("an admin deletes someone else's account with a reason, never their own; a coordinator cannot", async () => {
    const admin = await createTestUser({ role: "admin" });
    const coordinator = await createTestUser({ role: "coordinator" });
    const target = await createTestUser();
    expect(await deleteAccountAsAdmin({ id: coordinator.id, role: "coordinator" }, target.id, "weil", false)).toEqual({ ok: false, error: "forbidden", retryAfterSeconds: undefined });
    expect(await deleteAccountAsAdmin({ id: admin.id, role: "admin" }, admin.id, "weil", false)).toMatchObject({ ok: false, error: "self" });
    expect(await deleteAccountAsAdmin({ id: admin.id, role: "admin" }, target.id, "Doppeltes Konto", false)).toEqual({ ok: true });
    expect(await deleteAccountAsAdmin({ id: admin.id, role: "admin" }, target.id, "noch einmal", false)).toMatchObject({ ok: false, error: "notFound" });
    const [logged] = await db
      .select()
      .from(adminLog)
      .where(and(eq(adminLog.targetUserId, target.id), eq(adminLog.action, "account_deleted")));
    expect(logged).toMatchObject({ actorId: admin.id, reason: "Doppeltes Konto", after: { by: "admin" } });
  });
});
