import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { db } from "#db/client";
import { topics } from "#db/schema";
import { getFixedT, languageCookie } from "#app/utils/i18n.server";
import { createTestUser } from "#test/factories";
import { waitForMailText } from "#test/mail-text";
import { baseUrl, expectNoAxeViolations, launchBrowser, newContext, signedInContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("a guest on the Ukrainian page raises a topic; the coordinator answers with a plain summary; the guest's mail is Ukrainian", async () => {
  const email = "olena-lindach@test.example";
  const title = "Де можна вивчати німецьку ввечері?";
  const guest = await newContext(browser, { javaScriptEnabled: false });
  const languageValue = (await languageCookie.serialize("uk")).split(";")[0]!.split("=")[1]!;
  await guest.addCookies([{ name: "kw_lang", value: languageValue, url: baseUrl() }]);
  const guestPage = await guest.newPage();
  await guestPage.goto("/open-mic/neu");
  expect(await guestPage.getAttribute("html", "lang")).toBe("uk");
  // Fields by name: the page speaks Ukrainian.
  await guestPage.locator("input[name=title]").fill(title);
  await guestPage.locator("select[name=category]").selectOption("sprache");
  await guestPage.locator("textarea[name=body]").fill("Я працюю вдень і можу ходити на курси німецької мови тільки ввечері. Чи є такі курси в Ліндаху або Ауенштадті?");
  await guestPage.locator("input[name=guestEmail]").fill(email);
  // "Detect automatically" is the default choice of the text's language.
  expect(await guestPage.locator("select[name=language]").inputValue()).toBe("auto");
  // The form refuses posts made faster than a person types.
  await guestPage.waitForTimeout(3_500);
  await guestPage.locator("form.topic-form button[type=submit]").click();
  await guestPage.waitForURL((url) => url.searchParams.get("eingereicht") === "1");
  const [topic] = await db.select({ id: topics.id, language: topics.language, guestLanguage: topics.guestLanguage }).from(topics).where(eq(topics.title, title));
  expect(topic).toMatchObject({ language: "uk", guestLanguage: "uk" });
  await guest.close();

  // The coordinator, on the German pages, approves and answers it with a summary in plain words.
  const coordinator = await createTestUser({ role: "coordinator", displayName: "Ida Koordination" });
  const coordination = await signedInContext(browser, coordinator.id, { javaScriptEnabled: false });
  const page = await coordination.newPage();
  await page.goto("/open-mic/moderation");
  await page.getByRole("button", { name: `Anliegen ${topic!.id} freigeben` }).click();
  await page.waitForURL("**/open-mic/moderation");
  await page.goto(`/open-mic/${topic!.id}/status`);
  await page.getByLabel("beantwortet", { exact: true }).check();
  const answer = "Die Volkshochschule bietet ab März einen Abendkurs in Lindach an, dienstags und donnerstags ab 18 Uhr. Anmeldung über die Kursübersicht der VHS.";
  const summary = "Es gibt bald einen Deutschkurs am Abend in Lindach.";
  await page.getByLabel("Antwort der Koordination (öffentlich sichtbar)").fill(answer);
  await page.getByLabel("Kurz in einfachen Worten (freiwillig)").fill(summary);
  await page.getByRole("button", { name: "Status ändern und Antwort veröffentlichen" }).click();
  await page.waitForURL(`**/open-mic/${topic!.id}`);
  // On the topic's page, the summary comes first, marked as such; the Ukrainian text is marked as Ukrainian.
  expect(await page.locator(".answer .plain-summary").textContent()).toBe(`In einfachen Worten${summary}`);
  expect(await page.locator("h1").getAttribute("lang")).toBe("uk");
  await coordination.close();

  // The guest's mail: in Ukrainian, the summary before the whole answer. (Strings of this feature are
  // Ukrainian here; the general mail strings are the translators', compared with their Ukrainian file.)
  const mail = await waitForMailText(email, 30_000);
  expect(mail.text).toContain("Простими словами:");
  expect(mail.text).toContain("Повна відповідь:");
  expect(mail.text).toContain(getFixedT("uk")("notifications.mail.whyGuest"));
  expect(mail.text).not.toContain(getFixedT("de")("notifications.mail.whyGuest"));
  expect(mail.text.indexOf(summary)).toBeLessThan(mail.text.indexOf("Die Volkshochschule"));
});

test("the list filters by language without JavaScript; a topic in Arabic is marked as Arabic on the German page", async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/open-mic");
  await page.locator("#topic-language").selectOption("ar");
  await page.locator(".topic-filters button[type=submit]").click();
  await page.waitForURL((url) => url.searchParams.get("sprache") === "ar");
  const titles = page.locator(".topic-list__title a");
  expect(await titles.count()).toBeGreaterThanOrEqual(1);
  for (const lang of await titles.evaluateAll((links) => links.map((link) => link.getAttribute("lang")))) expect(lang).toBe("ar");
  // An unknown language is no filter, and no error.
  expect((await page.goto("/open-mic?sprache=xx"))?.status()).toBe(200);

  const [arabic] = await db.select({ id: topics.id }).from(topics).where(eq(topics.language, "ar"));
  const browsing = await newContext(browser);
  const topicPage = await browsing.newPage();
  await topicPage.goto(`/open-mic/${arabic!.id}`);
  expect(await topicPage.getAttribute("html", "lang")).toBe("de");
  expect(await topicPage.locator("h1").getAttribute("lang")).toBe("ar");
  expect(await topicPage.locator("h1").getAttribute("dir")).toBe("auto");
  expect(await topicPage.locator(".topic__text [lang=ar]").count()).toBe(1);
  await expectNoAxeViolations(topicPage);
  await topicPage.goto("/open-mic?sprache=ar");
  await expectNoAxeViolations(topicPage);
  await context.close();
  await browsing.close();
});
