import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { db } from "#db/client";
import { taxonomyTerms, topicFlags, topicFollows, topics, topicSupports } from "#db/schema";
import { enqueueSearchSync } from "#search/sync";
import { TOPIC_LIMITS } from "#app/modules/open-mic/topic-limits.server";
import { consumeRateLimit } from "#app/utils/rate-limit.server";
import { createTestUser, sessionCookieFor } from "#test/factories";
import { NAUGHTY_STRINGS } from "#test/fixtures/naughty-strings";
import { baseUrl, expectNoAxeViolations, launchBrowser, newContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A new member (or coordinator), signed in in a fresh browser context. */
async function signedIn(displayName: string, options: { javaScriptEnabled: boolean; role?: "coordinator" }): Promise<{ context: BrowserContext; page: Page; userId: string }> {
  const user = await createTestUser({ displayName, role: options.role });
  const context = await newContext(browser, { javaScriptEnabled: options.javaScriptEnabled });
  const [name, value] = (await sessionCookieFor(user.id)).split("=");
  await context.addCookies([{ name: name!, value: value!, url: baseUrl() }]);
  return { context, page: await context.newPage(), userId: user.id };
}

/**
 * Holds the page's posts to `path` until `release()`, one at a time: what the page shows meanwhile
 * is its own guess of the outcome, not the server's answer.
 */
async function holdPosts(page: Page, path: string) {
  let open = () => {};
  let gate = new Promise<void>((resolve) => (open = resolve));
  await page.route(
    (url) => url.pathname === path,
    async (route) => {
      if (route.request().method() === "POST") await gate;
      await route.continue();
    },
  );
  return {
    release() {
      open();
      gate = new Promise<void>((resolve) => (open = resolve));
    },
  };
}

const approvedTopic = async (title: string) => (await db.insert(topics).values({ title, body: "Bitte prüfen.", approvedAt: new Date() }).returning({ id: topics.id }))[0]!.id;

async function fillTopic(page: Page, topic: { title: string; body: string; category: string; town?: string }) {
  await page.getByLabel("Titel", { exact: true }).fill(topic.title);
  await page.getByLabel("Themenfeld").selectOption({ label: topic.category });
  await page.getByLabel("Ihr Anliegen", { exact: true }).fill(topic.body);
  if (topic.town) await page.getByLabel("Ort (freiwillig)").fill(topic.town);
}

/** Every dialog a page opens (alert, confirm, prompt): injected script would open one. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

// Our own icons (the pagination's arrows) are svg elements with the class direction-icon; any other svg was injected.
const INJECTED = "script, img, iframe, svg:not(.direction-icon), math, [onerror], [onload], [onclick], a[href^='javascript' i], a[href^='data:' i], [style*='javascript' i]";

test("without JavaScript a guest raises a topic, which waits for approval and is nowhere to be seen yet", async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/open-mic");
  await page.getByRole("link", { name: "Anliegen einbringen" }).click();
  await page.waitForURL("**/open-mic/neu");
  const title = "Kein Bus zum Sprachkurs in Lindach";
  await fillTopic(page, { title, body: "Der letzte Bus fährt vor Kursende.", category: "Sprache", town: "Lindach" });
  await page.getByLabel("Name", { exact: true }).fill("Samira");
  await page.getByLabel("E-Mail-Adresse für die Antwort").fill("samira@example.org");
  // People take a moment for a concern; the form refuses what is sent within seconds of showing it.
  await page.waitForTimeout(3200);
  await page.getByRole("button", { name: "Anliegen einreichen" }).click();
  await page.waitForURL("**/open-mic/neu?eingereicht=1");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Danke für Ihr Anliegen");

  const [row] = await db.select().from(topics).where(eq(topics.title, title));
  expect(row).toMatchObject({ approvedAt: null, authorId: null, guestName: "Samira", guestEmail: "samira@example.org", town: "Lindach" });
  await page.goto("/open-mic");
  expect(await page.getByText(title).count()).toBe(0);
  const hidden = await page.goto(`/open-mic/${row!.id}`);
  expect(hidden?.status()).toBe(404);
  await context.close();
});

