import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { groupMemberships, meetings, workingGroups } from "#db/schema";
import { loader as groupFeedLoader } from "#app/routes/arbeitsgruppen.$slug_.kalender[.]ics";
import { loader as meetingDownloadLoader } from "#app/routes/arbeitsgruppen.$slug_.treffen.$id.kalender[.]ics";
import { loader as publicFeedLoader } from "#app/routes/kalender[.]ics";
import { loader as personalFeedLoader } from "#app/routes/kalender.privat.$token.kalender[.]ics";
import { loader as eventDownloadLoader } from "#app/routes/kalender.termine.$id.kalender[.]ics";
import { getRequest, run, withParams } from "#test/factories";
import { insertMeeting, OTHER, parseIcs, PRIVATE, PUBLIC, setUpMeetingWorld } from "#test/meetings-fixtures";
import { createCalendarToken, deleteCalendarToken, groupFeedQueries } from "./calendar-tokens.server";
import { buildCalendar } from "./ics.server";
import { getFixedT } from "#app/utils/i18n.server";

let world: Awaited<ReturnType<typeof setUpMeetingWorld>>;
let publicMeeting: Awaited<ReturnType<typeof insertMeeting>>;
let cancelledMeeting: Awaited<ReturnType<typeof insertMeeting>>;
let privateMeeting: Awaited<ReturnType<typeof insertMeeting>>;
let networkEvent: Awaited<ReturnType<typeof insertMeeting>>;
let otherMeeting: Awaited<ReturnType<typeof insertMeeting>>;

beforeAll(async () => {
  world = await setUpMeetingWorld();
  publicMeeting = await insertMeeting(world.groupId[PUBLIC]!, { title: "Wartelisten besprechen", onlineUrl: "https://meet.example/sb", agenda: "- Wartelisten\n- Abendkurse" });
  cancelledMeeting = await insertMeeting(world.groupId[PUBLIC]!, { title: "Fällt aus", inHours: 72 });
  await db.update(meetings).set({ cancelledAt: new Date(), sequence: 3 }).where(eq(meetings.id, cancelledMeeting.id));
  privateMeeting = await insertMeeting(world.groupId[PRIVATE]!, { title: "Geheime Fallbesprechung", place: "Beratungsraum 1" });
  networkEvent = await insertMeeting(null, { title: "Monatlicher Online-Austausch des Netzwerks", place: "", onlineUrl: "https://meet.example/auental" });
  otherMeeting = await insertMeeting(world.groupId[OTHER]!, { title: "Azubi-Speed-Dating" });
});

const get = (handler: Parameters<typeof run>[0], path: string, cookie?: string) => run(handler, getRequest(path, { cookie }));
const publicFeed = () => get(publicFeedLoader, "/kalender.ics");
const personalFeed = (token: string) => get(withParams(personalFeedLoader, { token }), `/kalender/privat/${token}/kalender.ics`);
const groupFeed = (slug: string, query?: string) => get(withParams(groupFeedLoader, { slug }), `/arbeitsgruppen/${slug}/kalender.ics${query ? `?${query}` : ""}`);
/** The query of a person's group feed link as the pages show it (null without a calendar token). */
const groupQuery = async (userId: string, groupId: string) => (await groupFeedQueries(userId, [groupId]))?.get(groupId) ?? null;

async function eventsOf(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
  return parseIcs(await response.text());
}

const uid = (id: string) => `${id}@kurze-wege`;

