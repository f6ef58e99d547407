import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { groupMemberships, groupPosts, groupTasks, groupThreads, meetings, workingGroups, type GroupRole, type UserRole } from "#db/schema";
import { loader as homeLoader } from "#app/routes/_index";
import { action as groupAction, loader as groupLoader } from "#app/routes/arbeitsgruppen.$slug/route";
import { createTestUser, formRequest, getRequest, run, sessionCookieFor, withParams } from "#test/factories";
import { getUpcomingMeetings } from "./activity.server";

type Person = { id: string; cookie: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);

async function person(role: UserRole = "member"): Promise<Person> {
  const user = await createTestUser({ role });
  return { id: user.id, cookie: await sessionCookieFor(user.id) };
}

async function makeGroup(visibility: "public" | "private", name = `AG ${randomBytes(3).toString("hex")}`) {
  const slug = `ag-${randomBytes(4).toString("hex")}`;
  const [group] = await db.insert(workingGroups).values({ slug, name, focus: "Schwerpunkt", visibility }).returning({ id: workingGroups.id });
  return { id: group!.id, slug, name };
}

async function join(groupId: string, who: Person, role: GroupRole = "member", lastVisitAt: Date | null = null) {
  await db.insert(groupMemberships).values({ groupId, userId: who.id, role, lastVisitAt });
}

async function lastVisit(groupId: string, userId: string) {
  const [row] = await db
    .select({ at: groupMemberships.lastVisitAt })
    .from(groupMemberships)
    .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)));
  return row?.at ?? null;
}

type News = null | { firstVisit: true } | { firstVisit: false; since: string; counts: Record<string, number>; items: { kind: string; id: string; title: string; count?: number; isNew?: boolean }[] };

async function visit(slug: string, who?: Person) {
  const response = await run(withParams(groupLoader, { slug }), getRequest(`/arbeitsgruppen/${slug}`, who ? { cookie: who.cookie } : {}));
  expect(response.status).toBe(200);
  return (await response.json()) as {
    news: News;
    memberCount: number;
    overview: { threads: { title: string }[]; tasks: { title: string }[]; openTaskCount: number; meetings: { title: string }[] };
  };
}

async function thread(groupId: string, title: string, authorId: string | null, createdAt: Date) {
  const [row] = await db.insert(groupThreads).values({ groupId, title, authorId, createdAt, lastPostAt: createdAt, updatedAt: createdAt }).returning({ id: groupThreads.id });
  await db.insert(groupPosts).values({ threadId: row!.id, authorId, body: `${title}: Eröffnung`, createdAt });
  return row!.id;
}

async function reply(threadId: string, authorId: string | null, createdAt: Date, hidden = false) {
  await db.insert(groupPosts).values({ threadId, authorId, body: "Eine Antwort", createdAt, hiddenAt: hidden ? createdAt : null });
}