test("without JavaScript a member raises a topic anonymously (after the personal-data warning), replies and supports it", async () => {
  const { context, page } = await signedIn("Greta Geheim", { javaScriptEnabled: false });
  await page.goto("/open-mic/neu");
  const title = "Dolmetscher für Elterngespräche fehlen";
  const body = "Die Kita ruft mich unter 0171 2345678 an, weil niemand übersetzt.";
  await fillTopic(page, { title, body, category: "Kinder & Familie" });
  await page.getByLabel("anonym", { exact: true }).check();
  await page.getByRole("button", { name: "Anliegen veröffentlichen" }).click();

  // The warning names what it found; what was typed is still there.
  const warning = page.getByRole("alert").filter({ hasText: "persönliche Daten" });
  await expect.poll(() => warning.count()).toBe(1);
  expect(await warning.textContent()).toContain("Telefonnummer: 0171 2345678");
  expect(await page.getByLabel("Ihr Anliegen", { exact: true }).inputValue()).toBe(body);
  expect(await page.getByLabel("Titel", { exact: true }).inputValue()).toBe(title);
  // Edit the text instead of publishing it anyway.
  await page.getByLabel("Ihr Anliegen", { exact: true }).fill("Die Kita ruft mich an, weil niemand übersetzt.");
  await page.getByRole("button", { name: "Anliegen veröffentlichen" }).click();
  await page.waitForURL(/\/open-mic\/\d+$/);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
  expect(await page.locator(".topic__meta").textContent()).toContain("von anonym");
  const topicUrl = page.url();

  await page.getByLabel("Ihre Antwort").fill("Nachtrag: betrifft **drei** Kitas.");
  await page.getByRole("button", { name: "Antwort senden" }).click();
  await expect.poll(() => page.locator("article.post strong").filter({ hasText: "drei" }).count()).toBe(1);
  await page.getByRole("button", { name: "Unterstützen", exact: true }).click();
  await expect.poll(() => page.locator("#unterstuetzen").textContent()).toContain("1 Unterstützung");
  expect(await page.getByRole("button", { name: "Unterstützung zurücknehmen" }).count()).toBe(1);

  // Another member sees "anonym" and nowhere the name, not even in the page's data.
  const other = await signedIn("Otto Neugier", { javaScriptEnabled: true });
  await other.page.goto(topicUrl);
  expect(await other.page.locator(".topic__meta").textContent()).toContain("von anonym");
  expect(await other.page.content()).not.toContain("Greta Geheim");
  // A coordinator sees who wrote it, and the way to the status and moderation pages.
  const coordination = await signedIn("Klara Koordination", { javaScriptEnabled: true, role: "coordinator" });
  await coordination.page.goto(topicUrl);
  expect(await coordination.page.locator(".topic__meta").textContent()).toContain("Greta Geheim");
  expect(await coordination.page.getByRole("link", { name: "Status ändern und antworten" }).count()).toBe(1);
  await expectNoAxeViolations(coordination.page);
  await coordination.context.close();
  await other.context.close();
  await context.close();
});

test("script, markup, dangerous links and naughty strings in a topic are shown as text and never run", async () => {
  const [category] = await db.select({ id: taxonomyTerms.id }).from(taxonomyTerms).where(eq(taxonomyTerms.slug, "beratung"));
  const marker = "Xylophonkoffer";
  const title = `${marker} <script>alert(1)</script> <img src=x onerror=alert(1)> [klick](javascript:alert(1)) \u202Eexe.txt`;
  const body = NAUGHTY_STRINGS.join("\n\n");
  const [row] = await db.insert(topics).values({ title, body, categoryId: category!.id, approvedAt: new Date(), town: "<b>Lindach</b>" }).returning({ id: topics.id });
  await enqueueSearchSync(db, "topics", String(row!.id));

  // A member also writes one through the form, with JavaScript.
  const { context, page } = await signedIn("Sina Sicher", { javaScriptEnabled: true });
  const dialogs = watchDialogs(page);
  await page.goto("/open-mic/neu");
  await page.waitForLoadState("networkidle");
  await fillTopic(page, { title: `<script>alert(1)</script> ${marker} Formular`, body: "<img src=x onerror=alert(1)>\n\n[klick](javascript:alert(1))", category: "Beratung" });
  await page.getByRole("button", { name: "Anliegen veröffentlichen" }).click();
  await page.waitForURL(/\/open-mic\/\d+$/);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`<script>alert(1)</script> ${marker} Formular`);
  expect(await page.locator(".topic").locator(INJECTED).count()).toBe(0);
  expect(await page.locator(".topic__text").textContent()).toContain("<img src=x onerror=alert(1)>");

  const pages = [`/open-mic/${row!.id}`, "/open-mic", `/open-mic?q=${marker}`];
  for (const url of pages) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("main").locator(INJECTED).count(), url).toBe(0);
  }
  await page.goto(`/open-mic/${row!.id}`);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
  const text = (await page.locator(".topic__text").textContent()) ?? "";
  for (const shown of ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "'; DROP TABLE topics; --", "田中さんにあげて下さい", "مرحبا بالعالم", "👨‍👩‍👧‍👦", "\u202Eexe.txt", "Null\u200Bbreite"]) {
    expect(text, shown).toContain(shown);
  }
  expect(await page.locator(".topic__meta").textContent()).toContain("<b>Lindach</b>");
  // The would-be links are text: clicking them goes nowhere.
  await page.locator(".topic__text").getByText("klick", { exact: true }).click();
  expect(page.url()).toBe(`${baseUrl()}/open-mic/${row!.id}`);
  // The search box finds it once the index has caught up, as text too.
  await expect
    .poll(
      async () => {
        await page.goto(`/suche?q=${marker}`);
        return page.locator(".hit").count();
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThanOrEqual(1);
  expect(await page.locator("main").locator(INJECTED).count()).toBe(0);
  expect(dialogs).toEqual([]);
  await context.close();
});

