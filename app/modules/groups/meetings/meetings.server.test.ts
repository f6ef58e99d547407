import { and, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { calendarTokens, groupMemberships, meetingAttendance, meetings, topics, workingGroups } from "#db/schema";
import { action as editAction, loader as editLoader } from "#app/routes/arbeitsgruppen.$slug_.treffen.$id_.bearbeiten";
import { action as meetingAction, loader as meetingLoader } from "#app/routes/arbeitsgruppen.$slug_.treffen.$id/route";
import { action as listAction, loader as listLoader } from "#app/routes/arbeitsgruppen.$slug_.treffen._index";
import { action as newAction, loader as newLoader } from "#app/routes/arbeitsgruppen.$slug_.treffen.neu";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";
import { insertMeeting, OTHER, PRIVATE, PUBLIC, setUpMeetingWorld } from "#test/meetings-fixtures";

let world: Awaited<ReturnType<typeof setUpMeetingWorld>>;
beforeAll(async () => {
  world = await setUpMeetingWorld();
});

const listPath = (slug: string) => `/arbeitsgruppen/${slug}/treffen`;
const meetingPath = (slug: string, id: string) => `/arbeitsgruppen/${slug}/treffen/${id}`;

const getList = (slug: string, cookie?: string) => run(withParams(listLoader, { slug }), getRequest(listPath(slug), { cookie }));
const getMeetingPage = (slug: string, id: string, cookie?: string) => run(withParams(meetingLoader, { slug, id }), getRequest(meetingPath(slug, id), { cookie }));
const postMeeting = (slug: string, id: string, fields: Record<string, string>, cookie?: string) => run(withParams(meetingAction, { slug, id }), formRequest(meetingPath(slug, id), fields, { cookie }));

async function meetingRow(id: string) {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
  return row!;
}

async function syncJobs(id: string): Promise<number> {
  const rows = await db.execute<{ key: string }>(sql`select key from graphile_worker.jobs where key = ${`group_content:meeting:${id}`}`);
  return rows.length;
}

const validForm = { title: "Treffen im Winter", startsAt: "2026-12-03T17:00", endsAt: "2026-12-03T18:30", place: "VHS Auenstadt, Raum 2", onlineUrl: "", agenda: "- Wartelisten\n- Verschiedenes" };

describe("the meetings list of a group", () => {
  test("anyone reads a public group's meetings: upcoming soonest first, past newest first", async () => {
    const later = await insertMeeting(world.groupId[PUBLIC]!, { title: "Später", inHours: 24 * 20 });
    const sooner = await insertMeeting(world.groupId[PUBLIC]!, { title: "Bald", inHours: 24 * 2 });
    const old = await insertMeeting(world.groupId[PUBLIC]!, { title: "Alt", inHours: -24 * 30 });
    const older = await insertMeeting(world.groupId[PUBLIC]!, { title: "Älter", inHours: -24 * 60 });
    const response = await getList(PUBLIC);
    expect(response.status).toBe(200);
    const data = (await response.json()) as { upcoming: { id: string }[]; past: { id: string }[]; coordinates: boolean; feedUrl: string };
    const upcoming = data.upcoming.map((meeting) => meeting.id);
    expect(upcoming.indexOf(sooner.id)).toBeLessThan(upcoming.indexOf(later.id));
    const past = data.past.map((meeting) => meeting.id);
    expect(past.indexOf(old.id)).toBeLessThan(past.indexOf(older.id));
    expect(upcoming).not.toContain(old.id);
    expect(data.coordinates).toBe(false);
    expect(data.feedUrl).toBe("http://localhost:3000/arbeitsgruppen/sprache-bildung/kalender.ics");
  });

  test("a private group's meetings answer 404 to guests, outsiders and network coordination, exactly like a missing group", async () => {
    await insertMeeting(world.groupId[PRIVATE]!, { title: "Vertrauliche Fallbesprechung" });
    const missing = await getList("gibt-es-nicht", world.cookie.outsider);
    expect(missing.status).toBe(404);
    const missingBody = await missing.text();
    for (const cookie of [undefined, world.cookie.outsider, world.cookie.network, world.cookie.otherMember]) {
      const response = await getList(PRIVATE, cookie);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(missingBody);
    }
    const member = await getList(PRIVATE, world.cookie.member);
    expect(member.status).toBe(200);
    const data = (await member.json()) as { upcoming: { title: string }[]; feedUrl: string | null };
    expect(data.upcoming.map((meeting) => meeting.title)).toContain("Vertrauliche Fallbesprechung");
    // No feed address without the member's own token.
    expect(data.feedUrl).toBeNull();
  });

  test("coordinators (of the group or of the network) may plan meetings; members may not", async () => {
    expect(((await (await getList(PUBLIC, world.cookie.coordinator)).json()) as { coordinates: boolean }).coordinates).toBe(true);
    expect(((await (await getList(PUBLIC, world.cookie.network)).json()) as { coordinates: boolean }).coordinates).toBe(true);
    expect(((await (await getList(PUBLIC, world.cookie.member)).json()) as { coordinates: boolean }).coordinates).toBe(false);
  });

  test("a member of a private group gets the group's own feed link there, signed for them (never their personal token)", async () => {
    const member = await createTestUser({ displayName: "Kim Kalender" });
    await db.insert(groupMemberships).values({ groupId: world.groupId[PRIVATE]!, userId: member.id, role: "member" });
    const cookie = await sessionCookieFor(member.id);
    expect(((await (await getList(PRIVATE, cookie)).json()) as { feedUrl: string | null }).feedUrl).toBeNull();
    const made = await run(withParams(listAction, { slug: PRIVATE }), formRequest(listPath(PRIVATE), { intent: "calendar-token" }, { cookie }));
    expect(made.status).toBe(303);
    const [stored] = await db.select().from(calendarTokens).where(eq(calendarTokens.userId, member.id));
    expect(stored).toBeDefined();
    // Shown whenever the member has a token, on a page no cache keeps.
    const shown = await getList(PRIVATE, cookie);
    expect(shown.headers.get("Cache-Control")).toBe("private, no-store");
    const { feedUrl } = (await shown.json()) as { feedUrl: string };
    expect(feedUrl).toMatch(new RegExp(`^http://localhost:3000/arbeitsgruppen/ankommen-wohnen/kalender\\.ics\\?person=${member.id}&sig=[A-Za-z0-9_-]{43}$`));
    // A second click keeps the token (replacing it would end all the member's links).
    await run(withParams(listAction, { slug: PRIVATE }), formRequest(listPath(PRIVATE), { intent: "calendar-token" }, { cookie }));
    expect((await db.select().from(calendarTokens).where(eq(calendarTokens.userId, member.id)))[0]!.tokenHash).toBe(stored!.tokenHash);
    expect(((await (await getList(PRIVATE, cookie)).json()) as { feedUrl: string }).feedUrl).toBe(feedUrl);
    // Outsiders get the 404; a public group needs no link of its own.
    expect((await run(withParams(listAction, { slug: PRIVATE }), formRequest(listPath(PRIVATE), { intent: "calendar-token" }, { cookie: world.cookie.outsider }))).status).toBe(404);
    expect((await run(withParams(listAction, { slug: PUBLIC }), formRequest(listPath(PUBLIC), { intent: "calendar-token" }, { cookie: world.cookie.member }))).status).toBe(403);
  });
});

describe("planning a meeting", () => {
  const post = (slug: string, fields: Record<string, string>, cookie?: string) => run(withParams(newAction, { slug }), formRequest(`${listPath(slug)}/neu`, fields, { cookie }));

  test("a guest is sent to sign in; a member gets 403; an outsider of a private group gets 404", async () => {
    const guest = await post(PUBLIC, validForm);
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toMatch(/^\/anmelden\?redirectTo=/);
    expect((await post(PUBLIC, validForm, world.cookie.member)).status).toBe(403);
    expect((await post(PRIVATE, validForm, world.cookie.outsider)).status).toBe(404);
    expect((await post(PRIVATE, validForm, world.cookie.network)).status).toBe(404);
    expect((await run(withParams(newLoader, { slug: PUBLIC }), getRequest(`${listPath(PUBLIC)}/neu`, { cookie: world.cookie.member }))).status).toBe(403);
    const count = await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.title, validForm.title));
    expect(count).toEqual([]);
  });

  test("the group's coordinator plans a meeting: Berlin wall time becomes the right instant, and search learns it", async () => {
    expect((await run(withParams(newLoader, { slug: PRIVATE }), getRequest(`${listPath(PRIVATE)}/neu`, { cookie: world.cookie.coordinator }))).status).toBe(200);
    const response = await post(PRIVATE, { ...validForm, title: "Sommertreffen", startsAt: "2027-07-01T17:00", endsAt: "2027-07-01T18:30" }, world.cookie.coordinator);
    expect(response.status).toBe(303);
    const id = response.headers.get("Location")!.split("/").pop()!;
    const row = await meetingRow(id);
    expect(row.groupId).toBe(world.groupId[PRIVATE]);
    expect(row.startsAt.toISOString()).toBe("2027-07-01T15:00:00.000Z");
    expect(row.endsAt.toISOString()).toBe("2027-07-01T16:30:00.000Z");
    expect(row.createdBy).toBe(world.users.coordinator.id);
    expect(await syncJobs(id)).toBe(1);
  });

  test("network coordination plans a meeting of a public group it is not a member of", async () => {
    const response = await post(OTHER, { ...validForm, title: "Treffen der Netzwerkkoordination" }, world.cookie.network);
    expect(response.status).toBe(303);
    expect((await meetingRow(response.headers.get("Location")!.split("/").pop()!)).startsAt.toISOString()).toBe("2026-12-03T16:00:00.000Z");
  });

  test("bad input is answered at the fields, with what was typed kept", async () => {
    const response = await post(PUBLIC, { title: "Ja", startsAt: "2027-03-28T02:30", endsAt: "2027-03-28T01:00", place: "", onlineUrl: "meet.example", agenda: "" }, world.cookie.coordinator);
    expect(response.status).toBe(400);
    const { result } = (await response.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(result.error.title).toEqual(["meetings.validation.titleShort"]);
    expect(result.error.startsAt).toEqual(["meetings.validation.timeSkipped"]);
    expect(result.error.onlineUrl).toEqual(["meetings.validation.onlineUrl"]);
    expect(result.initialValue.startsAt).toBe("2027-03-28T02:30");
    const ends = await post(PUBLIC, { ...validForm, endsAt: "2026-12-03T16:00" }, world.cookie.coordinator);
    expect(((await ends.json()) as { result: { error: Record<string, string[]> } }).result.error.endsAt).toEqual(["meetings.validation.endBeforeStart"]);
    const nowhere = await post(PUBLIC, { ...validForm, place: "" }, world.cookie.coordinator);
    expect(((await nowhere.json()) as { result: { error: Record<string, string[]> } }).result.error.place).toEqual(["meetings.validation.placeOrLink"]);
  });
});

