import { eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { groupMemberships, services, topicAnswerServices, topicReplies, topics, topicStatusChanges, topicSupports } from "#db/schema";
import { seedTopic, setUpTopicWorld, topicPage, type Person } from "./topic-fixtures.server";

let member: Person;
let otherMember: Person;
let coordinator: Person;
let editor: Person;
let groupIds: Record<string, string>;
let partnerId: string;
let partnerSlug: string;

beforeAll(async () => {
  ({ member, otherMember, coordinator, editor, groupIds, partnerId, partnerSlug } = await setUpTopicWorld());
});

describe("a topic's page", () => {
  test("a number that is no topic, or no number at all, is a 404", async () => {
    for (const id of ["999999", "abc", "0", "99999999999"]) expect((await topicPage(id)).status).toBe(404);
  });

  test("the official answer on top (the newest change) with its service cards; the whole history below", async () => {
    const id = await seedTopic({ title: "Wer hilft bei der Anerkennung?", status: "answered" });
    const [service] = await db.insert(services).values({ partnerId, slug: "anerkennungsberatung-test", name: "Anerkennungsberatung" }).returning({ id: services.id });
    await db.insert(topicStatusChanges).values({ topicId: id, fromStatus: "new", toStatus: "clarifying", answer: "Wir prüfen.", actorId: coordinator.id, createdAt: new Date(Date.now() - 60_000) });
    const [latest] = await db
      .insert(topicStatusChanges)
      .values({ topicId: id, fromStatus: "clarifying", toStatus: "answered", answer: "Die **Anerkennungsberatung** hilft.", actorId: coordinator.id })
      .returning({ id: topicStatusChanges.id });
    await db.insert(topicAnswerServices).values({ statusChangeId: latest!.id, serviceId: service!.id });
    const data = await (await topicPage(id)).json();
    expect(data.answer).toMatchObject({
      toStatus: "answered",
      answer: "Die **Anerkennungsberatung** hilft.",
      by: coordinator.name,
      services: [{ slug: "anerkennungsberatung-test", name: "Anerkennungsberatung", partnerName: "Jobcenter Auental" }],
    });
    expect(data.history.map((change: { toStatus: string }) => change.toStatus)).toEqual(["clarifying", "answered"]);
  });

  test("a private working group is named only to its members; others read 'a working group'", async () => {
    const task = await db.execute<{ id: string }>(sql`insert into group_tasks (group_id, title) values (${groupIds["ankommen-wohnen"]}, 'Wohnungen prüfen') returning id`);
    const id = await seedTopic({ title: "Wohnungen für Familien", status: "routed", routedGroupId: groupIds["ankommen-wohnen"], routedTaskId: task[0]!.id, nextReviewAt: "2026-09-01" });
    await db.insert(groupMemberships).values({ groupId: groupIds["ankommen-wohnen"]!, userId: otherMember.id, role: "member" });
    for (const cookie of [undefined, member.cookie, coordinator.cookie]) {
      const text = await (await topicPage(id, cookie)).text();
      expect(JSON.parse(text).routing).toEqual({ group: null, taskUrl: null, nextReviewAt: "2026-09-01" });
      expect(text).not.toContain("Ankommen & Wohnen");
    }
    const insider = await (await topicPage(id, otherMember.cookie)).json();
    expect(insider.routing.group).toEqual({ slug: "ankommen-wohnen", name: "Ankommen & Wohnen" });
    expect(insider.routing.taskUrl).toBe(`/arbeitsgruppen/ankommen-wohnen/aufgaben/${task[0]!.id}`);
    const publicId = await seedTopic({ title: "Kurse abstimmen", status: "routed", routedGroupId: groupIds["sprache-bildung"] });
    expect((await (await topicPage(publicId)).json()).routing.group).toEqual({ slug: "sprache-bildung", name: "Sprache & Bildung" });
  });

  test("supporters: names for members, only the count for guests", async () => {
    const id = await seedTopic({ title: "Unterstützte Idee" });
    await db.insert(topicSupports).values([{ topicId: id, userId: otherMember.id }]);
    expect((await (await topicPage(id)).json()).supporters).toEqual({ count: 1, names: null });
    expect((await (await topicPage(id, member.cookie)).json()).supporters).toEqual({ count: 1, names: [otherMember.name] });
  });

  test("hidden: members and guests get the notice and the reason only; coordinators everything", async () => {
    const id = await seedTopic({ title: "Beleidigender Titel", body: "Beleidigender Text", hiddenAt: new Date(), hiddenBy: coordinator.id, hiddenReason: "Beleidigung" });
    for (const cookie of [undefined, member.cookie]) {
      const response = await topicPage(id, cookie);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ kind: "hidden", id, reason: "Beleidigung", held: false });
      expect(text).not.toContain("Beleidigender");
    }
    const full = await (await topicPage(id, coordinator.cookie)).json();
    expect(full.topic.body).toBe("Beleidigender Text");
    expect(full.topic.moderation.hidden).toMatchObject({ reason: "Beleidigung", by: coordinator.name });
    expect(full.viewer.canTakePart).toBe(false);
  });

  test("a hidden reply shows its notice and reason; its text reaches coordinators only", async () => {
    const id = await seedTopic({ title: "Mit ausgeblendeter Antwort" });
    await db.insert(topicReplies).values({ topicId: id, authorId: otherMember.id, body: "Werbung für Kredite", hiddenAt: new Date(), hiddenReason: "Spam" });
    const forMember = await (await topicPage(id, member.cookie)).json();
    expect(forMember.replies[0]).toMatchObject({ body: null, hidden: { reason: "Spam" } });
    expect((await (await topicPage(id, coordinator.cookie)).json()).replies[0].body).toBe("Werbung für Kredite");
  });

  test("a hidden reply gives members and guests nothing but the notice and reason: no author, partner, times or moderation marker", async () => {
    const id = await seedTopic({ title: "Ausgeblendet ohne Spuren" });
    const [byName] = await db
      .insert(topicReplies)
      .values({ topicId: id, authorId: otherMember.id, body: "Kredite!", editedAt: new Date(), hiddenAt: new Date(), hiddenReason: "Spam" })
      .returning({ id: topicReplies.id });
    await db.insert(topicReplies).values({ topicId: id, authorId: editor.id, partnerId, body: "Im Namen", hiddenAt: new Date(), hiddenReason: "Fehler" });
    await db.execute(sql`insert into topic_edits (topic_id, reply_id, editor_id, previous_body, reason) values (${id}, ${byName!.id}, ${coordinator.id}, 'Vorher', 'Gekürzt')`);
    for (const cookie of [undefined, member.cookie, otherMember.cookie]) {
      const text = await (await topicPage(id, cookie)).text();
      for (const leak of [otherMember.name, editor.name, "Jobcenter Auental", partnerSlug, "Gekürzt"]) expect(text).not.toContain(leak);
      const { replies } = JSON.parse(text);
      expect(replies).toHaveLength(2);
      for (const reply of replies) {
        expect(reply).toMatchObject({ author: null, partner: null, body: null, createdAt: null, editedAt: null, moderated: null, canEdit: false });
      }
      expect(replies.map((reply: { hidden: { reason: string } }) => reply.hidden.reason)).toEqual(["Spam", "Fehler"]);
    }
    const full = (await (await topicPage(id, coordinator.cookie)).json()).replies;
    expect(full[0]).toMatchObject({ author: { kind: "member", name: otherMember.name }, body: "Kredite!" });
    expect(full[0].createdAt).not.toBeNull();
    expect(full[0].moderated.changes[0]).toMatchObject({ reason: "Gekürzt" });
    expect(full[1]).toMatchObject({ author: { kind: "member", name: editor.name }, partner: { name: "Jobcenter Auental", slug: partnerSlug } });
  });

  test("a merged duplicate sends everyone to the kept topic; coordinators see it with a link", async () => {
    const kept = await seedTopic({ title: "Das behaltene Anliegen" });
    const duplicate = await seedTopic({ title: "Das Duplikat", mergedIntoId: kept });
    const response = await topicPage(duplicate, member.cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/open-mic/${kept}`);
    expect((await (await topicPage(duplicate, coordinator.cookie)).json()).topic.moderation.mergedIntoId).toBe(kept);
    // A loop of merges is a dead end, not an endless redirect.
    const a = await seedTopic({ title: "Schleife A" });
    const b = await seedTopic({ title: "Schleife B", mergedIntoId: a });
    await db.update(topics).set({ mergedIntoId: b }).where(eq(topics.id, a));
    expect((await topicPage(a)).status).toBe(404);
  });

  test("what the moderation changed: a note for everyone, the earlier text for the author and coordinators", async () => {
    const id = await seedTopic({ title: "Bearbeitet", body: "Neuer Text" });
    await db.execute(
      sql`insert into topic_edits (topic_id, editor_id, previous_title, previous_body, reason) values (${id}, ${coordinator.id}, 'Alter Titel', 'Alter Text mit Telefonnummer', 'Telefonnummer entfernt')`,
    );
    const forOther = await (await topicPage(id, otherMember.cookie)).json();
    expect(forOther.topic.moderated.changes).toBeNull();
    expect(JSON.stringify(forOther)).not.toContain("Alter Text");
    for (const cookie of [member.cookie, coordinator.cookie]) {
      expect((await (await topicPage(id, cookie)).json()).topic.moderated.changes[0]).toMatchObject({
        previousTitle: "Alter Titel",
        previousBody: "Alter Text mit Telefonnummer",
        reason: "Telefonnummer entfernt",
      });
    }
  });
});