test("list, topic and new-topic pages pass axe, with similar topics and the live personal-data check", async () => {
  const { context, page } = await signedIn("Axel Barrierefrei", { javaScriptEnabled: true });
  await page.goto("/open-mic/neu");
  await page.waitForLoadState("networkidle");
  const title = "Sprechzeiten der Ausländerbehörde am Abend";
  await fillTopic(page, { title, body: "Viele arbeiten tagsüber.", category: "Aufenthalt & Recht" });
  await page.getByRole("button", { name: "Anliegen veröffentlichen" }).click();
  await page.waitForURL(/\/open-mic\/\d+$/);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
  const topicUrl = page.url();
  await page.getByLabel("Ihre Antwort").fill("Das sehe ich genauso.");
  await page.getByRole("button", { name: "Antwort senden" }).click();
  await expect.poll(() => page.locator("article.post").count()).toBe(1);
  await expectNoAxeViolations(page);

  await page.goto("/open-mic");
  await expectNoAxeViolations(page);
  await page.goto("/open-mic?sortierung=unbeantwortet&thema=aufenthalt-recht");
  expect(await page.getByRole("link", { name: title }).count()).toBe(1);

  // While typing: similar topics (once the index has it) and the personal-data warning.
  await page.goto("/open-mic/neu");
  await page.waitForLoadState("networkidle");
  // The index learns new topics in the background: wait until it knows this one.
  await expect
    .poll(async () => JSON.stringify(await (await page.request.get(`/open-mic/aehnliche?q=${encodeURIComponent("Sprechzeiten Ausländerbehörde")}`)).json()), { timeout: 20_000 })
    .toContain(title);
  await page.getByLabel("Titel", { exact: true }).pressSequentially("Sprechzeiten Ausländerbehörde", { delay: 20 });
  await expect
    .poll(() =>
      page
        .locator(".similar")
        .getByRole("link", { name: new RegExp(title) })
        .count(),
    )
    .toBe(1);
  await page.getByLabel("Ihr Anliegen", { exact: true }).pressSequentially("Schreiben Sie an max@example.org");
  await expect.poll(() => page.locator(".personal-data").textContent()).toContain("max@example.org");
  await expectNoAxeViolations(page);

  // Guests see the form with name and address, and the list of a topic's supporters as a number.
  const guest = await newContext(browser, { javaScriptEnabled: true });
  const guestPage = await guest.newPage();
  await guestPage.goto("/open-mic/neu");
  await expectNoAxeViolations(guestPage);
  await guestPage.goto(topicUrl);
  await expectNoAxeViolations(guestPage);
  expect(await guestPage.getByRole("link", { name: "Anmelden", exact: true }).count()).toBeGreaterThanOrEqual(1);
  await guest.close();
  await context.close();
});