describe("a meeting's page", () => {
  test("a meeting of another group, a network event or a malformed id in the URL is a 404", async () => {
    const foreign = await insertMeeting(world.groupId[OTHER]!);
    const event = await insertMeeting(null);
    expect((await getMeetingPage(PUBLIC, foreign.id, world.cookie.coordinator)).status).toBe(404);
    expect((await getMeetingPage(PUBLIC, event.id, world.cookie.coordinator)).status).toBe(404);
    expect((await getMeetingPage(PUBLIC, "kein-uuid", world.cookie.coordinator)).status).toBe(404);
    expect((await getMeetingPage(OTHER, foreign.id)).status).toBe(200);
  });

  test("a private group's meeting is a 404 for outsiders, the same as a missing group's", async () => {
    const held = await insertMeeting(world.groupId[PRIVATE]!, { title: "Vertraulich" });
    const missing = await getMeetingPage("gibt-es-nicht", held.id, world.cookie.outsider);
    for (const cookie of [undefined, world.cookie.outsider, world.cookie.network]) {
      const response = await getMeetingPage(PRIVATE, held.id, cookie);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(await missing.clone().text());
    }
    expect((await getMeetingPage(PRIVATE, held.id, world.cookie.member)).status).toBe(200);
  });

  test("guests see how many said yes and no; members also see who", async () => {
    const held = await insertMeeting(world.groupId[PUBLIC]!);
    await db.insert(meetingAttendance).values([
      { meetingId: held.id, userId: world.users.member.id, response: "yes" },
      { meetingId: held.id, userId: world.users.coordinator.id, response: "no" },
    ]);
    type Page = { counts: { yes: number; no: number }; yesNames: string[]; noNames: string[]; myResponse: string | null; canAttend: boolean; canWriteMinutes: boolean; coordinates: boolean };
    const guest = (await (await getMeetingPage(PUBLIC, held.id)).json()) as Page;
    expect(guest.counts).toEqual({ yes: 1, no: 1 });
    expect(guest.yesNames).toEqual([]);
    expect(guest.canAttend).toBe(false);
    const outsider = (await (await getMeetingPage(PUBLIC, held.id, world.cookie.outsider)).json()) as Page;
    expect(outsider.yesNames).toEqual([]);
    expect(outsider.canAttend).toBe(false);
    const member = (await (await getMeetingPage(PUBLIC, held.id, world.cookie.member)).json()) as Page;
    expect(member.yesNames).toEqual(["Mia Mitglied"]);
    expect(member.noNames).toEqual(["Carla Koordina"]);
    expect(member.myResponse).toBe("yes");
    expect(member.canAttend).toBe(true);
    expect(member.coordinates).toBe(false);
    // The meeting has not begun: no minutes yet.
    expect(member.canWriteMinutes).toBe(false);
    expect(((await (await getMeetingPage(PUBLIC, held.id, world.cookie.coordinator)).json()) as Page).coordinates).toBe(true);
  });
});

