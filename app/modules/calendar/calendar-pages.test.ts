import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { calendarTokens, meetings } from "#db/schema";
import { action as calendarAction, loader as calendarLoader } from "#app/routes/kalender._index";
import { loader as personalFeedLoader } from "#app/routes/kalender.privat.$token.kalender[.]ics";
import { action as eventAction, loader as eventLoader } from "#app/routes/kalender.termine.$id";
import { action as editEventAction, loader as editEventLoader } from "#app/routes/kalender.termine.$id_.bearbeiten";
import { action as newEventAction, loader as newEventLoader } from "#app/routes/kalender.termine.neu";
import { cookiesFrom, formRequest, getRequest, run, withParams } from "#test/factories";
import { insertMeeting, OTHER, PRIVATE, PUBLIC, setUpMeetingWorld } from "#test/meetings-fixtures";

let world: Awaited<ReturnType<typeof setUpMeetingWorld>>;
beforeAll(async () => {
  world = await setUpMeetingWorld();
});

type CalendarPage = {
  range: string;
  gruppe: string | null;
  groups: { slug: string; name: string }[];
  entries: { id: string; title: string; groupSlug: string | null; href: string }[];
  tokenSince: string | null;
  personalUrls: { all: string } | null;
  groupFeeds: { name: string; url: string }[];
  managesEvents: boolean;
};

async function calendar(query = "", cookie?: string): Promise<CalendarPage> {
  const response = await run(calendarLoader, getRequest(`/kalender${query}`, { cookie }));
  expect(response.status).toBe(200);
  return (await response.json()) as CalendarPage;
}

const validForm = { title: "Netzwerktreffen Integration", startsAt: "2027-02-04T14:00", endsAt: "2027-02-04T17:00", place: "Kreishaus Auenstadt", onlineUrl: "", agenda: "" };

