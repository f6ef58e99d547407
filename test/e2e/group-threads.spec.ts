import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { db } from "#db/client";
import { groupMemberships, users, workingGroups } from "#db/schema";
import { createTestUser, sessionCookieFor } from "#test/factories";
import { baseUrl, expectNoAxeViolations, launchBrowser, newContext } from "./browser";

const GROUP = "sprache-bildung";
let browser: Browser;
let groupId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const [group] = await db.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.slug, GROUP));
  groupId = group!.id;
});
afterAll(async () => {
  await browser?.close();
});

/** A new person in the group (or a network coordinator), signed in in a fresh browser context. */
async function signedIn(displayName: string, options: { javaScriptEnabled: boolean; role?: "coordinator" }): Promise<{ context: BrowserContext; page: Page }> {
  const user = await createTestUser({ displayName, role: options.role });
  if (!options.role) await db.insert(groupMemberships).values({ groupId, userId: user.id, role: "member" });
  const context = await newContext(browser, { javaScriptEnabled: options.javaScriptEnabled });
  const [name, value] = (await sessionCookieFor(user.id)).split("=");
  await context.addCookies([{ name: name!, value: value!, url: baseUrl() }]);
  return { context, page: await context.newPage() };
}

const posts = (page: Page) => page.locator("article.post");

async function openThread(page: Page, title: string, body: string) {
  await page.goto(`/arbeitsgruppen/${GROUP}/themen`);
  await page.getByRole("link", { name: "Neues Thema" }).click();
  await page.waitForURL("**/themen/neu");
  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Beitrag", { exact: true }).fill(body);
  await page.getByRole("button", { name: "Thema eröffnen" }).click();
  await page.waitForURL(/\/themen\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
  return page.url();
}

async function reply(page: Page, body: string) {
  const count = await posts(page).count();
  await page.getByLabel("Ihre Antwort").fill(body);
  await page.getByRole("button", { name: "Antwort senden" }).click();
  await expect.poll(() => posts(page).count()).toBe(count + 1);
}

test("without JavaScript a member opens a thread, replies, quotes and edits; a coordinator hides a post and pins the thread", async () => {
  const { context, page } = await signedIn("Jana Ohneskript", { javaScriptEnabled: false });
  const title = "Sprachcafé Lindach: neue Termine";
  const threadUrl = await openThread(page, title, "Ab März treffen wir uns **donnerstags** im Gemeindehaus.");
  expect(await posts(page).first().locator("strong").textContent()).toBe("donnerstags");

  await reply(page, "Ich bringe Kuchen mit.");
  await reply(page, "Unpassender Beitrag, der ausgeblendet wird.");

  // Quote the first post: the link fills the reply box with a Markdown quote and its author.
  await posts(page)
    .first()
    .getByRole("link", { name: /Zitieren/ })
    .click();
  await page.waitForURL(/\?zitat=/);
  const quote = await page.getByLabel("Ihre Antwort").inputValue();
  expect(quote).toBe("> **Jana Ohneskript** schrieb:\n> Ab März treffen wir uns **donnerstags** im Gemeindehaus.\n\n");
  await page.getByLabel("Ihre Antwort").fill(`${quote}Passt gut, danke!`);
  await page.getByRole("button", { name: "Antwort senden" }).click();
  await expect.poll(() => posts(page).count()).toBe(4);
  expect(await posts(page).nth(3).locator("blockquote").textContent()).toContain("Ab März treffen wir uns");

  // Edit one's own reply in place.
  await posts(page)
    .nth(1)
    .getByRole("link", { name: /Bearbeiten/ })
    .click();
  await page.waitForURL(/\?bearbeiten=/);
  await page.getByLabel("Beitrag bearbeiten").fill("Ich bringe Apfelkuchen mit.");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect.poll(() => posts(page).nth(1).locator(".post__body").textContent()).toBe("Ich bringe Apfelkuchen mit.");
  expect(
    await posts(page)
      .nth(1)
      .getByText(/bearbeitet am/)
      .count(),
  ).toBe(1);

  // A coordinator hides the third post (the reason is required) and pins the thread.
  const coordination = await signedIn("Carla Koordination", { javaScriptEnabled: false, role: "coordinator" });
  const moderator = coordination.page;
  await moderator.goto(threadUrl);
  const target = posts(moderator).nth(2);
  await target.getByText("Ausblenden", { exact: true }).click();
  await target.getByRole("button", { name: "Beitrag ausblenden" }).click();
  await expect.poll(() => moderator.getByText("Bitte geben Sie einen Grund an.").count()).toBe(1);
  await posts(moderator).nth(2).getByLabel("Grund für das Ausblenden").fill("Nicht zum Thema");
  await posts(moderator).nth(2).getByRole("button", { name: "Beitrag ausblenden" }).click();
  await expect
    .poll(() =>
      posts(moderator)
        .nth(2)
        .getByText(/Ausgeblendet von Carla Koordination/)
        .count(),
    )
    .toBe(1);
  await moderator.getByRole("button", { name: "Anheften" }).click();
  await expect.poll(() => moderator.getByRole("button", { name: "Nicht mehr anheften" }).count()).toBe(1);

  // The member sees the notice and the reason, not the text; the list shows the thread pinned on top.
  await page.goto(threadUrl);
  expect(await posts(page).nth(2).textContent()).toContain("Ausgeblendet von der Moderation. Grund: Nicht zum Thema");
  expect(await page.getByText("Unpassender Beitrag").count()).toBe(0);
  await page.goto(`/arbeitsgruppen/${GROUP}/themen`);
  const first = page.locator(".thread-list__item").first();
  expect(await first.getByRole("link").textContent()).toBe(title);
  expect(await first.getByText("Angeheftet").count()).toBe(1);

  // The log names who did what and why.
  await moderator.goto(`/arbeitsgruppen/${GROUP}/moderation`);
  expect(await moderator.locator("tbody tr").filter({ hasText: "Nicht zum Thema" }).count()).toBe(1);
  await coordination.context.close();
  await context.close();
});

test("with JavaScript only the form on its way says so: a held reply leaves the coordinator's other buttons as they are", async () => {
  // A coordinator of this group: the thread page then also carries the moderation forms.
  const { context, page } = await signedIn("Kim Mitskript", { javaScriptEnabled: true });
  const [kim] = await db.select({ id: users.id }).from(users).where(eq(users.displayName, "Kim Mitskript"));
  await db.update(groupMemberships).set({ role: "coordinator" }).where(eq(groupMemberships.userId, kim!.id));
  const threadUrl = await openThread(page, "Dolmetschpool: Abstimmung", "Wer übernimmt die Termine im April?");
  const threadPath = new URL(threadUrl).pathname;
  const buttons = page.locator("main button");
  const labelsBefore = await buttons.allTextContents();
  expect(labelsBefore.length).toBeGreaterThan(2);

  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    (url) => url.pathname === threadPath,
    async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    },
  );
  await page.getByLabel("Ihre Antwort").fill("Ich übernehme den 12. April.");
  await page.getByRole("button", { name: "Antwort senden" }).click();
  await expect.poll(() => page.getByRole("button", { name: "Wird gesendet …" }).count()).toBe(1);
  const labelsMeanwhile = await buttons.allTextContents();
  expect(labelsMeanwhile.filter((label, index) => label !== labelsBefore[index])).toEqual(["Wird gesendet …"]);

  release();
  await expect.poll(() => posts(page).count()).toBe(2);
  expect(await page.getByRole("button", { name: "Wird gesendet …" }).count()).toBe(0);
  await page.unrouteAll();
  await context.close();
});