describe("zusagen and absagen", () => {
  test("a member answers and changes the answer; the answer is stored once", async () => {
    const held = await insertMeeting(world.groupId[PUBLIC]!);
    const yes = await postMeeting(PUBLIC, held.id, { intent: "attend", response: "yes" }, world.cookie.member);
    expect(yes.status).toBe(303);
    expect(await postMeeting(PUBLIC, held.id, { intent: "attend", response: "no" }, world.cookie.member).then((response) => response.status)).toBe(303);
    const rows = await db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, held.id));
    expect(rows.map((row) => [row.userId, row.response])).toEqual([[world.users.member.id, "no"]]);
  });

  test("guests sign in first; non-members get 403; outsiders of a private group 404; another group's meeting 404", async () => {
    const held = await insertMeeting(world.groupId[PUBLIC]!);
    const secret = await insertMeeting(world.groupId[PRIVATE]!);
    const foreign = await insertMeeting(world.groupId[OTHER]!);
    expect((await postMeeting(PUBLIC, held.id, { intent: "attend", response: "yes" })).status).toBe(302);
    expect((await postMeeting(PUBLIC, held.id, { intent: "attend", response: "yes" }, world.cookie.outsider)).status).toBe(403);
    expect((await postMeeting(PRIVATE, secret.id, { intent: "attend", response: "yes" }, world.cookie.outsider)).status).toBe(404);
    // A member of this group cannot answer another group's meeting through this group's URL.
    expect((await postMeeting(PUBLIC, foreign.id, { intent: "attend", response: "yes" }, world.cookie.member)).status).toBe(404);
    const rows = await db
      .select()
      .from(meetingAttendance)
      .where(and(eq(meetingAttendance.userId, world.users.outsider.id)));
    expect(rows).toEqual([]);
    expect(await db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, foreign.id))).toEqual([]);
  });

  test("a cancelled or finished meeting takes no answers", async () => {
    const cancelled = await insertMeeting(world.groupId[PUBLIC]!, { cancelled: true });
    const over = await insertMeeting(world.groupId[PUBLIC]!, { inHours: -5, hours: 1 });
    for (const held of [cancelled, over]) {
      const response = await postMeeting(PUBLIC, held.id, { intent: "attend", response: "yes" }, world.cookie.member);
      expect(response.status).toBe(400);
      expect(await db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, held.id))).toEqual([]);
    }
  });
});