describe("what is new since the last visit", () => {
  test("the first visit welcomes; it is recorded, and the next visit lists what came after it", async () => {
    const group = await makeGroup("private");
    const member = await person();
    const author = await person();
    await join(group.id, member);
    await join(group.id, author);
    await thread(group.id, "Älteres Thema", author.id, ago(2 * HOUR));

    expect((await visit(group.slug, member)).news).toEqual({ firstVisit: true });
    const recorded = await lastVisit(group.id, member.id);
    expect(recorded).not.toBeNull();

    const again = await visit(group.slug, member);
    expect(again.news).toMatchObject({ firstVisit: false, counts: { total: 0 }, items: [] });
    await thread(group.id, "Brandneues Thema", author.id, ahead(MINUTE));
    const third = await visit(group.slug, member);
    expect(third.news).toMatchObject({ firstVisit: false, counts: { threads: 1, total: 1 }, items: [{ kind: "thread", title: "Brandneues Thema" }] });
  });

  test("counts new threads, replies in older threads, new and changed tasks and meetings — not hidden posts, not the viewer's own, not other groups'", async () => {
    const group = await makeGroup("public");
    const elsewhere = await makeGroup("public");
    const member = await person();
    const other = await person();
    const coordinator = await person();
    await join(group.id, member, "member", ago(HOUR));
    await join(group.id, other);
    await join(group.id, coordinator, "coordinator");

    // Before the last visit: known already.
    const older = await thread(group.id, "Wartelisten Sprachkurse", other.id, ago(3 * HOUR));
    await reply(older, other.id, ago(2 * HOUR));
    const [untouched] = await db
      .insert(groupTasks)
      .values({ groupId: group.id, title: "Unverändert", createdBy: other.id, createdAt: ago(3 * HOUR), updatedAt: ago(3 * HOUR) })
      .returning({ id: groupTasks.id });
    const [changed] = await db
      .insert(groupTasks)
      .values({ groupId: group.id, title: "Geänderte Aufgabe", createdBy: other.id, createdAt: ago(3 * HOUR), updatedAt: ago(10 * MINUTE), status: "in_progress" })
      .returning({ id: groupTasks.id });
    await db.insert(meetings).values({ groupId: group.id, title: "Altes Treffen", startsAt: ahead(24 * HOUR), endsAt: ahead(25 * HOUR), createdAt: ago(3 * HOUR), updatedAt: ago(3 * HOUR) });

    // After it: new to the member.
    await thread(group.id, "Neues Thema von anderen", other.id, ago(30 * MINUTE));
    await thread(group.id, "Eigenes Thema", member.id, ago(30 * MINUTE));
    await reply(older, other.id, ago(20 * MINUTE));
    await reply(older, coordinator.id, ago(15 * MINUTE));
    await reply(older, member.id, ago(12 * MINUTE));
    await reply(older, other.id, ago(10 * MINUTE), true);
    await db.insert(groupTasks).values([
      { groupId: group.id, title: "Neue Aufgabe", createdBy: other.id, createdAt: ago(5 * MINUTE), updatedAt: ago(5 * MINUTE) },
      { groupId: group.id, title: "Eigene Aufgabe", createdBy: member.id, createdAt: ago(5 * MINUTE), updatedAt: ago(5 * MINUTE) },
    ]);
    await db.insert(meetings).values([
      { groupId: group.id, title: "Neues Treffen", startsAt: ahead(48 * HOUR), endsAt: ahead(49 * HOUR), createdBy: coordinator.id, createdAt: ago(MINUTE), updatedAt: ago(MINUTE) },
      { groupId: elsewhere.id, title: "Treffen einer anderen Gruppe", startsAt: ahead(48 * HOUR), endsAt: ahead(49 * HOUR), createdAt: ago(MINUTE), updatedAt: ago(MINUTE) },
    ]);
    await thread(elsewhere.id, "Thema einer anderen Gruppe", other.id, ago(MINUTE));

    const { news } = await visit(group.slug, member);
    expect(news).toMatchObject({ firstVisit: false, counts: { threads: 1, replies: 2, tasks: 2, meetings: 1, total: 6 } });
    if (!news || news.firstVisit) throw new Error("no news");
    expect(news.items.map((item) => [item.kind, item.title])).toEqual([
      ["meeting", "Neues Treffen"],
      ["task", "Neue Aufgabe"],
      ["task", "Geänderte Aufgabe"],
      ["replies", "Wartelisten Sprachkurse"],
      ["thread", "Neues Thema von anderen"],
    ]);
    expect(news.items.find((item) => item.kind === "replies")?.count).toBe(2);
    expect(news.items.find((item) => item.id === changed!.id)?.isNew).toBe(false);
    expect(news.items.some((item) => item.id === untouched!.id)).toBe(false);

    // The visit is recorded: the next one starts from here.
    expect((await visit(group.slug, member)).news).toMatchObject({ counts: { total: 0 } });
  });

  test("a hidden post never counts, even as the only news", async () => {
    const group = await makeGroup("private");
    const member = await person();
    const other = await person();
    await join(group.id, member, "member", ago(HOUR));
    await join(group.id, other);
    const older = await thread(group.id, "Unterbringung Lindach", other.id, ago(2 * HOUR));
    await reply(older, other.id, ago(MINUTE), true);
    expect((await visit(group.slug, member)).news).toMatchObject({ counts: { replies: 0, total: 0 } });
  });

  test("the page again right after one of its forms is no new visit: it keeps the news of the visit it belongs to", async () => {
    const group = await makeGroup("public");
    const member = await person();
    const other = await person();
    const visitedAt = ago(HOUR);
    await join(group.id, member, "member", visitedAt);
    await join(group.id, other);
    await thread(group.id, "Seit dem letzten Besuch", other.id, ago(MINUTE));

    const first = await visit(group.slug, member);
    if (!first.news || first.news.firstVisit) throw new Error("no news");
    expect(first.news.counts.total).toBe(1);
    const seen = await lastVisit(group.id, member.id);
    expect(seen!.getTime()).toBeGreaterThan(visitedAt.getTime());

    // The form sends back when the news began; the action's redirect carries it.
    const since = first.news.since;
    const posted = await run(withParams(groupAction, { slug: group.slug }), formRequest(`/arbeitsgruppen/${group.slug}`, { intent: "join", since }, { cookie: member.cookie }));
    expect(posted.status).toBe(303);
    const location = posted.headers.get("Location")!;
    expect(location).toBe(`/arbeitsgruppen/${group.slug}?seit=${encodeURIComponent(since)}`);

    // The GET after it comes from this page (Referer), with JavaScript or without: no visit is marked.
    const again = async (path: string, referer?: string) => {
      const headers: Record<string, string> = { Cookie: member.cookie };
      if (referer) headers.Referer = referer;
      const response = await run(withParams(groupLoader, { slug: group.slug }), new Request(`http://localhost:3000${path}`, { headers }));
      return ((await response.json()) as { news: News }).news;
    };
    const here = `http://localhost:3000/arbeitsgruppen/${group.slug}`;
    expect(await again(location, here)).toMatchObject({ firstVisit: false, counts: { total: 1 }, items: [{ title: "Seit dem letzten Besuch" }] });
    expect(await again(`${location}&_data=routes%2Farbeitsgruppen.%24slug`, `${here}?seit=x`)).toMatchObject({ counts: { total: 1 } });
    expect((await lastVisit(group.id, member.id))!.getTime()).toBe(seen!.getTime());
    // Coming from this page without the moment (a link to itself): no new visit either.
    expect(await again(`/arbeitsgruppen/${group.slug}`, here)).toMatchObject({ counts: { total: 0 } });
    expect((await lastVisit(group.id, member.id))!.getTime()).toBe(seen!.getTime());

    // The same address opened from elsewhere (a bookmark, another page) is a visit again.
    expect(await again(location, "http://localhost:3000/arbeitsgruppen")).toMatchObject({ counts: { total: 0 } });
    expect((await lastVisit(group.id, member.id))!.getTime()).toBeGreaterThan(seen!.getTime());
  });

  test("people who are not members get no news and leave no visit behind", async () => {
    const group = await makeGroup("public");
    const networkCoordinator = await person("coordinator");
    expect((await visit(group.slug)).news).toBeNull();
    expect((await visit(group.slug, networkCoordinator)).news).toBeNull();
    expect(await db.select().from(groupMemberships).where(eq(groupMemberships.groupId, group.id))).toEqual([]);
  });
});

