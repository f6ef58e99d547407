import { eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { groupTasks, meetings, topicEdits, topicFlags, topicModerationLog, topicReplies, topics, workingGroups } from "#db/schema";
import { groupContentIndex } from "#search/indexes/group-content";
import { topicsIndex } from "#search/indexes/topics";
import { agendaLineFor } from "#app/modules/groups/meetings/meeting-topics.server";
import { ModeratorEditSchema } from "./coordination-schemas";
import {
  answerOf,
  clearJobs,
  flag,
  guestTopic,
  hasSyncJob,
  logOf,
  makeReply,
  makeTopic,
  moderatePage,
  moderatePost,
  replyRow,
  setUpModerationWorld,
  topicRow,
  type Person,
} from "./moderation-fixtures.server";
import { redactPersonalData } from "./moderation-redact";

let coordinator: Person;

beforeAll(async () => {
  ({ coordinator } = await setUpModerationWorld());
});

describe("/open-mic/:id/moderieren", () => {
  test("?antwort= of another topic's reply is ignored: the topic itself is edited", async () => {
    const id = await makeTopic();
    const foreign = await makeReply(await makeTopic(), "Fremde Antwort");
    const data = (await (await moderatePage(id, coordinator.cookie, `?antwort=${foreign}`)).json()) as { editing: unknown; editDefaults: { body: string } };
    expect(data.editing).toBeNull();
    expect(data.editDefaults.body).toBe("Bei Elterngesprächen in der Kita fehlen Dolmetschende.");
  });

  test("an edit keeps the previous text for the author, with the reason, and is logged", async () => {
    const id = await makeTopic();
    const missingReason = await moderatePost(id, { intent: "edit", title: "Dolmetscherpool für Elterngespräche in Kitas", body: "Neu", reason: "" }, coordinator.cookie);
    expect(missingReason.status).toBe(400);
    expect((await answerOf(missingReason)).result.error?.reason).toEqual(["openMicCoordination.validation.reasonRequired"]);
    await clearJobs();
    const response = await moderatePost(
      id,
      { intent: "edit", title: "Dolmetscherpool für Elterngespräche in Kitas", body: "Bei Elterngesprächen fehlen Dolmetschende.", reason: "Titel präzisiert" },
      coordinator.cookie,
    );
    expect(response.status).toBe(303);
    expect(await topicRow(id)).toMatchObject({ title: "Dolmetscherpool für Elterngespräche in Kitas", body: "Bei Elterngesprächen fehlen Dolmetschende." });
    expect((await topicRow(id)).editedAt).not.toBeNull();
    const edits = await db.select().from(topicEdits).where(eq(topicEdits.topicId, id));
    expect(edits).toEqual([
      expect.objectContaining({
        replyId: null,
        editorId: coordinator.id,
        previousTitle: "Dolmetscherpool für Elterngespräche",
        previousBody: "Bei Elterngesprächen in der Kita fehlen Dolmetschende.",
        reason: "Titel präzisiert",
      }),
    ]);
    expect(await logOf(id)).toEqual([expect.objectContaining({ action: "edit", reason: "Titel präzisiert", detail: { fields: "title,body" } })]);
    expect(await hasSyncJob(id)).toBe(true);
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
    const response = await moderatePost(
      id,
      { intent: "edit", title: "Überweisung klappt nicht", body: "Das Konto gehört einem Klienten.", personalData: "on", reason: "Bankdaten entfernt" },
      coordinator.cookie,
    );
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
    const [group] = await db
      .insert(workingGroups)
      .values({ slug: `ag-${id}`, name: `AG ${id}`, focus: "Wohnen", visibility: "public" })
      .returning({ id: workingGroups.id });
    await db.update(topics).set({ routedGroupId: group!.id }).where(eq(topics.id, id));
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const agenda = `- Begrüßung\n${agendaLineFor({ id, title: oldTitle })}\n${agendaLineFor({ id: other, title: "Ein anderes Anliegen" })}`;
    const [meeting] = await db
      .insert(meetings)
      .values({ groupId: group!.id, title: "Treffen", startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), agenda })
      .returning({ id: meetings.id, sequence: meetings.sequence, updatedAt: meetings.updatedAt });
    const [unrelated] = await db
      .insert(meetings)
      .values({ groupId: group!.id, title: "Anderes Treffen", startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), agenda: "- Nur Begrüßung" })
      .returning({ id: meetings.id });
    const [task] = await db
      .insert(groupTasks)
      .values({ groupId: group!.id, title: oldTitle, description: `Aus dem Open Mic: Anliegen ${id} „${oldTitle}“`, topicId: id })
      .returning({ id: groupTasks.id });
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
    const [group] = await db
      .insert(workingGroups)
      .values({ slug: `ag-plain-${id}`, name: `AG plain ${id}`, focus: "x", visibility: "public" })
      .returning({ id: workingGroups.id });
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
});
