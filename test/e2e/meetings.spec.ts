import { and, asc, eq, gt, isNotNull, isNull, lt, ne } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { addDays, berlinDate, berlinWallTimeToUtc } from "#app/modules/calendar/berlin-time";
import { db } from "#db/client";
import { groupMemberships, groupTasks, meetingAttendance, meetings, topics, workingGroups } from "#db/schema";
import { createTestUser, sessionCookieFor } from "#test/factories";
import { baseUrl, expectNoAxeViolations, launchBrowser, newContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const GROUP = "sprache-bildung";

async function groupId(): Promise<string> {
  const [group] = await db.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.slug, GROUP));
  return group!.id;
}

async function signedInPage(userId: string, javaScriptEnabled: boolean) {
  const context = await newContext(browser, { javaScriptEnabled });
  const [name, value] = (await sessionCookieFor(userId)).split("=");
  await context.addCookies([{ name: name!, value: value!, url: baseUrl() }]);
  return { context, page: await context.newPage() };
}

test("without JavaScript: a coordinator plans a meeting, a member says zusagen and, after the meeting, writes the minutes", async () => {
  const id = await groupId();
  const coordinator = await createTestUser({ displayName: "Erika Planer" });
  const member = await createTestUser({ displayName: "Paul Zusager" });
  await db.insert(groupMemberships).values([
    { groupId: id, userId: coordinator.id, role: "coordinator" },
    { groupId: id, userId: member.id, role: "member" },
  ]);

  // The coordinator plans it for tomorrow evening, Berlin time.
  const day = addDays(berlinDate(new Date()), 1);
  const planner = await signedInPage(coordinator.id, false);
  await planner.page.goto(`/arbeitsgruppen/${GROUP}/treffen`);
  await planner.page.getByRole("link", { name: "Neues Treffen" }).click();
  await planner.page.waitForURL("**/treffen/neu");
  await planner.page.getByLabel("Titel", { exact: true }).fill("Abstimmung Sommerkurse");
  await planner.page.getByLabel("Beginn", { exact: true }).fill(`${day}T18:00`);
  await planner.page.getByLabel("Ende", { exact: true }).fill(`${day}T17:00`);
  await planner.page.getByLabel("Ort", { exact: true }).fill("VHS Auental, Raum 2.04");
  await planner.page.getByLabel("Tagesordnung", { exact: true }).fill("- Sommerkurse\n- Räume");
  await planner.page.getByRole("button", { name: "Treffen anlegen" }).click();
  // A mistake is answered at the field; what was typed stays.
  await expect.poll(() => planner.page.getByText("Das Ende muss nach dem Beginn liegen.").count()).toBe(1);
  expect(await planner.page.getByLabel("Ort", { exact: true }).inputValue()).toBe("VHS Auental, Raum 2.04");
  await planner.page.getByLabel("Ende", { exact: true }).fill(`${day}T19:30`);
  await planner.page.getByRole("button", { name: "Treffen anlegen" }).click();
  await planner.page.waitForURL(/\/treffen\/[0-9a-f-]{36}$/);
  expect(await planner.page.getByRole("heading", { level: 1 }).textContent()).toBe("Abstimmung Sommerkurse");
  const meetingUrl = new URL(planner.page.url()).pathname;
  const meetingId = meetingUrl.split("/").pop()!;
  const [row] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  expect(row!.startsAt.toISOString()).toBe(berlinWallTimeToUtc(`${day}T18:00`)!.toISOString());
  await planner.context.close();

  // The member says yes.
  const attendee = await signedInPage(member.id, false);
  await attendee.page.goto(meetingUrl);
  await attendee.page.getByRole("button", { name: "Zusagen" }).click();
  await expect.poll(() => attendee.page.getByText("Sie haben zugesagt.").count()).toBe(1);
  expect(await attendee.page.locator(".meeting__attendance").textContent()).toContain("Paul Zusager");
  expect(await attendee.page.getByRole("textbox", { name: "Protokoll", exact: true }).count()).toBe(0);

  // Time passes: the meeting has taken place.
  const now = Date.now();
  await db
    .update(meetings)
    .set({ startsAt: new Date(now - 2 * 60 * 60 * 1000), endsAt: new Date(now - 30 * 60 * 1000) })
    .where(eq(meetings.id, meetingId));
  await attendee.page.goto(meetingUrl);
  await attendee.page.getByRole("textbox", { name: "Protokoll", exact: true }).fill("**Beschluss:** Zwei Sommerkurse in Weidenfeld.");
  await attendee.page.getByRole("button", { name: "Protokoll speichern" }).click();
  await expect.poll(() => attendee.page.locator(".meeting__minutes strong", { hasText: "Beschluss:" }).count()).toBe(1);
  expect(await attendee.page.locator(".meeting__minutes").textContent()).toContain("Protokoll: Paul Zusager");
  const taskLink = await attendee.page.getByRole("link", { name: "Aufgabe aus diesem Treffen anlegen" }).getAttribute("href");
  expect(taskLink).toMatch(new RegExp(`^/arbeitsgruppen/${GROUP}/aufgaben/neu\\?beschreibung=Beschluss`));
  const [saved] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  expect(saved!.minutesBy).toBe(member.id);

  // The personal calendar link, shown once on a page no cache keeps.
  await attendee.page.goto("/kalender");
  const [shown] = await Promise.all([
    attendee.page.waitForResponse((response) => new URL(response.url()).pathname === "/kalender" && response.request().method() === "GET"),
    attendee.page.getByRole("button", { name: "Kalender-Link erstellen" }).click(),
  ]);
  expect(shown.headers()["cache-control"]).toBe("private, no-store");
  expect(await attendee.page.getByLabel("Ihr persönlicher Kalender-Link").inputValue()).toMatch(/\/kalender\/privat\/[A-Za-z0-9_-]{43}\/kalender\.ics$/);
  await attendee.page.reload();
  expect(await attendee.page.getByLabel("Ihr persönlicher Kalender-Link").count()).toBe(0);
  await attendee.context.close();
});