describe("minutes", () => {
  test("before the meeting begins nobody writes minutes", async () => {
    const held = await insertMeeting(world.groupId[PUBLIC]!, { inHours: 2 });
    const response = await postMeeting(PUBLIC, held.id, { intent: "minutes", minutes: "Zu früh" }, world.cookie.member);
    expect(response.status).toBe(400);
    expect((await meetingRow(held.id)).minutes).toBe("");
  });

  test("after it began, a member writes the minutes; who and when are recorded and search learns them", async () => {
    const held = await insertMeeting(world.groupId[PUBLIC]!, { inHours: -3 });
    const page = (await (await getMeetingPage(PUBLIC, held.id, world.cookie.member)).json()) as { canWriteMinutes: boolean; canCreateTask: boolean };
    expect(page.canWriteMinutes).toBe(true);
    expect(page.canCreateTask).toBe(true);
    const response = await postMeeting(PUBLIC, held.id, { intent: "minutes", minutes: "**Beschluss:** Die VHS beantragt einen weiteren Kurs." }, world.cookie.member);
    expect(response.status).toBe(303);
    const row = await meetingRow(held.id);
    expect(row.minutes).toBe("**Beschluss:** Die VHS beantragt einen weiteren Kurs.");
    expect(row.minutesBy).toBe(world.users.member.id);
    expect(row.minutesAt).not.toBeNull();
    expect(await syncJobs(held.id)).toBe(1);
    const shown = (await (await getMeetingPage(PUBLIC, held.id)).json()) as { meeting: { minutes: string; minutesByName: string }; canWriteMinutes: boolean; canCreateTask: boolean };
    expect(shown.meeting.minutesByName).toBe("Mia Mitglied");
    expect(shown.canWriteMinutes).toBe(false);
    expect(shown.canCreateTask).toBe(false);
  });

  test("non-members cannot write minutes, and a foreign meeting id changes nothing", async () => {
    const held = await insertMeeting(world.groupId[PUBLIC]!, { inHours: -3 });
    const foreign = await insertMeeting(world.groupId[OTHER]!, { inHours: -3 });
    expect((await postMeeting(PUBLIC, held.id, { intent: "minutes", minutes: "Von außen" }, world.cookie.outsider)).status).toBe(403);
    expect((await postMeeting(PUBLIC, foreign.id, { intent: "minutes", minutes: "Fremd" }, world.cookie.member)).status).toBe(404);
    expect((await meetingRow(held.id)).minutes).toBe("");
    expect((await meetingRow(foreign.id)).minutes).toBe("");
    const empty = await postMeeting(PUBLIC, held.id, { intent: "minutes", minutes: "   " }, world.cookie.member);
    expect(empty.status).toBe(400);
  });
});

describe("cancelling and editing", () => {
  test("the coordinator cancels (the meeting stays, its SEQUENCE rises once) and takes it back; members cannot", async () => {
    const held = await insertMeeting(world.groupId[PUBLIC]!);
    expect((await postMeeting(PUBLIC, held.id, { intent: "cancel" }, world.cookie.member)).status).toBe(403);
    expect((await meetingRow(held.id)).cancelledAt).toBeNull();
    expect((await postMeeting(PUBLIC, held.id, { intent: "cancel" }, world.cookie.coordinator)).status).toBe(303);
    const cancelled = await meetingRow(held.id);
    expect(cancelled.cancelledAt).not.toBeNull();
    expect(cancelled.sequence).toBe(1);
    // A second click changes nothing.
    await postMeeting(PUBLIC, held.id, { intent: "cancel" }, world.cookie.coordinator);
    expect((await meetingRow(held.id)).sequence).toBe(1);
    expect((await postMeeting(PUBLIC, held.id, { intent: "restore" }, world.cookie.coordinator)).status).toBe(303);
    const restored = await meetingRow(held.id);
    expect(restored.cancelledAt).toBeNull();
    expect(restored.sequence).toBe(2);
  });

  test("a coordinator of one group cannot cancel another group's meeting through the URL", async () => {
    const foreign = await insertMeeting(world.groupId[OTHER]!);
    expect((await postMeeting(PUBLIC, foreign.id, { intent: "cancel" }, world.cookie.coordinator)).status).toBe(404);
    expect((await meetingRow(foreign.id)).cancelledAt).toBeNull();
  });

  test("editing: the form shows Berlin wall time; the change raises SEQUENCE; members get 403, foreign ids 404", async () => {
    const held = await insertMeeting(world.groupId[PUBLIC]!);
    await db
      .update(meetings)
      .set({ startsAt: new Date("2026-10-25T00:30:00Z"), endsAt: new Date("2026-10-25T02:30:00Z") })
      .where(eq(meetings.id, held.id));
    const path = `${meetingPath(PUBLIC, held.id)}/bearbeiten`;
    const form = await run(withParams(editLoader, { slug: PUBLIC, id: held.id }), getRequest(path, { cookie: world.cookie.coordinator }));
    const { values } = (await form.json()) as { values: { startsAt: string; endsAt: string } };
    // Across the change to winter time: 02:30 summer time to 03:30 winter time.
    expect(values).toMatchObject({ startsAt: "2026-10-25T02:30", endsAt: "2026-10-25T03:30" });
    expect((await run(withParams(editLoader, { slug: PUBLIC, id: held.id }), getRequest(path, { cookie: world.cookie.member }))).status).toBe(403);

    const foreign = await insertMeeting(world.groupId[OTHER]!, { title: "Fremdes Treffen" });
    const foreignEdit = await run(
      withParams(editAction, { slug: PUBLIC, id: foreign.id }),
      formRequest(`${meetingPath(PUBLIC, foreign.id)}/bearbeiten`, validForm, { cookie: world.cookie.coordinator }),
    );
    expect(foreignEdit.status).toBe(404);
    expect((await meetingRow(foreign.id)).title).toBe("Fremdes Treffen");
    expect((await run(withParams(editLoader, { slug: PUBLIC, id: foreign.id }), getRequest(path, { cookie: world.cookie.coordinator }))).status).toBe(404);

    expect((await run(withParams(editAction, { slug: PUBLIC, id: held.id }), formRequest(path, validForm, { cookie: world.cookie.member }))).status).toBe(403);
    const saved = await run(withParams(editAction, { slug: PUBLIC, id: held.id }), formRequest(path, { ...validForm, sequence: "0" }, { cookie: world.cookie.coordinator }));
    expect(saved.status).toBe(303);
    const row = await meetingRow(held.id);
    expect(row.title).toBe(validForm.title);
    expect(row.startsAt.toISOString()).toBe("2026-12-03T16:00:00.000Z");
    expect(row.sequence).toBe(1);
    expect(await syncJobs(held.id)).toBe(1);
  });
});

