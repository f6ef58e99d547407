import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { bannedAddresses, topicEdits, topicFollows, topicSupports } from "#db/schema";
import { topicsIndex } from "#search/indexes/topics";
import { answerOf, guestTopic, isSignInRedirect, logOf, makeReply, makeTopic, moderatePage, moderatePost, replyRow, setUpModerationWorld, topicRow, type Person } from "./moderation-fixtures.server";

let member: Person;
let reporter: Person;
let coordinator: Person;

beforeAll(async () => {
  ({ member, reporter, coordinator } = await setUpModerationWorld());
});

describe("/open-mic/:id/moderieren", () => {
  test("guests sign in, members get 403, coordinators see who wrote an anonymous topic; a missing topic is 404", async () => {
    const id = await makeTopic({ anonymous: true });
    const reply = await makeReply(id);
    expect(isSignInRedirect(await moderatePage(id))).toBe(true);
    expect((await moderatePage(id, member.cookie)).status).toBe(403);
    const data = (await (await moderatePage(id, coordinator.cookie)).json()) as { topic: { authorName: string; anonymous: boolean }; replies: { id: string }[]; editing: { id: string } | null };
    expect(data.topic).toMatchObject({ authorName: "Mira Mitglied", anonymous: true });
    expect(data.replies.map((row) => row.id)).toEqual([reply]);
    expect((await moderatePage(123_456_789, coordinator.cookie)).status).toBe(404);
    expect((await moderatePage("x1", coordinator.cookie)).status).toBe(404);
  });

  test("every action is refused to guests and members and changes nothing", async () => {
    const id = await guestTopic();
    const reply = await makeReply(id);
    const actions: Record<string, string>[] = [
      { intent: "approve" },
      { intent: "hide", reason: "x" },
      { intent: "hide", replyId: reply, reason: "x" },
      { intent: "unhide" },
      { intent: "edit", title: "Neuer Titel", body: "Neuer Text", reason: "x" },
      { intent: "lock" },
      { intent: "merge", keptId: String(await makeTopic()), reason: "x" },
      { intent: "ban", reason: "x", hidePending: "on" },
    ];
    for (const fields of actions) {
      expect(isSignInRedirect(await moderatePost(id, fields))).toBe(true);
      expect((await moderatePost(id, fields, member.cookie)).status).toBe(403);
    }
    expect(await topicRow(id)).toMatchObject({ approvedAt: null, hiddenAt: null, lockedAt: null, mergedIntoId: null, title: "Sprechstunde der Ausländerbehörde in Lindach" });
    expect((await replyRow(reply)).hiddenAt).toBeNull();
    expect(await logOf(id)).toHaveLength(0);
    expect(await db.select().from(bannedAddresses).where(eq(bannedAddresses.email, "gustav@test.example"))).toHaveLength(0);
  });

  test("editing or hiding a reply of another topic is a field error and changes nothing", async () => {
    const id = await makeTopic();
    const otherTopic = await makeTopic();
    const foreign = await makeReply(otherTopic, "Fremde Antwort");
    const edit = await moderatePost(id, { intent: "edit", replyId: foreign, body: "Übernommen", reason: "x" }, coordinator.cookie);
    expect(edit.status).toBe(400);
    expect(await answerOf(edit)).toMatchObject({ form: `edit-${foreign}`, result: { error: { replyId: ["openMicCoordination.validation.replyUnknown"] } } });
    const hide = await moderatePost(id, { intent: "hide", replyId: foreign, reason: "x" }, coordinator.cookie);
    expect(hide.status).toBe(400);
    expect((await answerOf(hide)).result.error?.replyId).toEqual(["openMicCoordination.validation.replyUnknown"]);
    expect(await replyRow(foreign)).toMatchObject({ body: "Fremde Antwort", hiddenAt: null, editedAt: null });
    expect(await db.select().from(topicEdits).where(eq(topicEdits.replyId, foreign))).toHaveLength(0);
    expect(await logOf(id)).toHaveLength(0);
    expect(await logOf(otherTopic)).toHaveLength(0);
  });

  test("a reply is hidden with its reason and shown again, each logged", async () => {
    const id = await makeTopic();
    const reply = await makeReply(id);
    const hidden = await moderatePost(id, { intent: "hide", replyId: reply, reason: "Beleidigend" }, coordinator.cookie);
    expect(hidden.status).toBe(303);
    expect(hidden.headers.get("Location")).toBe(`/open-mic/${id}/moderieren#antwort-${reply}`);
    expect(await replyRow(reply)).toMatchObject({ hiddenReason: "Beleidigend" });
    expect((await moderatePost(id, { intent: "unhide", replyId: reply }, coordinator.cookie)).status).toBe(303);
    expect(await replyRow(reply)).toMatchObject({ hiddenAt: null, hiddenReason: null });
    expect((await logOf(id)).map((row) => [row.action, row.replyId])).toEqual([
      ["hide", reply],
      ["unhide", reply],
    ]);
  });

  test("a topic is hidden, locked and unlocked, each logged", async () => {
    const id = await makeTopic();
    expect((await moderatePost(id, { intent: "hide", reason: "Doppelt gepostet" }, coordinator.cookie)).status).toBe(303);
    expect((await topicRow(id)).hiddenReason).toBe("Doppelt gepostet");
    expect(await topicsIndex.load(db, [String(id)])).toEqual([]);
    expect((await moderatePost(id, { intent: "lock", reason: "Ruhe bitte" }, coordinator.cookie)).status).toBe(303);
    expect((await topicRow(id)).lockedAt).not.toBeNull();
    expect((await moderatePost(id, { intent: "unlock" }, coordinator.cookie)).status).toBe(303);
    expect((await topicRow(id)).lockedAt).toBeNull();
    expect((await logOf(id)).map((row) => row.action)).toEqual(["hide", "lock", "unlock"]);
  });

  test("a duplicate is merged into the kept topic: it points there, leaves search, its supporters and followers carry over", async () => {
    const kept = await makeTopic({ title: "Busverbindung Lindach–Auenstadt zum Jobcenter" });
    const duplicate = await makeTopic({ title: "Bus nach Auenstadt" });
    const older = await makeTopic({ title: "Busse Lindach", mergedIntoId: duplicate });
    await db.insert(topicSupports).values([
      { topicId: duplicate, userId: reporter.id },
      { topicId: duplicate, userId: member.id },
      { topicId: kept, userId: member.id },
    ]);
    await db.insert(topicFollows).values({ topicId: duplicate, userId: reporter.id });
    for (const [fields, error] of [
      [{ keptId: String(duplicate), reason: "x" }, "openMicCoordination.validation.mergeSelf"],
      [{ keptId: "99999999", reason: "x" }, "openMicCoordination.validation.mergeTarget"],
      [{ keptId: String(older), reason: "x" }, "openMicCoordination.validation.mergeTarget"],
      [{ keptId: "zwölf", reason: "x" }, "openMicCoordination.validation.topicNumber"],
    ] as const) {
      const response = await moderatePost(duplicate, { intent: "merge", ...fields }, coordinator.cookie);
      expect(response.status).toBe(400);
      expect((await answerOf(response)).result.error?.keptId).toEqual([error]);
    }
    expect((await topicRow(duplicate)).mergedIntoId).toBeNull();
    expect((await moderatePost(duplicate, { intent: "merge", keptId: `#${kept}`, reason: "Gleiches Anliegen" }, coordinator.cookie)).status).toBe(303);
    expect((await topicRow(duplicate)).mergedIntoId).toBe(kept);
    expect((await topicRow(older)).mergedIntoId).toBe(kept);
    expect((await db.select().from(topicSupports).where(eq(topicSupports.topicId, kept))).map((row) => row.userId).sort()).toEqual([reporter.id, member.id].sort());
    expect((await db.select().from(topicFollows).where(eq(topicFollows.topicId, kept))).map((row) => row.userId)).toEqual([reporter.id]);
    expect(await topicsIndex.load(db, [String(duplicate)])).toEqual([]);
    expect(await logOf(duplicate)).toEqual([expect.objectContaining({ action: "merge", reason: "Gleiches Anliegen", detail: { keptId: String(kept) } })]);
  });

  test("banning a guest's address hides the address's waiting topics, each logged", async () => {
    const first = await guestTopic({ guestEmail: "Spam@Test.example" });
    const second = await guestTopic({ guestEmail: "spam@test.example" });
    const approved = await guestTopic({ guestEmail: "spam@test.example", approvedAt: new Date() });
    const memberTopic = await makeTopic();
    expect((await moderatePost(memberTopic, { intent: "ban", reason: "x" }, coordinator.cookie)).status).toBe(400);
    expect((await moderatePost(first, { intent: "ban", reason: "Wiederholter Spam", hidePending: "on" }, coordinator.cookie)).status).toBe(303);
    expect(await db.select().from(bannedAddresses).where(eq(bannedAddresses.email, "spam@test.example"))).toEqual([expect.objectContaining({ reason: "Wiederholter Spam", bannedBy: coordinator.id })]);
    expect((await topicRow(first)).hiddenReason).toBe("Wiederholter Spam");
    expect((await topicRow(second)).hiddenReason).toBe("Wiederholter Spam");
    expect((await topicRow(approved)).hiddenAt).toBeNull();
    expect((await logOf(first)).map((row) => row.action)).toEqual(["ban", "hide"]);
    expect((await logOf(second)).map((row) => row.action)).toEqual(["hide"]);
  });

  test("approving on the topic's own page works like in the queue", async () => {
    const id = await guestTopic();
    expect((await moderatePost(id, { intent: "approve" }, coordinator.cookie)).status).toBe(303);
    expect((await topicRow(id)).approvedBy).toBe(coordinator.id);
    // Approving again is no new action.
    expect((await moderatePost(id, { intent: "approve" }, coordinator.cookie)).status).toBe(303);
    expect((await logOf(id)).map((row) => row.action)).toEqual(["approve"]);
  });
});