test("the calendar and meeting pages pass axe-core (with JavaScript)", async () => {
  const id = await groupId();
  const member = await createTestUser({ displayName: "Ada Axe" });
  await db.insert(groupMemberships).values({ groupId: id, userId: member.id, role: "member" });

  const guest = await newContext(browser);
  const guestPage = await guest.newPage();
  await guestPage.goto("/kalender");
  await expect.poll(() => guestPage.getByText("Monatlicher Online-Austausch des Netzwerks").count()).toBeGreaterThan(0);
  await expectNoAxeViolations(guestPage);
  await guest.close();

  const { context, page } = await signedInPage(member.id, true);
  await page.goto("/kalender");
  await page.getByRole("button", { name: "Kalender-Link erstellen" }).click();
  await expect.poll(() => page.getByLabel("Ihr persönlicher Kalender-Link").count()).toBe(1);
  expect(await page.getByLabel("Ihr persönlicher Kalender-Link").inputValue()).toMatch(/\/kalender\/privat\/[A-Za-z0-9_-]{43}\/kalender\.ics$/);
  await expectNoAxeViolations(page);

  // An upcoming seeded meeting (answers, agenda) and a past one (minutes, the minutes form).
  const [upcoming] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.groupId, id), gt(meetings.startsAt, new Date()), ne(meetings.agenda, "")))
    .orderBy(asc(meetings.startsAt))
    .limit(1);
  const [past] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.groupId, id), lt(meetings.endsAt, new Date()), ne(meetings.minutes, "")))
    .limit(1);
  await page.goto(`/arbeitsgruppen/${GROUP}/treffen/${upcoming!.id}`);
  await page.getByRole("button", { name: "Absagen" }).click();
  await expect.poll(() => page.getByText("Sie haben abgesagt.").count()).toBe(1);
  await expectNoAxeViolations(page);
  await page.goto(`/arbeitsgruppen/${GROUP}/treffen/${past!.id}`);
  await expect.poll(() => page.getByRole("textbox", { name: "Protokoll", exact: true }).count()).toBe(1);
  await expectNoAxeViolations(page);
  await page.goto(`/arbeitsgruppen/${GROUP}/treffen`);
  await expectNoAxeViolations(page);
  const [event] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(isNull(meetings.groupId), gt(meetings.startsAt, new Date())))
    .limit(1);
  await page.goto(`/kalender/termine/${event!.id}`);
  await expect.poll(() => page.getByRole("link", { name: "Termin herunterladen (.ics)" }).count()).toBe(1);
  await expectNoAxeViolations(page);
  await context.close();
});