test("with JavaScript, support, follow and a flag show at once, before the server has answered; the answer confirms them", async () => {
  const id = await approvedTopic("Mehr Sitzbänke am Bahnhof Lindach");
  const { context, page, userId } = await signedIn("Fiona Flink", { javaScriptEnabled: true });
  await page.goto(`/open-mic/${id}`);
  await page.waitForLoadState("networkidle");
  const posts = await holdPosts(page, `/open-mic/${id}`);
  const support = page.locator("#unterstuetzen");
  const rows = {
    supports: () => db.select().from(topicSupports).where(eq(topicSupports.topicId, id)),
    follows: () => db.select().from(topicFollows).where(eq(topicFollows.topicId, id)),
    flags: () => db.select().from(topicFlags).where(eq(topicFlags.topicId, id)),
  };

  await support.getByRole("button", { name: "Unterstützen", exact: true }).click();
  await expect.poll(() => support.textContent()).toContain("1 Unterstützung");
  expect(await support.getByRole("button", { name: "Unterstützung zurücknehmen" }).count()).toBe(1);
  expect(await rows.supports()).toEqual([]);
  posts.release();
  await expect.poll(() => page.getByText("Danke für Ihre Unterstützung.").count()).toBe(1);
  expect((await rows.supports()).map((row) => row.userId)).toEqual([userId]);

  await support.getByRole("button", { name: "Folgen", exact: true }).click();
  await expect.poll(() => support.getByRole("button", { name: "Nicht mehr folgen" }).count()).toBe(1);
  expect(await rows.follows()).toEqual([]);
  posts.release();
  await expect.poll(() => page.getByText("Sie folgen diesem Anliegen.").count()).toBe(1);
  expect(await rows.follows()).toHaveLength(1);

  const text = page.locator(".topic__text");
  await text.locator("summary").click();
  await text.getByLabel("Spam", { exact: true }).check();
  await text.getByRole("button", { name: "Meldung senden" }).click();
  await expect.poll(() => text.locator(".flag__done").count()).toBe(1);
  expect(await rows.flags()).toEqual([]);
  posts.release();
  await expect.poll(() => page.getByText("Danke für Ihre Meldung.", { exact: false }).count()).toBe(1);
  expect(await rows.flags()).toHaveLength(1);
  expect(await text.locator(".flag__done").count()).toBe(1);
  expect(await support.textContent()).toContain("1 Unterstützung");
  await expectNoAxeViolations(page);
  await context.close();
});

test("with JavaScript a flag over the limit comes back with its message and nothing is flagged", async () => {
  const id = await approvedTopic("Laute Baustelle an der Schule");
  const { context, page, userId } = await signedIn("Moritz Melder", { javaScriptEnabled: true });
  for (let index = 0; index < TOPIC_LIMITS.flag.capacity; index++) await consumeRateLimit(db, `open-mic-flag:user:${userId}`, TOPIC_LIMITS.flag);
  await page.goto(`/open-mic/${id}`);
  await page.waitForLoadState("networkidle");
  const text = page.locator(".topic__text");
  await text.locator("summary").click();
  await text.getByLabel("Spam", { exact: true }).check();
  await text.getByRole("button", { name: "Meldung senden" }).click();
  await expect.poll(() => text.getByRole("alert").textContent()).toContain("viele Meldungen");
  expect(await text.locator(".flag__done").count()).toBe(0);
  expect(await text.getByLabel("Spam", { exact: true }).isChecked()).toBe(true);
  expect(await db.select().from(topicFlags).where(eq(topicFlags.topicId, id))).toEqual([]);
  await expectNoAxeViolations(page);
  await context.close();
});

test("without JavaScript a flag is an ordinary post of the page", async () => {
  const id = await approvedTopic("Fehlende Beleuchtung am Radweg");
  const { context, page } = await signedIn("Nina Ohneskript", { javaScriptEnabled: false });
  await page.goto(`/open-mic/${id}`);
  const text = page.locator(".topic__text");
  await text.locator("summary").click();
  await text.getByLabel("beleidigend oder unangemessen").check();
  await text.getByRole("button", { name: "Meldung senden" }).click();
  await expect.poll(() => page.getByText("Danke für Ihre Meldung.", { exact: false }).count()).toBe(1);
  expect(await text.locator(".flag__done").count()).toBe(1);
  expect((await db.select().from(topicFlags).where(eq(topicFlags.topicId, id))).map((row) => row.reason)).toEqual(["offensive"]);
  await context.close();
});