describe("saves that would overwrite someone else's change", () => {
  const editPath = (id: string) => `${meetingPath(PUBLIC, id)}/bearbeiten`;
  const postEdit = (id: string, fields: Record<string, string>) => run(withParams(editAction, { slug: PUBLIC, id }), formRequest(editPath(id), fields, { cookie: world.cookie.coordinator }));
  type Conflict = { result: { error: Record<string, string[]>; initialValue: Record<string, string> }; conflict: { values: { title: string; agenda: string }; sequence: number } };

  test("the edit form carries the SEQUENCE it was loaded with; after a topic went on the agenda meanwhile, saving changes nothing and shows both", async () => {
    const held = await insertMeeting(world.groupId[PUBLIC]!, { title: "Herbsttreffen", agenda: "- Wartelisten" });
    const loaded = (await (await run(withParams(editLoader, { slug: PUBLIC, id: held.id }), getRequest(editPath(held.id), { cookie: world.cookie.coordinator }))).json()) as { sequence: number };
    expect(loaded.sequence).toBe(0);
    // Meanwhile someone else changes the meeting (as putting an Open Mic topic on the agenda does).
    await db
      .update(meetings)
      .set({ agenda: "- Wartelisten\n- Anliegen 7: Sprachkurs am Abend", sequence: sql`${meetings.sequence} + 1` })
      .where(eq(meetings.id, held.id));
    const typed = { ...validForm, title: "Herbsttreffen (verlegt)", agenda: "- Wartelisten\n- Raumfrage", sequence: String(loaded.sequence) };
    const stale = await postEdit(held.id, typed);
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as Conflict;
    expect(body.result.initialValue).toMatchObject({ title: "Herbsttreffen (verlegt)", agenda: "- Wartelisten\n- Raumfrage" });
    expect(body.result.error[""]).toEqual(["meetings.conflict.meeting"]);
    expect(body.conflict).toMatchObject({ values: { title: "Herbsttreffen", agenda: "- Wartelisten\n- Anliegen 7: Sprachkurs am Abend" }, sequence: 1 });
    expect(await meetingRow(held.id)).toMatchObject({ title: "Herbsttreffen", agenda: "- Wartelisten\n- Anliegen 7: Sprachkurs am Abend", sequence: 1 });
    expect(await syncJobs(held.id)).toBe(0);
    // A form without the field is stale too.
    expect((await postEdit(held.id, validForm)).status).toBe(409);
    // Saving again with the SEQUENCE of the state shown works.
    const merged = await postEdit(held.id, { ...typed, agenda: "- Wartelisten\n- Anliegen 7: Sprachkurs am Abend\n- Raumfrage", sequence: String(body.conflict.sequence) });
    expect(merged.status).toBe(303);
    expect(await meetingRow(held.id)).toMatchObject({ title: "Herbsttreffen (verlegt)", agenda: "- Wartelisten\n- Anliegen 7: Sprachkurs am Abend\n- Raumfrage", sequence: 2 });
  });

  test("minutes: a save based on older minutes changes nothing and comes back with the typed text, the notice and the current minutes; a fresh save works", async () => {
    const held = await insertMeeting(world.groupId[PUBLIC]!, { inHours: -3 });
    const seen = async () => ((await (await getMeetingPage(PUBLIC, held.id, world.cookie.member)).json()) as { minutesSeen: string }).minutesSeen;
    const loadedByMember = await seen();
    const loadedByCoordinator = await seen();
    expect(loadedByMember).toBe("");
    const first = await postMeeting(PUBLIC, held.id, { intent: "minutes", minutes: "Beschluss A", seen: loadedByCoordinator }, world.cookie.coordinator);
    expect(first.status).toBe(303);
    const afterFirst = await meetingRow(held.id);

    const stale = await postMeeting(PUBLIC, held.id, { intent: "minutes", minutes: "Beschluss B", seen: loadedByMember }, world.cookie.member);
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> }; minutesConflict: { minutes: string; seen: string } };
    expect(body.result.initialValue.minutes).toBe("Beschluss B");
    expect(body.result.error[""]).toEqual(["meetings.conflict.minutes"]);
    expect(body.minutesConflict).toEqual({ minutes: "Beschluss A", seen: afterFirst.minutesAt!.toISOString() });
    expect(await meetingRow(held.id)).toMatchObject({ minutes: "Beschluss A", minutesBy: world.users.coordinator.id, sequence: 0 });
    // Leaving the field out counts as "no minutes seen": stale as well.
    expect((await postMeeting(PUBLIC, held.id, { intent: "minutes", minutes: "Beschluss C" }, world.cookie.member)).status).toBe(409);

    // With the minutes as they are now, the save goes through; minutes do not touch the calendar SEQUENCE.
    const merged = await postMeeting(PUBLIC, held.id, { intent: "minutes", minutes: "Beschluss A\n\nBeschluss B", seen: body.minutesConflict.seen }, world.cookie.member);
    expect(merged.status).toBe(303);
    expect(await meetingRow(held.id)).toMatchObject({ minutes: "Beschluss A\n\nBeschluss B", minutesBy: world.users.member.id, sequence: 0 });
    expect(await seen()).not.toBe(body.minutesConflict.seen);
  });
});