test("with JavaScript: zusagen shows at once, before the answer is saved, and is saved then", async () => {
  const id = await groupId();
  const member = await createTestUser({ displayName: "Olga Sofort" });
  await db.insert(groupMemberships).values({ groupId: id, userId: member.id, role: "member" });
  const meetingId = await upcomingMeeting(id, "Sofort zugesagt");
  const meetingUrl = `/arbeitsgruppen/${GROUP}/treffen/${meetingId}`;
  const { context, page } = await signedInPage(member.id, true);
  await page.goto(meetingUrl);
  await page.waitForLoadState("networkidle");
  expect(await page.getByText("Sie haben noch nicht geantwortet.").count()).toBe(1);

  // The answer is held on its way: what shows meanwhile is the page's own doing.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    (url) => url.pathname === meetingUrl,
    async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    },
  );
  await page.getByRole("button", { name: "Zusagen" }).click();
  await expect.poll(() => page.getByText("Sie haben zugesagt.").count()).toBe(1);
  expect(await db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId))).toEqual([]);

  release();
  await expect.poll(() => page.getByText("Ihre Antwort ist gespeichert.").count()).toBe(1);
  expect(await page.locator(".meeting__attendance").textContent()).toContain("Olga Sofort");
  const rows = await db.select({ userId: meetingAttendance.userId, response: meetingAttendance.response }).from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));
  expect(rows).toEqual([{ userId: member.id, response: "yes" }]);
  await context.close();
});

/** The demo topic handed to the group that is still waiting there ("an Arbeitsgruppe übergeben"). */
async function routedTopic(groupIdValue: string) {
  const [topic] = await db
    .select({ id: topics.id, title: topics.title })
    .from(topics)
    .where(and(eq(topics.routedGroupId, groupIdValue), eq(topics.status, "routed"), isNotNull(topics.approvedAt), isNull(topics.hiddenAt), isNull(topics.mergedIntoId)))
    .orderBy(asc(topics.id))
    .limit(1);
  return topic!;
}

async function upcomingMeeting(groupIdValue: string, title: string) {
  const startsAt = new Date(Math.round((Date.now() + 3 * 24 * 60 * 60 * 1000) / 60_000) * 60_000);
  const [row] = await db
    .insert(meetings)
    .values({ groupId: groupIdValue, title, startsAt, endsAt: new Date(startsAt.getTime() + 90 * 60 * 1000), place: "VHS Auental, Raum 1.12", agenda: "- Begrüßung\n- Berichte" })
    .returning({ id: meetings.id });
  return row!.id;
}

test("without JavaScript: a coordinator puts a routed Open Mic topic on the agenda; after the meeting the decision goes back to the topic", async () => {
  const id = await groupId();
  const topic = await routedTopic(id);
  // Network coordination that also coordinates the group: it may answer topics and plan meetings.
  const coordinator = await createTestUser({ role: "coordinator", displayName: "Rita Runde" });
  const member = await createTestUser({ displayName: "Tom Tagesordnung" });
  await db.insert(groupMemberships).values([
    { groupId: id, userId: coordinator.id, role: "coordinator" },
    { groupId: id, userId: member.id, role: "member" },
  ]);
  const meetingId = await upcomingMeeting(id, "Anliegen aus dem Open Mic besprechen");
  const meetingUrl = `/arbeitsgruppen/${GROUP}/treffen/${meetingId}`;
  const label = `Anliegen ${topic.id}: ${topic.title}`;

  const planner = await signedInPage(coordinator.id, false);
  await planner.page.goto(meetingUrl);
  const offer = planner.page.getByRole("region", { name: "Anliegen aus dem Open Mic für die Tagesordnung" });
  const item = offer.locator(".meeting-topic", { hasText: label });
  expect(await item.count()).toBe(1);
  await item.getByRole("button", { name: /^Auf die Tagesordnung/ }).click();
  await expect.poll(() => planner.page.getByText("Das Anliegen steht jetzt auf der Tagesordnung.").count()).toBe(1);
  const agenda = planner.page.getByRole("region", { name: "Tagesordnung", exact: true });
  const link = agenda.getByRole("link", { name: label });
  expect(await link.count()).toBe(1);
  expect(new URL((await link.getAttribute("href"))!, planner.page.url()).pathname).toBe(`/open-mic/${topic.id}`);
  expect(await agenda.getByRole("listitem").allTextContents()).toEqual(["Begrüßung", "Berichte", label]);
  // It is no longer offered; the row says so too.
  expect(await offer.locator(".meeting-topic", { hasText: label }).count()).toBe(0);
  const [row] = await db.select({ agenda: meetings.agenda, sequence: meetings.sequence }).from(meetings).where(eq(meetings.id, meetingId));
  expect(row!.agenda.split(`(/open-mic/${topic.id})`).length - 1).toBe(1);
  expect(row!.sequence).toBe(1);
  await link.click();
  await planner.page.waitForURL(`**/open-mic/${topic.id}`);
  expect(await planner.page.getByRole("heading", { level: 1 }).textContent()).toContain(topic.title);

  // The meeting has taken place: the coordinator answers on the topic, with the answer begun.
  const now = Date.now();
  await db
    .update(meetings)
    .set({ startsAt: new Date(now - 2 * 60 * 60 * 1000), endsAt: new Date(now - 30 * 60 * 1000) })
    .where(eq(meetings.id, meetingId));
  await planner.page.goto(meetingUrl);
  const decisions = planner.page.getByRole("region", { name: "Beschlüsse zu Anliegen" });
  await decisions.getByRole("link", { name: /^Status des Anliegens ändern/ }).click();
  await planner.page.waitForURL((url) => url.pathname === `/open-mic/${topic.id}/status`);
  const answer = planner.page.getByLabel("Antwort der Koordination (öffentlich sichtbar)");
  expect(await answer.inputValue()).toMatch(/^Beschluss aus dem Treffen der Arbeitsgruppe „Sprache & Bildung“ am \d{1,2}\. \S+ \d{4}: $/);
  await planner.context.close();

  // A member makes a task of the decision, linked to the topic.
  const attendee = await signedInPage(member.id, false);
  await attendee.page.goto(meetingUrl);
  const box = attendee.page.getByRole("region", { name: "Beschlüsse zu Anliegen" });
  expect(await box.getByRole("link", { name: /^Status des Anliegens ändern/ }).count()).toBe(0);
  await box.getByRole("link", { name: /^Aufgabe zu diesem Anliegen anlegen/ }).click();
  await attendee.page.waitForURL((url) => url.pathname === `/arbeitsgruppen/${GROUP}/aufgaben/neu`);
  expect(await attendee.page.getByLabel("Anliegen aus dem Open Mic").inputValue()).toBe(String(topic.id));
  expect(await attendee.page.getByLabel("Titel").inputValue()).toBe(topic.title.slice(0, 200));
  expect(await attendee.page.getByLabel("Beschreibung").inputValue()).toMatch(new RegExp(`^Beschluss aus dem Treffen am .+ zu Anliegen ${topic.id}:$`));
  await attendee.page.getByLabel("Titel").fill("Beschluss umsetzen: Wartelisten abgleichen");
  await attendee.page.getByRole("button", { name: "Aufgabe anlegen" }).click();
  await attendee.page.waitForURL(new RegExp(`/aufgaben/[0-9a-f-]{36}$`));
  const taskLink = attendee.page.getByRole("link", { name: `Anliegen ${topic.id} – ${topic.title}` });
  expect(await taskLink.count()).toBe(1);
  expect(await taskLink.getAttribute("href")).toBe(`/open-mic/${topic.id}`);
  const taskId = new URL(attendee.page.url()).pathname.split("/").pop()!;
  const [task] = await db.select({ topicId: groupTasks.topicId }).from(groupTasks).where(eq(groupTasks.id, taskId));
  expect(task!.topicId).toBe(topic.id);
  await attendee.context.close();
});