describe("group page summaries", () => {
  test("latest threads, open tasks and the next meetings that are neither over nor cancelled", async () => {
    const group = await makeGroup("public");
    const author = await person();
    await thread(group.id, "Erstes Thema", author.id, ago(3 * HOUR));
    await thread(group.id, "Zweites Thema", author.id, ago(HOUR));
    await db.insert(groupTasks).values([
      { groupId: group.id, title: "Später fällig", dueDate: "2099-12-01" },
      { groupId: group.id, title: "Bald fällig", dueDate: "2099-01-01", status: "in_progress" },
      { groupId: group.id, title: "Ohne Datum" },
      { groupId: group.id, title: "Schon erledigt", status: "done" },
    ]);
    await db.insert(meetings).values([
      { groupId: group.id, title: "Vorbei", startsAt: ago(3 * HOUR), endsAt: ago(2 * HOUR) },
      { groupId: group.id, title: "Abgesagt", startsAt: ahead(HOUR), endsAt: ahead(2 * HOUR), cancelledAt: new Date() },
      { groupId: group.id, title: "Übermorgen", startsAt: ahead(48 * HOUR), endsAt: ahead(49 * HOUR) },
      { groupId: group.id, title: "Morgen", startsAt: ahead(24 * HOUR), endsAt: ahead(25 * HOUR) },
    ]);
    const { overview } = await visit(group.slug);
    expect(overview.threads.map((entry) => entry.title)).toEqual(["Zweites Thema", "Erstes Thema"]);
    expect(overview.openTaskCount).toBe(3);
    expect(overview.tasks.map((entry) => entry.title)).toEqual(["Bald fällig", "Später fällig", "Ohne Datum"]);
    expect(overview.meetings.map((entry) => entry.title)).toEqual(["Morgen", "Übermorgen"]);
  });
});

