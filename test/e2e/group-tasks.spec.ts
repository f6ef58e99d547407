import { eq } from "drizzle-orm";
import type { Browser, BrowserContext } from "playwright-core";
import { db } from "#db/client";
import { groupMemberships, groupTasks, workingGroups } from "#db/schema";
import { createTestUser, sessionCookieFor } from "#test/factories";
import { baseUrl, expectNoAxeViolations, launchBrowser, newContext } from "./browser";

const GROUP = "sprache-bildung";
const BOARD = `/arbeitsgruppen/${GROUP}/aufgaben`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A new member of the demo group "Sprache & Bildung", signed in in a new browser context. */
async function signedInMember(displayName: string, javaScriptEnabled: boolean): Promise<BrowserContext> {
  const user = await createTestUser({ displayName });
  const [group] = await db.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.slug, GROUP));
  await db.insert(groupMemberships).values({ groupId: group!.id, userId: user.id, role: "member" });
  const context = await newContext(browser, { javaScriptEnabled });
  const [name, value] = (await sessionCookieFor(user.id)).split("=");
  await context.addCookies([{ name: name!, value: value!, url: baseUrl() }]);
  return context;
}

test("without JavaScript a member creates a task, moves it to In Arbeit and Erledigt and finds it under “meine”", async () => {
  const context = await signedInMember("Greta Lindner", false);
  const page = await context.newPage();
  const title = "Elternabend Grundschule Weidenfeld vorbereiten";

  await page.goto(BOARD);
  await page.getByRole("link", { name: "Neue Aufgabe" }).click();
  await page.waitForURL(`**${BOARD}/neu`);

  // A missing title is named at the field; what was typed stays.
  await page.getByLabel("Beschreibung").fill("Dolmetschende für Arabisch anfragen.");
  await page.getByRole("button", { name: "Aufgabe anlegen" }).click();
  await expect.poll(() => page.getByText("Bitte füllen Sie dieses Feld aus.").count()).toBe(1);
  expect(await page.getByLabel("Titel").getAttribute("aria-invalid")).toBe("true");
  expect(await page.getByLabel("Beschreibung").inputValue()).toBe("Dolmetschende für Arabisch anfragen.");

  await page.getByLabel("Titel").fill(title);
  await page.getByRole("checkbox", { name: "Greta Lindner" }).check();
  await page.getByLabel("Fällig am").fill("2031-03-14");
  await page.getByRole("button", { name: "Aufgabe anlegen" }).click();
  await page.waitForURL(new RegExp(`${BOARD}/[0-9a-f-]{36}$`));
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
  expect(await page.getByText("Greta Lindner").count()).toBeGreaterThan(0);

  await page.getByRole("link", { name: "Alle Aufgaben: Sprache & Bildung" }).click();
  await page.waitForURL(`**${BOARD}`);
  const column = (name: string) => page.getByRole("region", { name: new RegExp(`^${name}`) });
  const card = (name: string) => column(name).locator(".task-card", { hasText: title });
  expect(await card("Offen").count()).toBe(1);

  await card("Offen").getByRole("button", { name: "In Arbeit" }).click();
  await expect.poll(() => card("In Arbeit").count()).toBe(1);
  expect(await card("Offen").count()).toBe(0);

  await card("In Arbeit").getByRole("button", { name: "Erledigt" }).click();
  await expect.poll(() => card("Erledigt").count()).toBe(1);
  expect(await card("In Arbeit").count()).toBe(0);

  await page.getByLabel("Nur meine Aufgaben").check();
  await page.getByRole("button", { name: "Filter anwenden" }).click();
  await page.waitForURL((url) => url.searchParams.getAll("filter").includes("meine"));
  // The demo group has many tasks; this member has exactly one.
  expect(await page.locator(".task-card").allTextContents()).toEqual([expect.stringContaining(title)]);
  expect(await page.getByLabel("Nur meine Aufgaben").isChecked()).toBe(true);
  await context.close();
});