test("the Open Mic boxes of a meeting page and the task form with a topic pass axe-core (with JavaScript)", async () => {
  const id = await groupId();
  const topic = await routedTopic(id);
  const coordinator = await createTestUser({ role: "coordinator", displayName: "Axel Anliegen" });
  await db.insert(groupMemberships).values({ groupId: id, userId: coordinator.id, role: "coordinator" });
  const meetingId = await upcomingMeeting(id, "Treffen mit Anliegen");
  const { context, page } = await signedInPage(coordinator.id, true);
  await page.goto(`/arbeitsgruppen/${GROUP}/treffen/${meetingId}`);
  await expect.poll(() => page.getByRole("region", { name: "Anliegen aus dem Open Mic für die Tagesordnung" }).count()).toBe(1);
  await expectNoAxeViolations(page);
  const item = page.locator(".meeting-topic", { hasText: `Anliegen ${topic.id}: ` });
  await item.getByRole("button", { name: /^Auf die Tagesordnung/ }).click();
  await expect
    .poll(() =>
      page
        .getByRole("region", { name: "Tagesordnung", exact: true })
        .getByRole("link", { name: `Anliegen ${topic.id}: ${topic.title}` })
        .count(),
    )
    .toBe(1);
  const now = Date.now();
  await db
    .update(meetings)
    .set({ startsAt: new Date(now - 60 * 60 * 1000), endsAt: new Date(now + 30 * 60 * 1000) })
    .where(eq(meetings.id, meetingId));
  await page.reload();
  await expect.poll(() => page.getByRole("region", { name: "Beschlüsse zu Anliegen" }).count()).toBe(1);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: /^Aufgabe zu diesem Anliegen anlegen/ }).click();
  await page.waitForURL((url) => url.pathname.endsWith("/aufgaben/neu"));
  await expect.poll(() => page.getByLabel("Anliegen aus dem Open Mic").inputValue()).toBe(String(topic.id));
  await expectNoAxeViolations(page);
  await context.close();
});