describe("guests and outsiders on the forms", () => {
  test("guests are sent to sign in by every form page and form; outsiders of the group get 403, of a private group 404", async () => {
    const held = await insertMeeting(world.groupId[PUBLIC]!);
    const secret = await insertMeeting(world.groupId[PRIVATE]!);
    const signIn = (response: Response) => {
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toMatch(/^\/anmelden\?redirectTo=/);
    };
    signIn(await run(withParams(newLoader, { slug: PUBLIC }), getRequest(`${listPath(PUBLIC)}/neu`)));
    signIn(await run(withParams(editLoader, { slug: PUBLIC, id: held.id }), getRequest(`${meetingPath(PUBLIC, held.id)}/bearbeiten`)));
    signIn(await run(withParams(editAction, { slug: PUBLIC, id: held.id }), formRequest(`${meetingPath(PUBLIC, held.id)}/bearbeiten`, validForm)));
    signIn(await run(withParams(listAction, { slug: PRIVATE }), formRequest(listPath(PRIVATE), { intent: "calendar-token" })));
    signIn(await postMeeting(PUBLIC, held.id, { intent: "minutes", minutes: "Gast" }));
    signIn(await postMeeting(PUBLIC, held.id, { intent: "cancel" }));
    expect((await run(withParams(newLoader, { slug: PUBLIC }), getRequest(`${listPath(PUBLIC)}/neu`, { cookie: world.cookie.outsider }))).status).toBe(403);
    expect((await run(withParams(editLoader, { slug: PUBLIC, id: held.id }), getRequest(`${meetingPath(PUBLIC, held.id)}/bearbeiten`, { cookie: world.cookie.outsider }))).status).toBe(403);
    expect((await run(withParams(newLoader, { slug: PRIVATE }), getRequest(`${listPath(PRIVATE)}/neu`, { cookie: world.cookie.outsider }))).status).toBe(404);
    expect((await run(withParams(editLoader, { slug: PRIVATE, id: secret.id }), getRequest(`${meetingPath(PRIVATE, secret.id)}/bearbeiten`, { cookie: world.cookie.outsider }))).status).toBe(404);
    expect(
      (await run(withParams(editAction, { slug: PRIVATE, id: secret.id }), formRequest(`${meetingPath(PRIVATE, secret.id)}/bearbeiten`, validForm, { cookie: world.cookie.network }))).status,
    ).toBe(404);
    expect((await postMeeting(PRIVATE, secret.id, { intent: "cancel" }, world.cookie.network)).status).toBe(404);
    expect((await meetingRow(secret.id)).cancelledAt).toBeNull();
    expect((await meetingRow(held.id)).sequence).toBe(0);
  });
});