test("with JavaScript a task moves to its new column at once, before the move is saved, and is saved then", async () => {
  const context = await signedInMember("Lea Sofort", true);
  const page = await context.newPage();
  const title = "Räume für die Sommerkurse anfragen";
  const [group] = await db.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.slug, GROUP));
  const [task] = await db.insert(groupTasks).values({ groupId: group!.id, title }).returning({ id: groupTasks.id });
  await page.goto(BOARD);
  await page.waitForLoadState("networkidle");
  const column = (name: string) => page.getByRole("region", { name: new RegExp(`^${name}`) });
  const card = (name: string) => column(name).locator(".task-card", { hasText: title });
  expect(await card("Offen").count()).toBe(1);

  // The move is held on its way: what shows meanwhile is the page's own doing.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    (url) => url.pathname === BOARD,
    async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    },
  );
  await card("Offen").getByRole("button", { name: "In Arbeit" }).click();
  await expect.poll(() => card("In Arbeit").count()).toBe(1);
  expect(await card("Offen").count()).toBe(0);
  const status = async () => (await db.select({ status: groupTasks.status }).from(groupTasks).where(eq(groupTasks.id, task!.id)))[0]?.status;
  expect(await status()).toBe("open");

  release();
  await expect.poll(() => page.getByText("Der Status der Aufgabe ist geändert.").count()).toBe(1);
  expect(await status()).toBe("in_progress");
  expect(await card("In Arbeit").count()).toBe(1);

  // In a list filtered by status the task leaves at once, and its move is still saved and shown.
  await page.unrouteAll();
  await page.goto(`${BOARD}?status=in-arbeit`);
  await page.waitForLoadState("networkidle");
  await card("In Arbeit").getByRole("button", { name: "Erledigt" }).click();
  await expect.poll(() => page.getByText("Der Status der Aufgabe ist geändert.").count()).toBe(1);
  expect(await status()).toBe("done");
  expect(await card("In Arbeit").count()).toBe(0);
  expect(new URL(page.url()).search).toBe("?status=in-arbeit");
  await context.close();
});

test("board and list have no axe violations, for a member and for a guest", async () => {
  const context = await signedInMember("Jonas Keller", true);
  const page = await context.newPage();
  await page.goto(BOARD);
  await expectNoAxeViolations(page);
  // The demo tasks include overdue ones, marked as such.
  expect(await page.locator(".badge--overdue").count()).toBeGreaterThan(0);
  // A task that came from the Open Mic carries the topic's number.
  expect(await page.locator(".task-card .badge", { hasText: /^Anliegen \d+$/ }).count()).toBeGreaterThan(0);
  await page.getByRole("navigation", { name: "Ansicht" }).getByRole("link", { name: "Liste", exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get("ansicht") === "liste");
  await expect.poll(() => page.locator("table.task-table").count()).toBe(1);
  await expectNoAxeViolations(page);
  await page.getByLabel("Status").selectOption("offen");
  await page.getByRole("button", { name: "Filter anwenden" }).click();
  await page.waitForURL((url) => url.searchParams.get("status") === "offen" && url.searchParams.get("ansicht") === "liste");
  await expectNoAxeViolations(page);
  await page.locator("table.task-table tbody a").first().click();
  await page.waitForURL(new RegExp(`${BOARD}/[0-9a-f-]{36}$`));
  await expectNoAxeViolations(page);
  await page.goto(`${BOARD}/neu`);
  await expectNoAxeViolations(page);
  await context.close();

  const guest = await newContext(browser);
  const guestPage = await guest.newPage();
  await guestPage.goto(BOARD);
  await expectNoAxeViolations(guestPage);
  expect(await guestPage.getByRole("button", { name: "In Arbeit" }).count()).toBe(0);
  // The private group's tasks are a page that does not exist.
  const hidden = await guestPage.goto("/arbeitsgruppen/ankommen-wohnen/aufgaben");
  expect(hidden?.status()).toBe(404);
  expect(await guestPage.title()).not.toContain("Ankommen");
  await guest.close();
});