describe("the calendar page", () => {
  test("guests see network events and public groups' meetings; members also their private groups'", async () => {
    const event = await insertMeeting(null, { title: "Online-Austausch" });
    const open = await insertMeeting(world.groupId[PUBLIC]!, { title: "Offenes Treffen" });
    const secret = await insertMeeting(world.groupId[PRIVATE]!, { title: "Geheimes Treffen" });
    const guest = await calendar();
    const ids = guest.entries.map((entry) => entry.id);
    expect(ids).toEqual(expect.arrayContaining([event.id, open.id]));
    expect(ids).not.toContain(secret.id);
    expect(guest.groups.map((group) => group.slug)).not.toContain(PRIVATE);
    expect(guest.entries.find((entry) => entry.id === event.id)!.href).toBe(`/kalender/termine/${event.id}`);
    expect((await calendar("", world.cookie.outsider)).entries.map((entry) => entry.id)).not.toContain(secret.id);
    // Network coordination is no member of the private group: it does not see it either.
    expect((await calendar("", world.cookie.network)).entries.map((entry) => entry.id)).not.toContain(secret.id);
    const member = await calendar("", world.cookie.member);
    expect(member.entries.find((entry) => entry.id === secret.id)).toMatchObject({ groupSlug: PRIVATE, href: `/arbeitsgruppen/${PRIVATE}/treffen/${secret.id}` });
  });

  test("upcoming by default, past with ?zeitraum=vergangen", async () => {
    const old = await insertMeeting(world.groupId[PUBLIC]!, { title: "Vergangen", inHours: -24 * 10 });
    const coming = await insertMeeting(world.groupId[PUBLIC]!, { title: "Kommend", inHours: 24 * 10 });
    const upcoming = await calendar();
    expect(upcoming.range).toBe("upcoming");
    expect(upcoming.entries.map((entry) => entry.id)).toContain(coming.id);
    expect(upcoming.entries.map((entry) => entry.id)).not.toContain(old.id);
    const past = await calendar("?zeitraum=vergangen");
    expect(past.range).toBe("past");
    expect(past.entries.map((entry) => entry.id)).toContain(old.id);
    expect(past.entries.map((entry) => entry.id)).not.toContain(coming.id);
  });

  test("?gruppe= filters by a visible group; an unknown or invisible one is ignored and reveals nothing", async () => {
    const open = await insertMeeting(world.groupId[PUBLIC]!, { title: "Nur Sprache" });
    const other = await insertMeeting(world.groupId[OTHER]!, { title: "Nur Arbeit" });
    const secret = await insertMeeting(world.groupId[PRIVATE]!, { title: "Nur Ankommen" });
    const filtered = await calendar(`?gruppe=${PUBLIC}`);
    expect(filtered.gruppe).toBe(PUBLIC);
    expect(filtered.entries.map((entry) => entry.id)).toContain(open.id);
    expect(filtered.entries.every((entry) => entry.groupSlug === PUBLIC)).toBe(true);
    for (const slug of [PRIVATE, "gibt-es-nicht"]) {
      const response = await run(calendarLoader, getRequest(`/kalender?gruppe=${slug}`, { cookie: world.cookie.outsider }));
      const text = await response.clone().text();
      const page = (await response.json()) as CalendarPage;
      expect(page.gruppe).toBeNull();
      expect(page.entries.map((entry) => entry.id)).toEqual(expect.arrayContaining([open.id, other.id]));
      expect(text).not.toContain("Ankommen");
      expect(text).not.toContain(secret.id);
    }
    const member = await calendar(`?gruppe=${PRIVATE}`, world.cookie.member);
    expect(member.gruppe).toBe(PRIVATE);
    expect(member.entries.map((entry) => entry.id)).toContain(secret.id);
    expect(member.entries.every((entry) => entry.groupSlug === PRIVATE)).toBe(true);
  });

  test("the personal calendar link: made by a signed-in person, shown once, replacing the old one", async () => {
    expect((await run(calendarAction, formRequest("/kalender", { intent: "create-token" }))).status).toBe(302);
    const made = await run(calendarAction, formRequest("/kalender", { intent: "create-token" }, { cookie: world.cookie.member }));
    expect(made.status).toBe(303);
    const flash = cookiesFrom(made);
    const [stored] = await db.select().from(calendarTokens).where(eq(calendarTokens.userId, world.users.member.id));
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const shownResponse = await run(calendarLoader, getRequest("/kalender", { cookie: `${world.cookie.member}; ${flash}` }));
    expect(shownResponse.headers.get("Cache-Control")).toBe("private, no-store");
    expect(shownResponse.headers.get("Set-Cookie")).toMatch(/kw_calendar_token=;.*Max-Age=0/);
    const shown = (await shownResponse.json()) as CalendarPage;
    const match = /^http:\/\/localhost:3000\/kalender\/privat\/([A-Za-z0-9_-]{43})\/kalender\.ics$/.exec(shown.personalUrls!.all);
    expect(match).not.toBeNull();
    const token = match![1]!;
    // Only the hash is kept.
    expect(stored!.tokenHash).not.toContain(token);
    // The private group's own link never carries the personal token: it is signed for this person and group.
    expect(shown.groupFeeds).toHaveLength(1);
    expect(shown.groupFeeds[0]!.name).toBe("Ankommen & Wohnen");
    expect(shown.groupFeeds[0]!.url).not.toContain(token);
    const groupUrl = new URL(shown.groupFeeds[0]!.url);
    expect(groupUrl.pathname).toBe(`/arbeitsgruppen/${PRIVATE}/kalender.ics`);
    expect(groupUrl.searchParams.get("person")).toBe(world.users.member.id);
    expect(groupUrl.searchParams.get("sig")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Without the one-time cookie the personal address is not shown again, only that a link exists;
    // the group link is derived, so it is still there (and the page is kept by no cache).
    const laterResponse = await run(calendarLoader, getRequest("/kalender", { cookie: world.cookie.member }));
    expect(laterResponse.headers.get("Cache-Control")).toBe("private, no-store");
    const later = (await laterResponse.json()) as CalendarPage;
    expect(later.personalUrls).toBeNull();
    expect(later.tokenSince).not.toBeNull();
    expect(later.groupFeeds).toEqual(shown.groupFeeds);
    // Someone without a private group gets no group links.
    expect((await calendar("", world.cookie.outsider)).groupFeeds).toEqual([]);
    // Someone else's browser holding the cookie sees nothing of it.
    expect((await calendar("", `${world.cookie.outsider}; ${flash}`)).personalUrls).toBeNull();

    const feed = (value: string) => run(withParams(personalFeedLoader, { token: value }), getRequest(`/kalender/privat/${value}/kalender.ics`));
    expect((await feed(token)).status).toBe(200);
    await run(calendarAction, formRequest("/kalender", { intent: "create-token" }, { cookie: world.cookie.member }));
    expect((await feed(token)).status).toBe(404);
    // The old cookie now names a replaced token: it shows nothing.
    expect((await calendar("", `${world.cookie.member}; ${flash}`)).personalUrls).toBeNull();
    // The new token gives new group links; the old ones end with the old token.
    expect((await calendar("", world.cookie.member)).groupFeeds[0]!.url).not.toBe(shown.groupFeeds[0]!.url);

    expect((await run(calendarAction, formRequest("/kalender", { intent: "delete-token" }, { cookie: world.cookie.member }))).status).toBe(303);
    const deleted = await calendar("", world.cookie.member);
    expect(deleted.tokenSince).toBeNull();
    expect(deleted.groupFeeds).toEqual([]);
  });
});

describe("network-wide events", () => {
  test("anyone reads an event; a group meeting's id or a malformed one is a 404 here", async () => {
    const event = await insertMeeting(null, { title: "Monatlicher Online-Austausch des Netzwerks" });
    const group = await insertMeeting(world.groupId[PRIVATE]!, { title: "Geheim" });
    const page = await run(withParams(eventLoader, { id: event.id }), getRequest(`/kalender/termine/${event.id}`));
    expect(page.status).toBe(200);
    expect(((await page.json()) as { manages: boolean }).manages).toBe(false);
    expect((await run(withParams(eventLoader, { id: group.id }), getRequest(`/kalender/termine/${group.id}`, { cookie: world.cookie.member }))).status).toBe(404);
    expect((await run(withParams(eventLoader, { id: "abc" }), getRequest("/kalender/termine/abc"))).status).toBe(404);
    expect(((await (await run(withParams(eventLoader, { id: event.id }), getRequest(`/kalender/termine/${event.id}`, { cookie: world.cookie.network }))).json()) as { manages: boolean }).manages).toBe(
      true,
    );
  });

  test("only network coordination and admins create events: guests sign in, members and group coordinators get 403", async () => {
    expect((await run(newEventLoader, getRequest("/kalender/termine/neu"))).status).toBe(302);
    expect((await run(newEventLoader, getRequest("/kalender/termine/neu", { cookie: world.cookie.coordinator }))).status).toBe(403);
    expect((await run(newEventAction, formRequest("/kalender/termine/neu", validForm, { cookie: world.cookie.member }))).status).toBe(403);
    expect(await db.select().from(meetings).where(eq(meetings.title, validForm.title))).toEqual([]);
    const created = await run(newEventAction, formRequest("/kalender/termine/neu", validForm, { cookie: world.cookie.network }));
    expect(created.status).toBe(303);
    const [row] = await db.select().from(meetings).where(eq(meetings.title, validForm.title));
    expect(row?.groupId).toBeNull();
    expect(row?.startsAt.toISOString()).toBe("2027-02-04T13:00:00.000Z");
    expect(created.headers.get("Location")).toBe(`/kalender/termine/${row!.id}`);
    const bad = await run(newEventAction, formRequest("/kalender/termine/neu", { ...validForm, endsAt: "" }, { cookie: world.cookie.network }));
    expect(bad.status).toBe(400);
  });

  test("editing and cancelling an event: network coordination only; a group meeting cannot be reached this way", async () => {
    const event = await insertMeeting(null, { title: "Austausch" });
    const group = await insertMeeting(world.groupId[PUBLIC]!, { title: "Gruppentreffen" });
    const editPath = (id: string) => `/kalender/termine/${id}/bearbeiten`;
    expect((await run(withParams(editEventLoader, { id: event.id }), getRequest(editPath(event.id), { cookie: world.cookie.coordinator }))).status).toBe(403);
    expect((await run(withParams(editEventLoader, { id: group.id }), getRequest(editPath(group.id), { cookie: world.cookie.network }))).status).toBe(404);
    expect((await run(withParams(editEventAction, { id: group.id }), formRequest(editPath(group.id), validForm, { cookie: world.cookie.network }))).status).toBe(404);
    expect((await db.select().from(meetings).where(eq(meetings.id, group.id)))[0]!.title).toBe("Gruppentreffen");
    const saved = await run(
      withParams(editEventAction, { id: event.id }),
      formRequest(editPath(event.id), { ...validForm, title: "Austausch im Februar", sequence: "0" }, { cookie: world.cookie.network }),
    );
    expect(saved.status).toBe(303);
    const [edited] = await db.select().from(meetings).where(eq(meetings.id, event.id));
    expect(edited).toMatchObject({ title: "Austausch im Februar", sequence: 1 });

    const cancel = (id: string, cookie?: string) => run(withParams(eventAction, { id }), formRequest(`/kalender/termine/${id}`, { intent: "cancel" }, { cookie }));
    expect((await cancel(event.id, world.cookie.member)).status).toBe(403);
    expect((await cancel(group.id, world.cookie.network)).status).toBe(404);
    expect((await db.select().from(meetings).where(eq(meetings.id, group.id)))[0]!.cancelledAt).toBeNull();
    expect((await cancel(event.id, world.cookie.network)).status).toBe(303);
    const [cancelled] = await db.select().from(meetings).where(eq(meetings.id, event.id));
    expect(cancelled!.cancelledAt).not.toBeNull();
    expect(cancelled!.sequence).toBe(2);
  });

  test("an event edit form loaded before someone else's change saves nothing and comes back with the typed text, the notice and the current state", async () => {
    const event = await insertMeeting(null, { title: "Austausch im März" });
    const editPath = `/kalender/termine/${event.id}/bearbeiten`;
    const loaded = (await (await run(withParams(editEventLoader, { id: event.id }), getRequest(editPath, { cookie: world.cookie.network }))).json()) as { sequence: number };
    expect(loaded.sequence).toBe(0);
    // Someone else saves first.
    expect(
      (await run(withParams(editEventAction, { id: event.id }), formRequest(editPath, { ...validForm, title: "Austausch im April", sequence: "0" }, { cookie: world.cookie.network }))).status,
    ).toBe(303);
    const stale = await run(withParams(editEventAction, { id: event.id }), formRequest(editPath, { ...validForm, title: "Austausch im Mai", sequence: "0" }, { cookie: world.cookie.network }));
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> }; conflict: { values: { title: string }; sequence: number } };
    expect(body.result.initialValue.title).toBe("Austausch im Mai");
    expect(body.result.error[""]).toEqual(["calendar.event.conflict"]);
    expect(body.conflict).toMatchObject({ values: { title: "Austausch im April" }, sequence: 1 });
    expect((await db.select().from(meetings).where(eq(meetings.id, event.id)))[0]).toMatchObject({ title: "Austausch im April", sequence: 1 });
  });
});