describe("Open Mic topics on the agenda", () => {
  async function makeTopic(values: Partial<typeof topics.$inferInsert> = {}): Promise<number> {
    const [topic] = await db
      .insert(topics)
      .values({ title: "Sprachcafé am Wochenende", body: "Viele arbeiten unter der Woche.", approvedAt: new Date(), status: "routed", routedGroupId: world.groupId[PUBLIC]!, ...values })
      .returning({ id: topics.id });
    return topic!.id;
  }
  const addTopic = (slug: string, id: string, topicId: number | string, cookie?: string) => postMeeting(slug, id, { intent: "agenda-topic", topicId: String(topicId) }, cookie);
  type PageData = { agendaTopics: { id: number; title: string }[]; decisions: { id: number; title: string; statusHref: string | null; taskHref: string | null }[] };
  const pageData = async (slug: string, id: string, cookie?: string) => (await (await getMeetingPage(slug, id, cookie)).json()) as PageData;

  test("before a meeting, its group's coordinators see the open topics handed to the group that are not on the agenda", async () => {
    const open = await makeTopic({ title: "Offen und übergeben" });
    const onAgenda = await makeTopic({ title: "Steht schon drauf" });
    const closed = await makeTopic({ title: "Geschlossen", status: "closed" });
    const rejected = await makeTopic({ title: "Abgelehnt", status: "rejected" });
    const hidden = await makeTopic({ title: "Ausgeblendet", hiddenAt: new Date(), hiddenReason: "Spam" });
    const elsewhere = await makeTopic({ title: "Andere AG", routedGroupId: world.groupId[OTHER]! });
    const meeting = await insertMeeting(world.groupId[PUBLIC]!, { inHours: 48, agenda: `- Begrüßung\n- [Anliegen ${onAgenda}: Steht schon drauf](/open-mic/${onAgenda})` });
    const offered = (await pageData(PUBLIC, meeting.id, world.cookie.coordinator)).agendaTopics.map((topic) => topic.id);
    expect(offered).toContain(open);
    for (const id of [onAgenda, closed, rejected, hidden, elsewhere]) expect(offered).not.toContain(id);
    expect((await pageData(PUBLIC, meeting.id, world.cookie.network)).agendaTopics.map((topic) => topic.id)).toContain(open);
    expect((await pageData(PUBLIC, meeting.id, world.cookie.member)).agendaTopics).toEqual([]);
    expect((await pageData(PUBLIC, meeting.id)).agendaTopics).toEqual([]);
    const begun = await insertMeeting(world.groupId[PUBLIC]!, { inHours: -0.5 });
    expect((await pageData(PUBLIC, begun.id, world.cookie.coordinator)).agendaTopics).toEqual([]);
  });

  test("a coordinator puts a topic on the agenda: one line at the end, SEQUENCE raised, search told; twice adds it once", async () => {
    const topicId = await makeTopic({ title: "Kurse [neu] *mit* Kinderbetreuung" });
    const meeting = await insertMeeting(world.groupId[PUBLIC]!, { inHours: 72, agenda: "- Begrüßung\n- Verschiedenes\n\n" });
    await db.execute(sql`delete from graphile_worker._private_jobs`);
    const response = await addTopic(PUBLIC, meeting.id, topicId, world.cookie.coordinator);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`${meetingPath(PUBLIC, meeting.id)}#agenda-heading`);
    const row = await meetingRow(meeting.id);
    expect(row.agenda).toBe(`- Begrüßung\n- Verschiedenes\n- [Anliegen ${topicId}: Kurse \\[neu\\] \\*mit\\* Kinderbetreuung](/open-mic/${topicId})`);
    expect(row.sequence).toBe(meeting.sequence + 1);
    expect(row.updatedAt.getTime()).toBeGreaterThan(meeting.updatedAt.getTime());
    expect(await syncJobs(meeting.id)).toBe(1);

    const again = await addTopic(PUBLIC, meeting.id, topicId, world.cookie.network);
    expect(again.status).toBe(303);
    const after = await meetingRow(meeting.id);
    expect(after.agenda).toBe(row.agenda);
    expect(after.agenda.split(`/open-mic/${topicId})`).length - 1).toBe(1);
    expect(after.sequence).toBe(row.sequence);
    // Once on the agenda, it is no longer offered.
    expect((await pageData(PUBLIC, meeting.id, world.cookie.coordinator)).agendaTopics.map((topic) => topic.id)).not.toContain(topicId);
  });

  test("an empty agenda gets the line alone", async () => {
    const topicId = await makeTopic();
    const meeting = await insertMeeting(world.groupId[PUBLIC]!, { inHours: 30 });
    expect((await addTopic(PUBLIC, meeting.id, topicId, world.cookie.coordinator)).status).toBe(303);
    expect((await meetingRow(meeting.id)).agenda).toBe(`- [Anliegen ${topicId}: Sprachcafé am Wochenende](/open-mic/${topicId})`);
  });

  test("only the group's coordinators: members 403, guests sign in, outsiders of a private group 404; nothing changes", async () => {
    const topicId = await makeTopic();
    const secretTopic = await makeTopic({ routedGroupId: world.groupId[PRIVATE]! });
    const meeting = await insertMeeting(world.groupId[PUBLIC]!, { inHours: 30, agenda: "- Begrüßung" });
    const secret = await insertMeeting(world.groupId[PRIVATE]!, { inHours: 30, agenda: "- Fallbesprechung" });
    expect((await addTopic(PUBLIC, meeting.id, topicId, world.cookie.member)).status).toBe(403);
    expect((await addTopic(PUBLIC, meeting.id, topicId, world.cookie.outsider)).status).toBe(403);
    const guest = await addTopic(PUBLIC, meeting.id, topicId);
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toMatch(/^\/anmelden\?redirectTo=/);
    for (const cookie of [world.cookie.outsider, world.cookie.network, world.cookie.otherMember]) {
      expect((await addTopic(PRIVATE, secret.id, secretTopic, cookie)).status).toBe(404);
    }
    expect(await meetingRow(meeting.id)).toMatchObject({ agenda: "- Begrüßung", sequence: 0 });
    expect(await meetingRow(secret.id)).toMatchObject({ agenda: "- Fallbesprechung", sequence: 0 });
    // The private group's own coordinator may.
    expect((await addTopic(PRIVATE, secret.id, secretTopic, world.cookie.coordinator)).status).toBe(303);
    expect((await meetingRow(secret.id)).agenda).toContain(`/open-mic/${secretTopic})`);
  });

  test("a topic not handed to this group, a closed one, nonsense, a begun meeting or another group's meeting change nothing", async () => {
    const elsewhere = await makeTopic({ title: "Bei der anderen AG", routedGroupId: world.groupId[OTHER]! });
    const closed = await makeTopic({ status: "closed" });
    const waiting = await makeTopic({ approvedAt: null });
    const fine = await makeTopic();
    const meeting = await insertMeeting(world.groupId[PUBLIC]!, { inHours: 30, agenda: "- Begrüßung" });
    for (const topicId of [elsewhere, closed, waiting, "abc", 2_000_000_000]) {
      const response = await addTopic(PUBLIC, meeting.id, topicId, world.cookie.coordinator);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { topicError: string }).topicError).toBe("meetings.topics.errors.notRouted");
    }
    expect(await meetingRow(meeting.id)).toMatchObject({ agenda: "- Begrüßung", sequence: 0 });

    const begun = await insertMeeting(world.groupId[PUBLIC]!, { inHours: -0.25, agenda: "- Begonnen" });
    const late = await addTopic(PUBLIC, begun.id, fine, world.cookie.coordinator);
    expect(late.status).toBe(400);
    expect(((await late.json()) as { topicError: string }).topicError).toBe("meetings.topics.errors.closed");
    const cancelled = await insertMeeting(world.groupId[PUBLIC]!, { inHours: 30, cancelled: true, agenda: "" });
    expect((await addTopic(PUBLIC, cancelled.id, fine, world.cookie.coordinator)).status).toBe(400);
    expect(await meetingRow(begun.id)).toMatchObject({ agenda: "- Begonnen", sequence: 0 });
    expect(await meetingRow(cancelled.id)).toMatchObject({ agenda: "", sequence: 0 });

    // The other group's meeting through this group's URL: not found.
    const foreignMeeting = await insertMeeting(world.groupId[OTHER]!, { inHours: 30, agenda: "- Drüben" });
    expect((await addTopic(PUBLIC, foreignMeeting.id, fine, world.cookie.coordinator)).status).toBe(404);
    expect(await meetingRow(foreignMeeting.id)).toMatchObject({ agenda: "- Drüben", sequence: 0 });
  });
});

