import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { topicReplies, topics, topicSupports } from "#db/schema";
import { act, actionData, eventsOf, seedTopic, setUpTopicWorld, syncJobs, topicPage, type Person } from "./topic-fixtures.server";

let member: Person;
let otherMember: Person;
let coordinator: Person;
let editor: Person;
let partnerId: string;
let partnerSlug: string;

beforeAll(async () => {
  ({ member, otherMember, coordinator, editor, partnerId, partnerSlug } = await setUpTopicWorld());
});

describe("taking part", () => {
  test("guests are sent to sign in for every action and nothing changes", async () => {
    const id = await seedTopic({ title: "Gäste dürfen lesen" });
    for (const intent of ["reply", "support", "follow", "flag"]) {
      const response = await act(id, { intent, body: "Hallo", reason: "spam" });
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/anmelden?redirectTo=${encodeURIComponent(`/open-mic/${id}`)}`);
    }
    expect(await db.select().from(topicReplies).where(eq(topicReplies.topicId, id))).toEqual([]);
    expect(await db.select().from(topicSupports).where(eq(topicSupports.topicId, id))).toEqual([]);
  });

  test("a member replies: the reply, the newest activity, a 'reply' event and the index job, in one go", async () => {
    const id = await seedTopic({ title: "Antworten erwünscht", lastActivityAt: new Date(Date.now() - 86_400_000) });
    const response = await act(id, { intent: "reply", body: "Wir haben **gute** Erfahrungen gemacht.", postAs: "name" }, otherMember.cookie);
    expect(response.status).toBe(303);
    const [reply] = await db.select().from(topicReplies).where(eq(topicReplies.topicId, id));
    expect(response.headers.get("Location")).toBe(`/open-mic/${id}#antwort-${reply!.id}`);
    expect(reply).toMatchObject({ authorId: otherMember.id, anonymous: false, partnerId: null });
    expect(await eventsOf(id)).toMatchObject([{ kind: "reply", replyId: reply!.id, actorId: otherMember.id }]);
    expect(await syncJobs(id)).toBe(1);
    const [row] = await db.select().from(topics).where(eq(topics.id, id));
    expect(Date.now() - row!.lastActivityAt.getTime()).toBeLessThan(60_000);
  });

  test("an anonymous reply hides its author from members and from the event", async () => {
    const id = await seedTopic({ title: "Anonym antworten" });
    expect((await act(id, { intent: "reply", body: "Ich kenne das Problem.", postAs: "anonym" }, otherMember.cookie)).status).toBe(303);
    expect((await eventsOf(id))[0]).toMatchObject({ kind: "reply", actorId: null });
    const text = await (await topicPage(id, member.cookie)).text();
    expect(text).not.toContain(otherMember.name);
    expect(JSON.parse(text).replies[0].author).toEqual({ kind: "anonymous", name: null });
  });

  test("the author of an anonymous topic is not given away by supporting it or replying to it", async () => {
    const id = await seedTopic({ title: "Anonym und aktiv", anonymous: true, authorId: member.id });
    await act(id, { intent: "support" }, member.cookie);
    await act(id, { intent: "support" }, otherMember.cookie);
    expect((await act(id, { intent: "reply", body: "Nachtrag der Autorin", postAs: "name" }, member.cookie)).status).toBe(303);
    const forMember = await topicPage(id, otherMember.cookie);
    const text = await forMember.text();
    expect(text).not.toContain(member.name);
    const data = JSON.parse(text);
    expect(data.supporters).toEqual({ count: 2, names: [otherMember.name] });
    expect(data.replies[0].author).toEqual({ kind: "anonymous", name: null });
    expect((await eventsOf(id))[0]).toMatchObject({ kind: "reply", actorId: null });
    expect((await (await topicPage(id, member.cookie)).json()).viewer.anonymousAuthor).toBe(true);
  });

  test("an editor of a partner answers in its name; anyone else may not", async () => {
    const id = await seedTopic({ title: "Frage an das Jobcenter" });
    const page = await (await topicPage(id, editor.cookie)).json();
    expect(page.viewer.partners).toEqual([{ id: partnerId, name: "Jobcenter Auental" }]);
    expect((await act(id, { intent: "reply", body: "Kommen Sie gern vorbei.", postAs: partnerId }, editor.cookie)).status).toBe(303);
    const refused = await act(id, { intent: "reply", body: "Ich tue so als ob.", postAs: partnerId }, otherMember.cookie);
    expect(refused.status).toBe(400);
    expect((await actionData(refused)).result.error).toMatchObject({ postAs: ["openMic.validation.partner"] });
    const replies = await db.select().from(topicReplies).where(eq(topicReplies.topicId, id));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ authorId: editor.id, partnerId });
    expect((await (await topicPage(id)).json()).replies[0].partner).toEqual({ name: "Jobcenter Auental", slug: partnerSlug });
  });

  test("a reply in a partner's name names the partner only; the person who wrote it reaches coordinators only", async () => {
    const id = await seedTopic({ title: "Partner antwortet" });
    expect((await act(id, { intent: "reply", body: "Wir helfen gern.", postAs: partnerId }, editor.cookie)).status).toBe(303);
    for (const cookie of [undefined, member.cookie, otherMember.cookie]) {
      const text = await (await topicPage(id, cookie)).text();
      expect(text).not.toContain(editor.name);
      const [reply] = JSON.parse(text).replies;
      expect(reply.author).toBeNull();
      expect(reply.partner).toEqual({ name: "Jobcenter Auental", slug: partnerSlug });
    }
    // The writer themselves still may correct it.
    expect((await (await topicPage(id, editor.cookie)).json()).replies[0]).toMatchObject({ author: null, canEdit: true });
    expect((await (await topicPage(id, coordinator.cookie)).json()).replies[0].author).toEqual({ kind: "member", name: editor.name });
  });

  test("the author of an anonymous topic is not offered and may not use a partner's name there", async () => {
    const id = await seedTopic({ title: "Anonym vom Partner-Redakteur", anonymous: true, authorId: editor.id });
    expect((await (await topicPage(id, editor.cookie)).json()).viewer.partners).toEqual([]);
    const refused = await act(id, { intent: "reply", body: "Antwort im Namen des Jobcenters", postAs: partnerId }, editor.cookie);
    expect(refused.status).toBe(400);
    expect((await actionData(refused)).result.error).toMatchObject({ postAs: ["openMic.validation.partnerOnAnonymousTopic"] });
    expect(await db.select().from(topicReplies).where(eq(topicReplies.topicId, id))).toEqual([]);
    expect(await eventsOf(id)).toEqual([]);
    // On someone else's topic the same editor still answers for the partner.
    const other = await seedTopic({ title: "Fremdes Anliegen an den Partner" });
    expect((await (await topicPage(other, editor.cookie)).json()).viewer.partners).toEqual([{ id: partnerId, name: "Jobcenter Auental" }]);
  });

  test("a reply with personal data comes back with the warning; confirmed, it is posted", async () => {
    const id = await seedTopic({ title: "Personendaten in Antworten" });
    const warned = await act(id, { intent: "reply", body: "Ruf Frau M. an: 0531-7654321" }, member.cookie);
    expect(warned.status).toBe(400);
    expect((await actionData(warned)).personalData).toEqual([{ type: "phone", snippets: ["0531-7654321"] }]);
    expect(await db.select().from(topicReplies).where(eq(topicReplies.topicId, id))).toEqual([]);
    expect((await act(id, { intent: "reply", body: "Ruf Frau M. an: 0531-7654321", confirmPersonalData: "on" }, member.cookie)).status).toBe(303);
  });

  test("locked topics take no replies; held-back, hidden and merged topics take nothing at all", async () => {
    const locked = await seedTopic({ title: "Geschlossen", lockedAt: new Date() });
    const refused = await act(locked, { intent: "reply", body: "Noch was" }, member.cookie);
    expect(refused.status).toBe(400);
    expect((await actionData(refused)).result.error?.[""]).toEqual(["openMic.refused.locked"]);
    const held = await seedTopic({ title: "Nicht freigegeben", approvedAt: null });
    const hidden = await seedTopic({ title: "Versteckt", hiddenAt: new Date() });
    const merged = await seedTopic({ title: "Zusammengeführt", mergedIntoId: locked });
    for (const id of [held, hidden, merged]) {
      const attempts: Record<string, string>[] = [{ intent: "reply", body: "Hallo" }, { intent: "support" }, { intent: "follow" }, { intent: "flag", reason: "spam" }];
      for (const fields of attempts) {
        expect((await act(id, fields, coordinator.cookie)).status).toBe(404);
      }
    }
    expect(await db.select().from(topicReplies).where(eq(topicReplies.topicId, locked))).toEqual([]);
    expect(await db.select().from(topicSupports).where(eq(topicSupports.topicId, held))).toEqual([]);
  });

  test("one's own reply can be corrected, someone else's not; a reply id of another topic is not found", async () => {
    const id = await seedTopic({ title: "Korrekturen" });
    const [reply] = await db.insert(topicReplies).values({ topicId: id, authorId: otherMember.id, body: "Tippfeler" }).returning({ id: topicReplies.id });
    expect((await act(id, { intent: "edit-reply", replyId: reply!.id, body: "Tippfehler" }, member.cookie)).status).toBe(403);
    const other = await seedTopic({ title: "Fremdes Anliegen" });
    expect((await act(other, { intent: "edit-reply", replyId: reply!.id, body: "Gekapert" }, otherMember.cookie)).status).toBe(404);
    expect((await act(id, { intent: "edit-reply", replyId: reply!.id, body: "Tippfehler" }, otherMember.cookie)).status).toBe(303);
    const [row] = await db.select().from(topicReplies).where(eq(topicReplies.id, reply!.id));
    expect(row!.body).toBe("Tippfehler");
    expect(row!.editedAt).not.toBeNull();
  });
});
