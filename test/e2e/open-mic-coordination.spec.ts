import { eq } from "drizzle-orm";
import type { Browser, BrowserContext } from "playwright-core";
import { db } from "#db/client";
import { groupTasks, topics, topicStatusChanges } from "#db/schema";
import { createTestUser, sessionCookieFor } from "#test/factories";
import { baseUrl, expectNoAxeViolations, launchBrowser, newContext, waitForMail } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(role: "coordinator" | "member", javaScriptEnabled: boolean): Promise<BrowserContext> {
  const user = await createTestUser({ role, displayName: role === "coordinator" ? "Ida Koordination" : "Max Mitglied" });
  const context = await newContext(browser, { javaScriptEnabled });
  const [name, value] = (await sessionCookieFor(user.id)).split("=");
  await context.addCookies([{ name: name!, value: value!, url: baseUrl() }]);
  return context;
}

test("without JavaScript: a guest raises a topic, a coordinator approves, answers and routes it with a task, the group lists the task", async () => {
  const title = "Sprechstunde der Ausländerbehörde auch in Weidenfeld";

  // A guest, without an account, with an address for the answer.
  const guest = await newContext(browser, { javaScriptEnabled: false });
  const guestPage = await guest.newPage();
  await guestPage.goto("/open-mic/neu");
  await guestPage.getByLabel("Titel", { exact: true }).fill(title);
  await guestPage.getByLabel("Themenfeld").selectOption({ label: "Aufenthalt & Recht" });
  await guestPage.getByLabel("Ihr Anliegen").fill("Für Termine bei der Ausländerbehörde fahren viele eine Stunde nach Auenstadt. Eine Sprechstunde einmal im Monat in Weidenfeld würde helfen.");
  await guestPage.getByLabel("E-Mail-Adresse für die Antwort").fill("gast-weidenfeld@test.example");
  // The form refuses posts made faster than a person types.
  await guestPage.waitForTimeout(3_500);
  await guestPage.getByRole("button", { name: "Anliegen einreichen" }).click();
  await guestPage.waitForURL((url) => url.pathname === "/open-mic/neu" && url.searchParams.get("eingereicht") === "1");
  const [topic] = await db.select({ id: topics.id, approvedAt: topics.approvedAt }).from(topics).where(eq(topics.title, title));
  expect(topic).toMatchObject({ approvedAt: null });
  const topicUrl = `/open-mic/${topic!.id}`;
  expect((await guestPage.goto(topicUrl))?.status()).toBe(404);

  // The coordinator finds it in the queue and approves it.
  const coordination = await signedIn("coordinator", false);
  const page = await coordination.newPage();
  await page.goto("/open-mic/moderation");
  const card = page.locator(".om-queue__item", { hasText: title });
  expect(await card.count()).toBe(1);
  await card.getByRole("button", { name: `Anliegen ${topic!.id} freigeben` }).click();
  await page.waitForURL("**/open-mic/moderation");
  await expect.poll(() => page.getByText("Das Anliegen ist freigegeben.").count()).toBe(1);
  expect(await page.locator(".om-queue__item", { hasText: title }).count()).toBe(0);
  expect((await guestPage.goto(topicUrl))?.status()).toBe(200);

  // An answer: without a text it comes back with the error and what was typed.
  await page.goto(`${topicUrl}/status`);
  await page.getByLabel("beantwortet", { exact: true }).check();
  await page.getByRole("button", { name: "Status ändern und Antwort veröffentlichen" }).click();
  await expect.poll(() => page.getByText("Bitte schreiben Sie eine Antwort.", { exact: false }).count()).toBe(1);
  expect(await page.getByLabel("Antwort der Koordination (öffentlich sichtbar)").getAttribute("aria-invalid")).toBe("true");
  expect(await page.getByLabel("beantwortet", { exact: true }).isChecked()).toBe(true);
  const answer = "Die Ausländerbehörde prüft eine monatliche Sprechstunde in Weidenfeld. Bis dahin hilft die Migrationsberatung bei der Terminbuchung.";
  await page.getByLabel("Antwort der Koordination (öffentlich sichtbar)").fill(answer);
  await page.getByLabel("Elektronischer Aufenthaltstitel (eAT)", { exact: false }).check();
  await page.getByRole("button", { name: "Status ändern und Antwort veröffentlichen" }).click();
  await page.waitForURL(`**${topicUrl}`);
  // The guest gets the answer by mail.
  expect(await waitForMail("gast-weidenfeld@test.example", 30_000)).toContain("monatliche Sprechstunde");

  // Then handed to a working group, with a task there.
  await page.goto(`${topicUrl}/status`);
  await page.getByLabel("an Arbeitsgruppe übergeben", { exact: true }).check();
  await page.getByLabel("Antwort der Koordination (öffentlich sichtbar)").fill("Die AG Sprache & Bildung klärt mit der Ausländerbehörde eine Sprechstunde in Weidenfeld.");
  await page.getByLabel("Arbeitsgruppe", { exact: true }).selectOption({ label: "Sprache & Bildung" });
  await page.getByLabel("Aufgabe in der Arbeitsgruppe anlegen").check();
  const taskTitle = "Sprechstunde Ausländerbehörde Weidenfeld klären";
  await page.getByLabel("Titel der Aufgabe").fill(taskTitle);
  await page.getByRole("button", { name: "Status ändern und Antwort veröffentlichen" }).click();
  await page.waitForURL(`**${topicUrl}`);

  const changes = await db.select({ to: topicStatusChanges.toStatus }).from(topicStatusChanges).where(eq(topicStatusChanges.topicId, topic!.id)).orderBy(topicStatusChanges.createdAt);
  expect(changes.map((change) => change.to)).toEqual(["answered", "routed"]);
  const [task] = await db.select({ id: groupTasks.id }).from(groupTasks).where(eq(groupTasks.topicId, topic!.id));
  expect(task).toBeDefined();

  // The group sees the task.
  await page.goto("/arbeitsgruppen/sprache-bildung/aufgaben");
  expect(await page.locator(".task-card", { hasText: taskTitle }).count()).toBe(1);
  await page.goto(`/arbeitsgruppen/sprache-bildung/aufgaben/${task!.id}`);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(taskTitle);

  // The history of the topic shows both steps.
  await page.goto(`${topicUrl}/status`);
  expect(await page.locator(".om-history__entry").count()).toBe(2);
  await guest.close();
  await coordination.close();
});