test("a post full of script attempts runs nothing and renders none of it as markup", async () => {
  const { context, page } = await signedIn("Sina Sicher", { javaScriptEnabled: true });
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const body = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))";
  const url = await openThread(page, "Sicherheitstest", body);
  await page.reload();
  await page.waitForLoadState("networkidle");
  const post = posts(page).first();
  expect(await post.locator(".markdown script, .markdown img").count()).toBe(0);
  expect(await post.locator(".markdown a").count()).toBe(0);
  expect(await post.textContent()).toContain("<script>alert(1)</script>");
  // The would-be link is text: clicking it goes nowhere.
  await post.getByText("x", { exact: true }).click();
  expect(page.url()).toBe(url);
  expect(dialogs).toEqual([]);
  await context.close();
});

test("thread list and thread page pass axe for members and coordinators", async () => {
  const member = await signedIn("Axel Barrierefrei", { javaScriptEnabled: true });
  await member.page.goto(`/arbeitsgruppen/${GROUP}/themen`);
  await expectNoAxeViolations(member.page);
  // The demo thread with a quote, a mention and a link.
  await member.page.getByRole("link", { name: "Wartezeiten Integrationskurse: aktueller Stand" }).click();
  await member.page.waitForURL(/\/themen\/[0-9a-f-]{36}$/);
  expect(await member.page.locator(".mention").first().textContent()).toBe("@Marta Kowalczyk");
  await expectNoAxeViolations(member.page);
  // Quoting with JavaScript fills the box in place.
  await posts(member.page)
    .first()
    .getByRole("link", { name: /Zitieren/ })
    .click();
  await expect.poll(() => member.page.getByLabel("Ihre Antwort").inputValue()).toMatch(/^> \*\*Henrike Albers\*\* schrieb:\n> Liebe AG,/);
  expect(member.page.url()).not.toContain("zitat=");

  const coordinator = await signedIn("Kai Koordination", { javaScriptEnabled: true, role: "coordinator" });
  await coordinator.page.goto(member.page.url());
  await expectNoAxeViolations(coordinator.page);
  await coordinator.page.goto(`/arbeitsgruppen/${GROUP}/moderation`);
  await expectNoAxeViolations(coordinator.page);
  await member.context.close();
  await coordinator.context.close();
});