describe("iCalendar feeds, read with ical.js", () => {
  test("the public feed: network events and public groups' meetings, each at its stored instant, with UID, URL and place", async () => {
    const response = await publicFeed();
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    const { name, events } = await eventsOf(response);
    expect(name).toBe("Kurze Wege – Termine des Netzwerks");
    const byUid = new Map(events.map((event) => [event.uid, event]));
    const meeting = byUid.get(uid(publicMeeting.id))!;
    expect(meeting.start.getTime()).toBe(publicMeeting.startsAt.getTime());
    expect(meeting.end.getTime()).toBe(publicMeeting.endsAt.getTime());
    expect(meeting.summary).toBe("Wartelisten besprechen (Sprache & Bildung)");
    expect(meeting.location).toBe("VHS Auenstadt, Raum 1");
    expect(meeting.url).toBe(`http://localhost:3000/arbeitsgruppen/sprache-bildung/treffen/${publicMeeting.id}`);
    expect(meeting.description).toContain("Online: https://meet.example/sb");
    expect(meeting.description).toContain("- Abendkurse");
    expect(meeting.status).toBe("CONFIRMED");
    const event = byUid.get(uid(networkEvent.id))!;
    expect(event.url).toBe(`http://localhost:3000/kalender/termine/${networkEvent.id}`);
    expect(event.location).toBe("https://meet.example/auental");
    expect(byUid.has(uid(otherMeeting.id))).toBe(true);
    // Nothing of the private group, not even its name.
    expect(byUid.has(uid(privateMeeting.id))).toBe(false);
    expect(events.some((entry) => entry.summary.includes("Ankommen") || entry.summary.includes("Geheime"))).toBe(false);
  });

  test("a cancelled meeting stays in the feed with STATUS:CANCELLED and its raised SEQUENCE", async () => {
    const { events } = await eventsOf(await publicFeed());
    const cancelled = events.find((event) => event.uid === uid(cancelledMeeting.id))!;
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.sequence).toBe(3);
    expect(cancelled.summary).toBe("Abgesagt: Fällt aus (Sprache & Bildung)");
  });

  test("a public group's feed is open to anyone and holds only that group's meetings", async () => {
    const { name, events } = await eventsOf(await groupFeed(PUBLIC));
    expect(name).toBe("Sprache & Bildung – Kurze Wege");
    expect(events.map((event) => event.uid).sort()).toEqual([uid(publicMeeting.id), uid(cancelledMeeting.id)].sort());
  });

  test("a private group's feed needs a group link signed for a current member; anything else is the 404 of a missing group", async () => {
    const missing = await groupFeed("gibt-es-nicht");
    expect(missing.status).toBe(404);
    const missingBody = await missing.text();
    const outsiderToken = await createCalendarToken(world.users.outsider.id);
    const memberToken = await createCalendarToken(world.users.member.id);
    const memberLink = (await groupQuery(world.users.member.id, world.groupId[PRIVATE]!))!;
    const outsiderLink = (await groupQuery(world.users.outsider.id, world.groupId[PRIVATE]!))!;
    const sig = new URLSearchParams(memberLink).get("sig")!;
    const forged = `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`;
    for (const query of [
      undefined,
      // The personal token opens no group feed: a shared group link can never be one.
      `token=${memberToken}`,
      `token=${outsiderToken}`,
      "person=falsch&sig=falsch",
      // A link signed for someone who is no member; a forged signature; another person's id under the member's signature.
      outsiderLink,
      new URLSearchParams({ person: world.users.member.id, sig: forged }).toString(),
      new URLSearchParams({ person: world.users.outsider.id, sig }).toString(),
      new URLSearchParams({ person: world.users.member.id }).toString(),
    ]) {
      const response = await groupFeed(PRIVATE, query);
      expect(response.status, query).toBe(404);
      expect(await response.text()).toBe(missingBody);
    }
    // A session cookie does not open it either: calendar apps have none, and the rule stays simple.
    expect((await get(withParams(groupFeedLoader, { slug: PRIVATE }), `/arbeitsgruppen/${PRIVATE}/kalender.ics`, world.cookie.member)).status).toBe(404);
    expect(memberLink).not.toContain(memberToken);
    const response = await groupFeed(PRIVATE, memberLink);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const { events } = await eventsOf(response);
    expect(events.map((event) => event.uid)).toEqual([uid(privateMeeting.id)]);
    expect(events[0]!.start.getTime()).toBe(privateMeeting.startsAt.getTime());
  });

  test("a group link opens only its own group: not another group's feed, not the personal feed", async () => {
    await createCalendarToken(world.users.coordinator.id);
    const link = (await groupQuery(world.users.coordinator.id, world.groupId[PRIVATE]!))!;
    expect((await groupFeed(PRIVATE, link)).status).toBe(200);
    const { person, sig } = Object.fromEntries(new URLSearchParams(link));
    // Signed for the private group: worthless for the personal feed (the signature is no token) …
    expect((await personalFeed(sig!)).status).toBe(404);
    expect((await personalFeed(person!)).status).toBe(404);
    // … and for another private group the same person belongs to.
    const [secondPrivate] = await db
      .insert(workingGroups)
      .values({ slug: `zweite-geschlossene-${Date.now()}`, name: "Zweite geschlossene Gruppe", focus: "Test", visibility: "private" })
      .returning({ id: workingGroups.id, slug: workingGroups.slug });
    await db.insert(groupMemberships).values({ groupId: secondPrivate!.id, userId: world.users.coordinator.id, role: "coordinator" });
    await insertMeeting(secondPrivate!.id, { title: "Zweites Geheimnis" });
    expect((await groupFeed(secondPrivate!.slug, link)).status).toBe(404);
    const ownLink = (await groupQuery(world.users.coordinator.id, secondPrivate!.id))!;
    expect((await groupFeed(secondPrivate!.slug, ownLink)).status).toBe(200);
    await deleteCalendarToken(world.users.coordinator.id);
  });

  test("the personal feed adds the owner's private groups — only while they are a member", async () => {
    const token = await createCalendarToken(world.users.otherMember.id);
    await db.insert(groupMemberships).values({ groupId: world.groupId[PRIVATE]!, userId: world.users.otherMember.id, role: "member" });
    const link = (await groupQuery(world.users.otherMember.id, world.groupId[PRIVATE]!))!;
    const response = await personalFeed(token);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const member = await eventsOf(response);
    expect(member.name).toBe("Kurze Wege – mein Kalender");
    const uids = member.events.map((event) => event.uid);
    expect(uids).toEqual(expect.arrayContaining([uid(privateMeeting.id), uid(publicMeeting.id), uid(networkEvent.id), uid(otherMeeting.id)]));
    expect(member.events.find((event) => event.uid === uid(privateMeeting.id))!.start.getTime()).toBe(privateMeeting.startsAt.getTime());
    expect((await groupFeed(PRIVATE, link)).status).toBe(200);

    // Leaving the group: the same token no longer shows its meetings, and the group link is a 404, at once.
    await db.delete(groupMemberships).where(and(eq(groupMemberships.groupId, world.groupId[PRIVATE]!), eq(groupMemberships.userId, world.users.otherMember.id)));
    const former = await eventsOf(await personalFeed(token));
    expect(former.events.map((event) => event.uid)).not.toContain(uid(privateMeeting.id));
    expect(former.events.map((event) => event.uid)).toContain(uid(publicMeeting.id));
    expect((await groupFeed(PRIVATE, link)).status).toBe(404);
  });

  test("a replaced token is a 404 at once, and so are the group links made with it; so are a deleted one and one that never existed", async () => {
    const first = await createCalendarToken(world.users.coordinator.id);
    const firstLink = (await groupQuery(world.users.coordinator.id, world.groupId[PRIVATE]!))!;
    expect((await personalFeed(first)).status).toBe(200);
    expect((await groupFeed(PRIVATE, firstLink)).status).toBe(200);
    const second = await createCalendarToken(world.users.coordinator.id);
    expect(second).not.toBe(first);
    expect((await personalFeed(first)).status).toBe(404);
    expect((await groupFeed(PRIVATE, firstLink)).status).toBe(404);
    const secondLink = (await groupQuery(world.users.coordinator.id, world.groupId[PRIVATE]!))!;
    expect(secondLink).not.toBe(firstLink);
    expect((await personalFeed(second)).status).toBe(200);
    expect((await groupFeed(PRIVATE, secondLink)).status).toBe(200);
    await deleteCalendarToken(world.users.coordinator.id);
    expect((await personalFeed(second)).status).toBe(404);
    expect((await groupFeed(PRIVATE, secondLink)).status).toBe(404);
    expect(await groupQuery(world.users.coordinator.id, world.groupId[PRIVATE]!)).toBeNull();
    expect((await personalFeed("unbekannt")).status).toBe(404);
  });
});