test("the coordination pages have no axe violations and are closed to members", async () => {
  const coordination = await signedIn("coordinator", true);
  const page = await coordination.newPage();
  await page.goto("/open-mic/moderation");
  // The demo data: two guests' topics waiting, a flagged reply with personal data marked where found.
  await expect.poll(() => page.locator(".om-queue__item").count()).toBeGreaterThanOrEqual(3);
  expect(await page.locator(".moderation-text__finding").count()).toBeGreaterThan(0);
  await expectNoAxeViolations(page);
  const [pending] = await db.select({ id: topics.id }).from(topics).where(eq(topics.title, "Keine Termine bei der Ausländerbehörde online buchbar"));
  for (const path of [`/open-mic/${pending!.id}/moderieren`, `/open-mic/${pending!.id}/moderieren?datenschutz=1`, "/open-mic/moderation/protokoll", "/open-mic/wiedervorlage"]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  const [routed] = await db.select({ id: topics.id }).from(topics).where(eq(topics.title, "Wartezeiten für Integrationskurse in Weidenfeld"));
  await page.goto(`/open-mic/${routed!.id}/status`);
  // The filter narrows the list of services while typing.
  await page.getByLabel("Angebote filtern").fill("Integrationskurs mit Alpha");
  await expect.poll(() => page.locator(".service-picker__list li:visible").count()).toBe(1);
  await expectNoAxeViolations(page);
  await coordination.close();

  const member = await signedIn("member", true);
  const memberPage = await member.newPage();
  for (const path of ["/open-mic/moderation", "/open-mic/wiedervorlage", `/open-mic/${routed!.id}/status`]) expect((await memberPage.goto(path))?.status()).toBe(403);
  await member.close();
});