describe("start page", () => {
  type Home = {
    signedIn: boolean;
    myGroups: { slug: string; name: string; visited: boolean; news: null | { counts: Record<string, number>; items: { title: string }[] } }[];
    meetings: { title: string; url: string; groupName: string | null }[];
  };
  const home = async (who?: Person) => {
    const response = await run(homeLoader, getRequest("/", who ? { cookie: who.cookie } : {}));
    const text = await response.text();
    return { text, data: JSON.parse(text) as Home };
  };

  test("members see their groups with their news, and the next meetings of their groups and the network", async () => {
    const mine = await makeGroup("private", "Meine geschlossene AG");
    const visitedNever = await makeGroup("public", "Noch nie besucht");
    const foreign = await makeGroup("private", "Fremde geschlossene AG");
    const member = await person();
    const other = await person();
    await join(mine.id, member, "member", ago(HOUR));
    await join(visitedNever.id, member);
    await join(mine.id, other);
    await join(foreign.id, other);
    await thread(mine.id, "Frisch eröffnet", other.id, ago(MINUTE));
    await thread(foreign.id, "Geheimes Thema", other.id, ago(MINUTE));
    await db.insert(meetings).values([
      { groupId: mine.id, title: "Treffen meiner AG", startsAt: ahead(24 * HOUR), endsAt: ahead(25 * HOUR), createdAt: ago(2 * HOUR), updatedAt: ago(2 * HOUR) },
      { groupId: foreign.id, title: "Treffen der fremden AG", startsAt: ahead(2 * HOUR), endsAt: ahead(3 * HOUR) },
      { groupId: null, title: "Netzwerktreffen im Kreishaus", startsAt: ahead(72 * HOUR), endsAt: ahead(74 * HOUR) },
      { groupId: null, title: "Abgesagtes Netzwerktreffen", startsAt: ahead(30 * HOUR), endsAt: ahead(31 * HOUR), cancelledAt: new Date() },
    ]);

    const { text, data } = await home(member);
    expect(data.myGroups.map((group) => [group.name, group.visited])).toEqual([
      ["Meine geschlossene AG", true],
      ["Noch nie besucht", false],
    ]);
    expect(data.myGroups[0]!.news).toMatchObject({ counts: { total: 1 }, items: [{ title: "Frisch eröffnet" }] });
    expect(data.myGroups[1]!.news).toBeNull();
    expect(data.meetings.map((meeting) => meeting.title)).toEqual(["Treffen meiner AG", "Netzwerktreffen im Kreishaus"]);
    expect(data.meetings[0]).toMatchObject({ groupName: "Meine geschlossene AG", url: expect.stringMatching(new RegExp(`^/arbeitsgruppen/${mine.slug}/treffen/`)) });
    expect(data.meetings[1]).toMatchObject({ groupName: null, url: expect.stringMatching(/^\/kalender\/termine\//) });
    for (const secret of ["Fremde geschlossene AG", "Geheimes Thema", "Treffen der fremden AG", foreign.slug]) expect(text).not.toContain(secret);
    // Looking at the start page is not a visit: the news stay until the group page is seen.
    expect((await home(member)).data.myGroups[0]!.news).toMatchObject({ counts: { total: 1 } });

    // A former member of the private group no longer sees anything of it.
    await db.delete(groupMemberships).where(and(eq(groupMemberships.groupId, mine.id), eq(groupMemberships.userId, member.id)));
    const after = await home(member);
    for (const secret of ["Meine geschlossene AG", "Frisch eröffnet", "Treffen meiner AG"]) expect(after.text).not.toContain(secret);
  });

  test("news of several groups at once, each since that group's own last visit", async () => {
    const early = await makeGroup("public", "AG früh besucht");
    const late = await makeGroup("private", "AG spät besucht");
    const member = await person();
    const other = await person();
    await join(early.id, member, "member", ago(3 * HOUR));
    await join(late.id, member, "member", ago(30 * MINUTE));
    await join(early.id, other);
    await join(late.id, other);
    // An hour ago: new for the early visit, known already for the late one.
    await thread(early.id, "Früh: vor einer Stunde", other.id, ago(HOUR));
    await thread(late.id, "Spät: vor einer Stunde", other.id, ago(HOUR));
    const lateOlder = await thread(late.id, "Spät: älteres Thema", other.id, ago(2 * HOUR));
    await reply(lateOlder, other.id, ago(HOUR));
    await reply(lateOlder, other.id, ago(10 * MINUTE));
    await db.insert(groupTasks).values([
      { groupId: early.id, title: "Früh: Aufgabe", createdBy: other.id, createdAt: ago(HOUR), updatedAt: ago(HOUR) },
      { groupId: late.id, title: "Spät: alte Aufgabe", createdBy: other.id, createdAt: ago(HOUR), updatedAt: ago(HOUR) },
      { groupId: late.id, title: "Spät: geänderte Aufgabe", createdBy: other.id, createdAt: ago(HOUR), updatedAt: ago(5 * MINUTE) },
    ]);
    await db.insert(meetings).values({ groupId: late.id, title: "Spät: neues Treffen", startsAt: ahead(HOUR), endsAt: ahead(2 * HOUR), createdAt: ago(MINUTE), updatedAt: ago(MINUTE) });

    const { data } = await home(member);
    const byName = Object.fromEntries(data.myGroups.map((group) => [group.name, group.news]));
    expect(byName["AG früh besucht"]).toMatchObject({ counts: { threads: 1, replies: 0, tasks: 1, meetings: 0, total: 2 } });
    expect(byName["AG früh besucht"]!.items.map((item) => item.title).sort()).toEqual(["Früh: Aufgabe", "Früh: vor einer Stunde"]);
    expect(byName["AG spät besucht"]).toMatchObject({ counts: { threads: 0, replies: 1, tasks: 1, meetings: 1, total: 3 } });
    expect(byName["AG spät besucht"]!.items.map((item) => item.title)).toEqual(["Spät: neues Treffen", "Spät: geänderte Aufgabe", "Spät: älteres Thema"]);
  });

  test("getUpcomingMeetings: a guest sees network events only; a member their groups' meetings, never another private group's", async () => {
    const mine = await makeGroup("private", "Eigene AG");
    const foreign = await makeGroup("private", "Andere geschlossene AG");
    const openGroup = await makeGroup("public", "Offene AG ohne Mitgliedschaft");
    const member = await person();
    await join(mine.id, member);
    const [event, own, secret, open] = await db
      .insert(meetings)
      .values([
        { groupId: null, title: "Netzwerk-Austausch", startsAt: ahead(HOUR), endsAt: ahead(2 * HOUR) },
        { groupId: mine.id, title: "Treffen der eigenen AG", startsAt: ahead(HOUR), endsAt: ahead(2 * HOUR) },
        { groupId: foreign.id, title: "Nur für andere Mitglieder", startsAt: ahead(HOUR), endsAt: ahead(2 * HOUR) },
        { groupId: openGroup.id, title: "Treffen einer offenen AG", startsAt: ahead(HOUR), endsAt: ahead(2 * HOUR) },
      ])
      .returning({ id: meetings.id });
    const guest = await getUpcomingMeetings(null, 500);
    expect(guest.map((meeting) => meeting.id)).toContain(event!.id);
    expect(guest.every((meeting) => meeting.groupSlug === null)).toBe(true);
    const seen = (await getUpcomingMeetings(member.id, 500)).map((meeting) => meeting.id);
    expect(seen).toEqual(expect.arrayContaining([event!.id, own!.id]));
    expect(seen).not.toContain(secret!.id);
    expect(seen).not.toContain(open!.id);
    // Leaving the group takes its meetings away.
    await db.delete(groupMemberships).where(and(eq(groupMemberships.groupId, mine.id), eq(groupMemberships.userId, member.id)));
    expect((await getUpcomingMeetings(member.id, 500)).map((meeting) => meeting.id)).not.toContain(own!.id);
  });

  test("guests see the network-wide events only; an archived group's meetings are gone", async () => {
    const open = await makeGroup("public", "Offene AG mit Treffen");
    const archived = await makeGroup("private", "Archivierte AG");
    const member = await person();
    await join(archived.id, member);
    await db.insert(meetings).values([
      { groupId: open.id, title: "Treffen der offenen AG", startsAt: ahead(5 * HOUR), endsAt: ahead(6 * HOUR) },
      { groupId: archived.id, title: "Treffen der archivierten AG", startsAt: ahead(5 * HOUR), endsAt: ahead(6 * HOUR) },
      { groupId: null, title: "Fachtag Integration", startsAt: ahead(6 * HOUR), endsAt: ahead(8 * HOUR) },
    ]);
    await db.update(workingGroups).set({ archivedAt: new Date() }).where(eq(workingGroups.id, archived.id));
    const guest = await home();
    expect(guest.data.signedIn).toBe(false);
    expect(guest.data.myGroups).toEqual([]);
    expect(guest.data.meetings.map((meeting) => meeting.title)).toContain("Fachtag Integration");
    expect(guest.text).not.toContain("Treffen der offenen AG");
    expect(guest.text).not.toContain("Archivierte AG");
    const former = await home(member);
    expect(former.data.myGroups).toEqual([]);
    expect(former.text).not.toContain("Treffen der archivierten AG");
  });
});
