import { eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { bannedAddresses, groupTasks, meetings, topicEdits, topicFlags, topicFollows, topicModerationLog, topicReplies, topics, topicSupports, workingGroups } from "#db/schema";
import { groupContentIndex } from "#search/indexes/group-content";
import { topicsIndex } from "#search/indexes/topics";
import { loader as topicPageLoader } from "#app/routes/open-mic.$id";
import { action as moderateAction, loader as moderateLoader } from "#app/routes/open-mic.$id_.moderieren";
import { action as queueAction, loader as queueLoader } from "#app/routes/open-mic.moderation._index";
import { loader as logLoader } from "#app/routes/open-mic.moderation.protokoll";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";
import { agendaLineFor } from "#app/modules/groups/meetings/meeting-topics.server";
import { ModeratorEditSchema } from "./coordination-schemas";
import { redactPersonalData } from "./moderation-redact";
import { LOG_PER_PAGE, queueCounts } from "./moderation.server";

type Person = { id: string; cookie: string };
let member: Person;
let reporter: Person;
let coordinator: Person;

async function person(role: "member" | "coordinator", displayName = `Person ${Math.random().toString(36).slice(2, 7)}`): Promise<Person> {
  const user = await createTestUser({ role, displayName });
  return { id: user.id, cookie: await sessionCookieFor(user.id) };
}

beforeAll(async () => {
  member = await person("member", "Mira Mitglied");
  reporter = await person("member", "Rudi Melder");
  coordinator = await person("coordinator", "Karla Koordination");
});

async function makeTopic(values: Partial<typeof topics.$inferInsert> = {}): Promise<number> {
  const [topic] = await db
    .insert(topics)
    .values({ title: "Dolmetscherpool für Elterngespräche", body: "Bei Elterngesprächen in der Kita fehlen Dolmetschende.", authorId: member.id, approvedAt: new Date(), ...values })
    .returning({ id: topics.id });
  return topic!.id;
}
const guestTopic = (values: Partial<typeof topics.$inferInsert> = {}) =>
  makeTopic({ authorId: null, approvedAt: null, guestName: "Gast Gustav", guestEmail: "gustav@test.example", title: "Sprechstunde der Ausländerbehörde in Lindach", body: "Bitte eine Sprechstunde vor Ort.", ...values });

async function makeReply(topicId: number, body = "Wir haben gute Erfahrungen mit dem Sprachmittlerpool gemacht.", values: Partial<typeof topicReplies.$inferInsert> = {}): Promise<string> {
  const [reply] = await db.insert(topicReplies).values({ topicId, authorId: member.id, body, ...values }).returning({ id: topicReplies.id });
  return reply!.id;
}
async function flag(topicId: number, replyId: string | null, reason: "spam" | "personal_data" = "spam", note = ""): Promise<string> {
  const [row] = await db.insert(topicFlags).values({ topicId, replyId, reporterId: reporter.id, reason, note }).returning({ id: topicFlags.id });
  return row!.id;
}

const topicRow = async (id: number) => (await db.select().from(topics).where(eq(topics.id, id)))[0]!;
const replyRow = async (id: string) => (await db.select().from(topicReplies).where(eq(topicReplies.id, id)))[0]!;
const logOf = (topicId: number) => db.select().from(topicModerationLog).where(eq(topicModerationLog.topicId, topicId)).orderBy(topicModerationLog.createdAt);
const hasSyncJob = async (id: number) => (await db.execute(sql`select 1 from graphile_worker.jobs where key = ${`topics:${id}`}`)).length === 1;
const clearJobs = () => db.execute(sql`delete from graphile_worker._private_jobs`);
const isSignInRedirect = (response: Response) => response.status === 302 && (response.headers.get("Location") ?? "").startsWith("/anmelden?redirectTo=");

const postTo = (handler: typeof queueAction, path: string, params: Record<string, string>, fields: Record<string, string>, cookie?: string) => run(withParams(handler, params), formRequest(path, fields, { cookie }));
const queuePost = (fields: Record<string, string>, cookie?: string) => postTo(queueAction, "/open-mic/moderation", {}, fields, cookie);
const moderatePost = (id: number, fields: Record<string, string>, cookie?: string) => postTo(moderateAction, `/open-mic/${id}/moderieren`, { id: String(id) }, fields, cookie);
const moderatePage = (id: number | string, cookie?: string, query = "") => run(withParams(moderateLoader, { id: String(id) }), getRequest(`/open-mic/${id}/moderieren${query}`, { cookie }));
type Answer = { form: string; result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };
const answerOf = async (response: Response) => (await response.json()) as Answer;

describe("the queue /open-mic/moderation", () => {
  test("guests sign in, members get 403, coordinators see pending guest topics and open flags with personal data marked", async () => {
    const pending = await guestTopic({ body: "Meine Nachbarin (Tel. 0171 2345678) wartet seit Wochen." });
    const topic = await makeTopic();
    const reply = await makeReply(topic, "Schreiben Sie an max.muster@example.org");
    const flagId = await flag(topic, reply, "personal_data", "Adresse");
    expect(isSignInRedirect(await run(queueLoader, getRequest("/open-mic/moderation")))).toBe(true);
    expect((await run(queueLoader, getRequest("/open-mic/moderation", { cookie: member.cookie }))).status).toBe(403);
    const response = await run(queueLoader, getRequest("/open-mic/moderation", { cookie: coordinator.cookie }));
    expect(response.status).toBe(200);
    type Queue = { pending: { id: number; findings: { type: string; snippets: string[] }[] }[]; flags: { id: string; onReply: boolean; text: string; reporterName: string; findings: { type: string }[] }[]; counts: { pending: number; flags: number } };
    const data = (await response.json()) as Queue;
    expect(data.pending.find((row) => row.id === pending)?.findings).toEqual([{ type: "phone", snippets: ["0171 2345678"] }]);
    expect(data.pending.map((row) => row.id)).not.toContain(topic);
    expect(data.flags.find((row) => row.id === flagId)).toMatchObject({ onReply: true, text: "Schreiben Sie an max.muster@example.org", reporterName: "Rudi Melder", findings: [{ type: "email" }] });
    expect(data.counts).toEqual(expect.objectContaining(await queueCounts()));
    expect(data.counts.pending).toBe(data.pending.length);
    expect(data.counts.flags).toBe(data.flags.length);
  });

  test("members cannot approve; a coordinator's approval makes the topic visible and searchable, and is logged", async () => {
    const id = await guestTopic({ title: "Kinderbetreuung während der Integrationskurse" });
    const asGuest = () => run(withParams(topicPageLoader, { id: String(id) }), getRequest(`/open-mic/${id}`));
    expect((await asGuest()).status).toBe(404);
    expect(await topicsIndex.load(db, [String(id)])).toEqual([]);
    expect(isSignInRedirect(await queuePost({ intent: "approve", topicId: String(id) }))).toBe(true);
    expect((await queuePost({ intent: "approve", topicId: String(id) }, member.cookie)).status).toBe(403);
    expect((await topicRow(id)).approvedAt).toBeNull();
    await clearJobs();
    const response = await queuePost({ intent: "approve", topicId: String(id) }, coordinator.cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/open-mic/moderation");
    expect(await topicRow(id)).toMatchObject({ approvedBy: coordinator.id });
    expect((await topicRow(id)).approvedAt).not.toBeNull();
    expect(await logOf(id)).toEqual([expect.objectContaining({ action: "approve", actorId: coordinator.id })]);
    expect(await hasSyncJob(id)).toBe(true);
    expect((await topicsIndex.load(db, [String(id)])).map((document) => document.title)).toEqual(["Kinderbetreuung während der Integrationskurse"]);
    expect((await asGuest()).status).toBe(200);
  });

  test("approving a topic that does not exist is an error at the form", async () => {
    const response = await queuePost({ intent: "approve", topicId: "987654" }, coordinator.cookie);
    expect(response.status).toBe(400);
    expect(await answerOf(response)).toMatchObject({ form: "approve-987654", result: { error: { topicId: ["openMicCoordination.validation.topicUnknown"] } } });
  });

  test("a pending topic is hidden with its reason; without a reason nothing happens", async () => {
    const id = await guestTopic();
    const missing = await queuePost({ intent: "hide", topicId: String(id), reason: " " }, coordinator.cookie);
    expect(missing.status).toBe(400);
    expect((await answerOf(missing)).result.error?.reason).toEqual(["openMicCoordination.validation.reasonRequired"]);
    expect((await topicRow(id)).hiddenAt).toBeNull();
    expect((await queuePost({ intent: "hide", topicId: String(id), reason: "Werbung" }, coordinator.cookie)).status).toBe(303);
    expect(await topicRow(id)).toMatchObject({ hiddenReason: "Werbung", hiddenBy: coordinator.id, approvedAt: null });
    expect((await logOf(id)).map((row) => [row.action, row.reason])).toEqual([["hide", "Werbung"]]);
  });

  test("a flag is resolved (logged); an unknown or already resolved flag changes nothing", async () => {
    const topic = await makeTopic();
    const flagId = await flag(topic, null);
    expect((await queuePost({ intent: "resolve", flagId }, member.cookie)).status).toBe(403);
    expect((await queuePost({ intent: "resolve", flagId }, coordinator.cookie)).status).toBe(303);
    const [row] = await db.select().from(topicFlags).where(eq(topicFlags.id, flagId));
    expect(row).toMatchObject({ resolvedBy: coordinator.id });
    expect((await logOf(topic)).map((entry) => entry.action)).toEqual(["resolve_flag"]);
    const again = await queuePost({ intent: "resolve", flagId }, coordinator.cookie);
    expect(again.status).toBe(400);
    expect((await queuePost({ intent: "resolve", flagId: "6f1c2a4e-3333-4a5b-9c0d-123456789abc" }, coordinator.cookie)).status).toBe(400);
    expect(await logOf(topic)).toHaveLength(1);
  });

  test("hiding a flagged reply hides it with the reason, resolves its flags and is logged", async () => {
    const topic = await makeTopic();
    const reply = await makeReply(topic, "Kauft billige Uhren!");
    const first = await flag(topic, reply);
    const [other] = await db.insert(topicFlags).values({ topicId: topic, replyId: reply, reporterId: member.id, reason: "spam" }).returning({ id: topicFlags.id });
    await clearJobs();
    expect((await queuePost({ intent: "hide-flagged", flagId: first, reason: "Werbung" }, coordinator.cookie)).status).toBe(303);
    expect(await replyRow(reply)).toMatchObject({ hiddenReason: "Werbung", hiddenBy: coordinator.id });
    const open = await db.select().from(topicFlags).where(eq(topicFlags.replyId, reply));
    expect(open.every((row) => row.resolvedAt !== null)).toBe(true);
    expect(open.map((row) => row.id).sort()).toEqual([first, other!.id].sort());
    expect(await logOf(topic)).toEqual([expect.objectContaining({ action: "hide", replyId: reply, reason: "Werbung" })]);
    expect(await hasSyncJob(topic)).toBe(true);
    expect((await topicsIndex.load(db, [String(topic)]))[0]!.text).not.toContain("Uhren");
  });
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

  test("?antwort= of another topic's reply is ignored: the topic itself is edited", async () => {
    const id = await makeTopic();
    const foreign = await makeReply(await makeTopic(), "Fremde Antwort");
    const data = (await (await moderatePage(id, coordinator.cookie, `?antwort=${foreign}`)).json()) as { editing: unknown; editDefaults: { body: string } };
    expect(data.editing).toBeNull();
    expect(data.editDefaults.body).toBe("Bei Elterngesprächen in der Kita fehlen Dolmetschende.");
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

  test("an edit keeps the previous text for the author, with the reason, and is logged", async () => {
    const id = await makeTopic();
    const missingReason = await moderatePost(id, { intent: "edit", title: "Dolmetscherpool für Elterngespräche in Kitas", body: "Neu", reason: "" }, coordinator.cookie);
    expect(missingReason.status).toBe(400);
    expect((await answerOf(missingReason)).result.error?.reason).toEqual(["openMicCoordination.validation.reasonRequired"]);
    await clearJobs();
    const response = await moderatePost(id, { intent: "edit", title: "Dolmetscherpool für Elterngespräche in Kitas", body: "Bei Elterngesprächen fehlen Dolmetschende.", reason: "Titel präzisiert" }, coordinator.cookie);
    expect(response.status).toBe(303);
    expect(await topicRow(id)).toMatchObject({ title: "Dolmetscherpool für Elterngespräche in Kitas", body: "Bei Elterngesprächen fehlen Dolmetschende." });
    expect((await topicRow(id)).editedAt).not.toBeNull();
    const edits = await db.select().from(topicEdits).where(eq(topicEdits.topicId, id));
    expect(edits).toEqual([
      expect.objectContaining({ replyId: null, editorId: coordinator.id, previousTitle: "Dolmetscherpool für Elterngespräche", previousBody: "Bei Elterngesprächen in der Kita fehlen Dolmetschende.", reason: "Titel präzisiert" }),
    ]);
    expect(await logOf(id)).toEqual([expect.objectContaining({ action: "edit", reason: "Titel präzisiert", detail: { fields: "title,body" } })]);
    expect(await hasSyncJob(id)).toBe(true);
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

  test("removing personal data from a reply leaves no trace of the old text anywhere", async () => {
    const id = await makeTopic();
    const secret = "0171 9876543";
    const reply = await makeReply(id, `Rufen Sie Frau K. direkt an: ${secret}, sie hilft gern.`);
    // An earlier ordinary edit kept a version with the number, and a flag quotes it.
    await db.insert(topicEdits).values({ topicId: id, replyId: reply, editorId: coordinator.id, previousBody: `Frau K.: ${secret}`, reason: "Tippfehler" });
    const flagId = await flag(id, reply, "personal_data", `Da steht ${secret}`);
    const cleaned = redactPersonalData((await replyRow(reply)).body);
    expect(cleaned).toBe("Rufen Sie Frau K. direkt an: [entfernt], sie hilft gern.");
    await clearJobs();
    const response = await moderatePost(id, { intent: "edit", replyId: reply, body: cleaned, personalData: "on", reason: "" }, coordinator.cookie);
    expect(response.status).toBe(303);
    expect((await replyRow(reply)).body).toBe(cleaned);
    const traces = await db.execute<{ hit: string }>(sql`
      select 'edits' as hit from ${topicEdits} where coalesce(previous_body, '') || coalesce(previous_title, '') like ${`%${secret}%`}
      union all select 'log' from ${topicModerationLog} where reason || detail::text like ${`%${secret}%`}
      union all select 'flags' from ${topicFlags} where note like ${`%${secret}%`}
      union all select 'replies' from ${topicReplies} where body like ${`%${secret}%`}`);
    expect(traces.map((row) => row.hit)).toEqual([]);
    expect(await db.select().from(topicEdits).where(eq(topicEdits.replyId, reply))).toHaveLength(0);
    const [flagRow] = await db.select().from(topicFlags).where(eq(topicFlags.id, flagId));
    expect(flagRow).toMatchObject({ note: "", resolvedBy: coordinator.id });
    expect(await logOf(id)).toEqual([expect.objectContaining({ action: "remove_personal_data", replyId: reply, detail: { fields: "body" } })]);
    expect(await hasSyncJob(id)).toBe(true);
    const [document] = await topicsIndex.load(db, [String(id)]);
    expect(JSON.stringify(document)).not.toContain(secret);
    expect(document!.text).toContain("[entfernt]");
  });

  test("removing personal data from a topic's title and text keeps nothing of them", async () => {
    const iban = "DE89 3704 0044 0532 0130 00";
    const id = await makeTopic({ title: "Überweisung an DE89 3704 0044 0532 0130 00 klappt nicht", body: `Das Konto ${iban} gehört Herrn M.` });
    const response = await moderatePost(id, { intent: "edit", title: "Überweisung klappt nicht", body: "Das Konto gehört einem Klienten.", personalData: "on", reason: "Bankdaten entfernt" }, coordinator.cookie);
    expect(response.status).toBe(303);
    const traces = await db.execute(sql`
      select 1 from ${topicEdits} where coalesce(previous_body, '') || coalesce(previous_title, '') like ${"%3704%"}
      union all select 1 from ${topicModerationLog} where reason || detail::text like ${"%3704%"}
      union all select 1 from ${topics} where title || body like ${"%3704%"}`);
    expect(traces).toHaveLength(0);
    expect(JSON.stringify(await topicsIndex.load(db, [String(id)]))).not.toContain("3704");
    expect((await logOf(id)).map((row) => [row.action, row.detail])).toEqual([["remove_personal_data", { fields: "title,body" }]]);
  });

  test("removing personal data from a title rewrites the agenda lines and tasks the system copied it to", async () => {
    const secret = "Familie Nowak";
    const oldTitle = `Wohnung für ${secret} in der Lindenstraße 4`;
    const newTitle = "Wohnung für eine Familie [Lindach]";
    const id = await makeTopic({ title: oldTitle, status: "routed" });
    const other = await makeTopic({ title: "Ein anderes Anliegen" });
    const [group] = await db.insert(workingGroups).values({ slug: `ag-${id}`, name: `AG ${id}`, focus: "Wohnen", visibility: "public" }).returning({ id: workingGroups.id });
    await db.update(topics).set({ routedGroupId: group!.id }).where(eq(topics.id, id));
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const agenda = `- Begrüßung\n${agendaLineFor({ id, title: oldTitle })}\n${agendaLineFor({ id: other, title: "Ein anderes Anliegen" })}`;
    const [meeting] = await db.insert(meetings).values({ groupId: group!.id, title: "Treffen", startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), agenda }).returning({ id: meetings.id, sequence: meetings.sequence, updatedAt: meetings.updatedAt });
    const [unrelated] = await db.insert(meetings).values({ groupId: group!.id, title: "Anderes Treffen", startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), agenda: "- Nur Begrüßung" }).returning({ id: meetings.id });
    const [task] = await db.insert(groupTasks).values({ groupId: group!.id, title: oldTitle, description: `Aus dem Open Mic: Anliegen ${id} „${oldTitle}“`, topicId: id }).returning({ id: groupTasks.id });
    const [ownTask] = await db.insert(groupTasks).values({ groupId: group!.id, title: "Selbst benannte Aufgabe", topicId: id }).returning({ id: groupTasks.id });
    await clearJobs();

    const response = await moderatePost(id, { intent: "edit", title: newTitle, body: "Bei Elterngesprächen in der Kita fehlen Dolmetschende.", personalData: "on", reason: "" }, coordinator.cookie);
    expect(response.status).toBe(303);

    const [after] = await db.select().from(meetings).where(eq(meetings.id, meeting!.id));
    expect(after!.agenda).toBe(`- Begrüßung\n- [Anliegen ${id}: Wohnung für eine Familie \\[Lindach\\]](/open-mic/${id})\n${agendaLineFor({ id: other, title: "Ein anderes Anliegen" })}`);
    expect(after!.sequence).toBe(meeting!.sequence + 1);
    expect(after!.updatedAt.getTime()).toBeGreaterThan(meeting!.updatedAt.getTime());
    const tasks = await db.select().from(groupTasks).where(eq(groupTasks.topicId, id));
    expect(tasks.find((row) => row.id === task!.id)).toMatchObject({ title: newTitle, description: `Aus dem Open Mic: Anliegen ${id} „${newTitle}“` });
    expect(tasks.find((row) => row.id === ownTask!.id)).toMatchObject({ title: "Selbst benannte Aufgabe" });
    const traces = await db.execute(sql`
      select 1 from ${meetings} where agenda || title like ${`%${secret}%`}
      union all select 1 from ${groupTasks} where title || description like ${`%${secret}%`}`);
    expect(traces).toHaveLength(0);
    const documents = await groupContentIndex.load(db, [`meeting:${meeting!.id}`, `task:${task!.id}`]);
    expect(documents).toHaveLength(2);
    expect(JSON.stringify(documents)).not.toContain(secret);
    expect(JSON.stringify(documents)).toContain("Wohnung für eine Familie");
    const jobs = await db.execute<{ key: string }>(sql`select key from graphile_worker.jobs`);
    const keys = jobs.map((row) => row.key);
    expect(keys).toEqual(expect.arrayContaining([`topics:${id}`]));
    expect(keys.some((key) => key.includes(meeting!.id))).toBe(true);
    expect(keys.some((key) => key.includes(task!.id))).toBe(true);
    expect(keys.some((key) => key.includes(unrelated!.id) || key.includes(ownTask!.id))).toBe(false);
  });

  test("an ordinary edit of the title leaves agenda lines and tasks alone", async () => {
    const id = await makeTopic({ title: "Alter Titel des Anliegens" });
    const [group] = await db.insert(workingGroups).values({ slug: `ag-plain-${id}`, name: `AG plain ${id}`, focus: "x", visibility: "public" }).returning({ id: workingGroups.id });
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const agenda = agendaLineFor({ id, title: "Alter Titel des Anliegens" });
    const [meeting] = await db.insert(meetings).values({ groupId: group!.id, title: "Treffen", startsAt, endsAt: startsAt, agenda }).returning({ id: meetings.id });
    const response = await moderatePost(id, { intent: "edit", title: "Neuer Titel", body: "Bei Elterngesprächen in der Kita fehlen Dolmetschende.", reason: "präzisiert" }, coordinator.cookie);
    expect(response.status).toBe(303);
    expect((await db.select().from(meetings).where(eq(meetings.id, meeting!.id)))[0]!.agenda).toBe(agenda);
  });

  test("the guest's name and the place can be edited, and removed for good without a copy", async () => {
    const id = await guestTopic({ approvedAt: new Date(), guestName: "Gustav Gast, Tel. 0171 2345678", town: "Lindach, Birkenweg 12" });
    const body = "Bitte eine Sprechstunde vor Ort.";
    const title = "Sprechstunde der Ausländerbehörde in Lindach";
    const page = (await (await moderatePage(id, coordinator.cookie)).json()) as { editDefaults: { guestName: string | null; town: string } };
    expect(page.editDefaults).toMatchObject({ guestName: "Gustav Gast, Tel. 0171 2345678", town: "Lindach, Birkenweg 12" });

    const response = await moderatePost(id, { intent: "edit", topicFields: "on", title, body, guestName: "Gustav", town: "", personalData: "on", reason: "" }, coordinator.cookie);
    expect(response.status).toBe(303);
    expect(await topicRow(id)).toMatchObject({ guestName: "Gustav", town: null, title, body });
    const traces = await db.execute(sql`
      select 1 from ${topicEdits} where topic_id = ${id}
      union all select 1 from ${topicModerationLog} where topic_id = ${id} and (reason || detail::text) like ${"%Birkenweg%"}
      union all select 1 from ${topics} where coalesce(guest_name, '') || coalesce(town, '') like ${"%0171%"} or coalesce(town, '') like ${"%Birkenweg%"}`);
    expect(traces).toHaveLength(0);
    expect((await logOf(id)).map((row) => [row.action, row.detail])).toEqual([["remove_personal_data", { fields: "guestName,town" }]]);
    const document = JSON.stringify(await topicsIndex.load(db, [String(id)]));
    expect(document).not.toContain("Birkenweg");
    expect(document).not.toContain("0171");

    // An ordinary edit of only the place is an edit too; an unchanged form is not.
    const place = await moderatePost(id, { intent: "edit", topicFields: "on", title, body, guestName: "Gustav", town: "Weidenfeld", reason: "Ort ergänzt" }, coordinator.cookie);
    expect(place.status).toBe(303);
    expect(await topicRow(id)).toMatchObject({ guestName: "Gustav", town: "Weidenfeld" });
    const same = await moderatePost(id, { intent: "edit", topicFields: "on", title, body, guestName: "Gustav", town: "Weidenfeld", reason: "nichts" }, coordinator.cookie);
    expect(same.status).toBe(400);
    // A form without these fields (a reply's, or an older one) leaves them as they are.
    const without = await moderatePost(id, { intent: "edit", title, body: "Bitte eine Sprechstunde.", reason: "gekürzt" }, coordinator.cookie);
    expect(without.status).toBe(303);
    expect(await topicRow(id)).toMatchObject({ guestName: "Gustav", town: "Weidenfeld" });
  });

  test("NUL characters in a moderator's edit are dropped before they reach the database", async () => {
    const nul = String.fromCharCode(0);
    const parsed = ModeratorEditSchema.parse({ intent: "edit", title: `Ti${nul}tel`, body: `Te${nul}xt`, reason: `Gr${nul}und`, topicFields: "on", town: `Or${nul}t` });
    expect(parsed).toMatchObject({ title: "Titel", body: "Text", reason: "Grund", town: "Ort" });
    const id = await makeTopic();
    const response = await moderatePost(id, { intent: "edit", title: `Neu${nul}er Titel`, body: `Neuer${nul} Text`, reason: `Tipp${nul}fehler` }, coordinator.cookie);
    expect(response.status).toBe(303);
    expect(await topicRow(id)).toMatchObject({ title: "Neuer Titel", body: "Neuer Text" });
    expect((await logOf(id))[0]).toMatchObject({ reason: "Tippfehler" });
  });

  test("the moderation page offers the text with personal data already replaced", async () => {
    const id = await makeTopic({ body: "Kontakt: info@beispiel-verein.de" });
    const data = (await (await moderatePage(id, coordinator.cookie, "?datenschutz=1")).json()) as { personalData: boolean; editDefaults: { body: string }; findings: { type: string }[] };
    expect(data).toMatchObject({ personalData: true, editDefaults: { body: "Kontakt: [entfernt]" }, findings: [{ type: "email", snippets: ["info@beispiel-verein.de"] }] });
  });

  test("a duplicate is merged into the kept topic: it points there, leaves search, its supporters and followers carry over", async () => {
    const kept = await makeTopic({ title: "Busverbindung Lindach–Auenstadt zum Jobcenter" });
    const duplicate = await makeTopic({ title: "Bus nach Auenstadt" });
    const older = await makeTopic({ title: "Busse Lindach", mergedIntoId: duplicate });
    await db.insert(topicSupports).values([{ topicId: duplicate, userId: reporter.id }, { topicId: duplicate, userId: member.id }, { topicId: kept, userId: member.id }]);
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

describe("the log /open-mic/moderation/protokoll", () => {
  test("is for coordinators, newest first, in pages", async () => {
    const id = await makeTopic();
    await db.insert(topicModerationLog).values(Array.from({ length: LOG_PER_PAGE + 5 }, (_, index) => ({ topicId: id, actorId: coordinator.id, action: "lock" as const, reason: `Eintrag ${index}`, createdAt: new Date(Date.UTC(2030, 0, 1, 0, index)) })));
    const page = (query = "", cookie?: string) => run(logLoader, getRequest(`/open-mic/moderation/protokoll${query}`, { cookie }));
    expect(isSignInRedirect(await page())).toBe(true);
    expect((await page("", member.cookie)).status).toBe(403);
    type Log = { entries: { reason: string; actorName: string; topicId: number }[]; page: number; pages: number; total: number };
    const first = (await (await page("", coordinator.cookie)).json()) as Log;
    expect(first.entries).toHaveLength(LOG_PER_PAGE);
    expect(first.entries[0]).toMatchObject({ reason: `Eintrag ${LOG_PER_PAGE + 4}`, actorName: "Karla Koordination", topicId: id });
    expect(first.pages).toBe(Math.ceil(first.total / LOG_PER_PAGE));
    const last = (await (await page(`?seite=${first.pages}`, coordinator.cookie)).json()) as Log;
    expect(last.page).toBe(first.pages);
    expect((await (await page("?seite=abc", coordinator.cookie)).json()) as Log).toMatchObject({ page: 1 });
  });
});