describe("decisions about topics in the minutes", () => {
  async function makeTopic(values: Partial<typeof topics.$inferInsert> = {}): Promise<number> {
    const [topic] = await db
      .insert(topics)
      .values({ title: "Patenschaften in Lindach", body: "Familien kommen neu an.", approvedAt: new Date(), status: "routed", routedGroupId: world.groupId[PUBLIC]!, ...values })
      .returning({ id: topics.id });
    return topic!.id;
  }
  type Decision = { id: number; title: string; statusHref: string | null; taskHref: string | null };
  const decisions = async (slug: string, id: string, cookie?: string) => ((await (await getMeetingPage(slug, id, cookie)).json()) as { decisions: Decision[] }).decisions;
  const line = (id: number) => `- [Anliegen ${id}: Titel](/open-mic/${id})`;

  test("after the meeting began: network coordination gets the status form with the answer begun, members a linked task", async () => {
    const routed = await makeTopic();
    const hidden = await makeTopic({ title: "Ausgeblendet", hiddenAt: new Date(), hiddenReason: "Spam" });
    const kept = await makeTopic({ title: "Das behaltene" });
    const duplicate = await makeTopic({ title: "Duplikat", mergedIntoId: kept });
    const elsewhere = await makeTopic({ title: "Anderswo", routedGroupId: world.groupId[OTHER]! });
    const meeting = await insertMeeting(world.groupId[PUBLIC]!, { inHours: -1, agenda: [routed, hidden, duplicate, kept, elsewhere].map(line).join("\n") });

    const asNetwork = await decisions(PUBLIC, meeting.id, world.cookie.network);
    expect(asNetwork.map((topic) => topic.id)).toEqual([routed, kept, elsewhere]);
    const status = new URL(asNetwork[0]!.statusHref!, "http://localhost:3000");
    expect(status.pathname).toBe(`/open-mic/${routed}/status`);
    expect(status.searchParams.get("antwort")).toMatch(/^Beschluss aus dem Treffen der Arbeitsgruppe „Sprache & Bildung“ am \d{1,2}\. \S+ \d{4}: $/);
    // Network coordination is no member here: no task form for it.
    expect(asNetwork.every((topic) => topic.taskHref === null)).toBe(true);

    const asMember = await decisions(PUBLIC, meeting.id, world.cookie.member);
    expect(asMember.every((topic) => topic.statusHref === null)).toBe(true);
    const task = new URL(asMember.find((topic) => topic.id === routed)!.taskHref!, "http://localhost:3000");
    expect(task.pathname).toBe(`/arbeitsgruppen/${PUBLIC}/aufgaben/neu`);
    expect(task.searchParams.get("anliegen")).toBe(String(routed));
    expect(task.searchParams.get("titel")).toBe("Patenschaften in Lindach");
    expect(task.searchParams.get("beschreibung")).toMatch(new RegExp(`^Beschluss aus dem Treffen am .+ zu Anliegen ${routed}: $`));
    // A topic handed to another group cannot be linked to this group's task.
    expect(asMember.find((topic) => topic.id === elsewhere)!.taskHref).toBeNull();

    // Guests and people outside the group get no box; neither does a meeting still to come.
    expect(await decisions(PUBLIC, meeting.id)).toEqual([]);
    expect(await decisions(PUBLIC, meeting.id, world.cookie.outsider)).toEqual([]);
    const upcoming = await insertMeeting(world.groupId[PUBLIC]!, { inHours: 5, agenda: line(routed) });
    expect(await decisions(PUBLIC, upcoming.id, world.cookie.network)).toEqual([]);
  });

  test("a private group's name never goes into the answer begun for a public topic", async () => {
    const topicId = await makeTopic({ routedGroupId: world.groupId[PRIVATE]! });
    const meeting = await insertMeeting(world.groupId[PRIVATE]!, { inHours: -1, agenda: line(topicId) });
    const coordinatorInGroup = await createTestUser({ role: "coordinator", displayName: "Nina Netzwerk" });
    await db.insert(groupMemberships).values({ groupId: world.groupId[PRIVATE]!, userId: coordinatorInGroup.id, role: "member" });
    const [shown] = await decisions(PRIVATE, meeting.id, await sessionCookieFor(coordinatorInGroup.id));
    const answer = new URL(shown!.statusHref!, "http://localhost:3000").searchParams.get("antwort")!;
    expect(answer).toMatch(/^Beschluss aus dem Treffen einer Arbeitsgruppe am /);
    const [group] = await db.select({ name: workingGroups.name }).from(workingGroups).where(eq(workingGroups.id, world.groupId[PRIVATE]!));
    expect(answer).not.toContain(group!.name);
    expect(shown!.statusHref).not.toContain(encodeURIComponent(group!.name));
  });
});
