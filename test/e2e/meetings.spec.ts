import { and, asc, eq, gt, isNull, lt, ne } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { addDays, berlinDate, berlinWallTimeToUtc } from "../../app/modules/calendar/berlin-time";
import { db } from "../../db/client";
import { groupMemberships, meetings, workingGroups } from "../../db/schema";
import { createTestUser, sessionCookieFor } from "../factories";
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
  const [upcoming] = await db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.groupId, id), gt(meetings.startsAt, new Date()), ne(meetings.agenda, ""))).orderBy(asc(meetings.startsAt)).limit(1);
  const [past] = await db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.groupId, id), lt(meetings.endsAt, new Date()), ne(meetings.minutes, ""))).limit(1);
  await page.goto(`/arbeitsgruppen/${GROUP}/treffen/${upcoming!.id}`);
  await page.getByRole("button", { name: "Absagen" }).click();
  await expect.poll(() => page.getByText("Sie haben abgesagt.").count()).toBe(1);
  await expectNoAxeViolations(page);
  await page.goto(`/arbeitsgruppen/${GROUP}/treffen/${past!.id}`);
  await expect.poll(() => page.getByRole("textbox", { name: "Protokoll", exact: true }).count()).toBe(1);
  await expectNoAxeViolations(page);
  await page.goto(`/arbeitsgruppen/${GROUP}/treffen`);
  await expectNoAxeViolations(page);
  const [event] = await db.select({ id: meetings.id }).from(meetings).where(and(isNull(meetings.groupId), gt(meetings.startsAt, new Date()))).limit(1);
  await page.goto(`/kalender/termine/${event!.id}`);
  await expect.poll(() => page.getByRole("link", { name: "Termin herunterladen (.ics)" }).count()).toBe(1);
  await expectNoAxeViolations(page);
  await context.close();
});