describe("single .ics downloads", () => {
  const download = (slug: string, id: string, cookie?: string) => get(withParams(meetingDownloadLoader, { slug, id }), `/arbeitsgruppen/${slug}/treffen/${id}/kalender.ics`, cookie);

  test("a public group's meeting downloads for anyone, as one event at its stored instant", async () => {
    const response = await download(PUBLIC, publicMeeting.id);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="treffen.ics"');
    const { events } = await eventsOf(response);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ uid: uid(publicMeeting.id), sequence: 0 });
    expect(events[0]!.start.toISOString()).toBe(publicMeeting.startsAt.toISOString());
  });

  test("a private group's meeting downloads for its members only (session cookie); others get 404", async () => {
    const missing = await download("gibt-es-nicht", privateMeeting.id);
    for (const cookie of [undefined, world.cookie.outsider, world.cookie.network]) {
      const response = await download(PRIVATE, privateMeeting.id, cookie);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(await missing.clone().text());
    }
    const response = await download(PRIVATE, privateMeeting.id, world.cookie.member);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect((await eventsOf(response)).events.map((event) => event.uid)).toEqual([uid(privateMeeting.id)]);
  });

  test("a meeting of another group or a network event under a group's URL is a 404, and a group meeting under /kalender/termine too", async () => {
    expect((await download(PUBLIC, otherMeeting.id)).status).toBe(404);
    expect((await download(PUBLIC, privateMeeting.id, world.cookie.member)).status).toBe(404);
    expect((await download(PUBLIC, networkEvent.id)).status).toBe(404);
    expect((await get(withParams(eventDownloadLoader, { id: publicMeeting.id }), `/kalender/termine/${publicMeeting.id}/kalender.ics`)).status).toBe(404);
    const { events } = await eventsOf(await get(withParams(eventDownloadLoader, { id: networkEvent.id }), `/kalender/termine/${networkEvent.id}/kalender.ics`));
    expect(events.map((event) => event.uid)).toEqual([uid(networkEvent.id)]);
  });

  test("a time at the change to winter time keeps its instant through the feed", () => {
    // 02:30 summer time, the first of the two 02:30s on 25 October 2026.
    const startsAt = new Date("2026-10-25T00:30:00Z");
    const text = buildCalendar(
      "Test",
      [
        {
          id: "00000000-0000-4000-8000-000000000001",
          title: "Nachtschicht",
          startsAt,
          endsAt: new Date("2026-10-25T02:00:00Z"),
          place: "Lindach",
          onlineUrl: null,
          agenda: "",
          cancelledAt: null,
          sequence: 0,
          createdAt: startsAt,
          updatedAt: startsAt,
          groupSlug: null,
          groupName: null,
        },
      ],
      getFixedT("de"),
    );
    expect(parseIcs(text).events[0]!.start.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  test("links to pages of the site in an agenda become absolute in the feed", () => {
    const startsAt = new Date("2026-12-02T09:00:00Z");
    const agenda = "- [Anliegen 4: Busverbindung](/open-mic/4)\n- [extern](https://example.org/a)";
    const text = buildCalendar(
      "Test",
      [
        {
          id: "00000000-0000-4000-8000-000000000002",
          title: "AG-Treffen",
          startsAt,
          endsAt: new Date("2026-12-02T10:00:00Z"),
          place: "",
          onlineUrl: null,
          agenda,
          cancelledAt: null,
          sequence: 0,
          createdAt: startsAt,
          updatedAt: startsAt,
          groupSlug: null,
          groupName: null,
        },
      ],
      getFixedT("de"),
    );
    const description = parseIcs(text).events[0]!.description;
    expect(description).toContain("(http://localhost:3000/open-mic/4)");
    expect(description).toContain("(https://example.org/a)");
  });
});
