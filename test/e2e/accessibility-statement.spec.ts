import { desc, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { db } from "#db/client";
import { accessibilityFeedback } from "#db/schema";
import { languageCookie } from "#app/utils/i18n.server";
import { createTestUser } from "#test/factories";
import { baseUrl, expectNoAxeViolations, launchBrowser, newContext, signedInContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const stored = async (message: string) => (await db.select().from(accessibilityFeedback).where(eq(accessibilityFeedback.message, message)).orderBy(desc(accessibilityFeedback.createdAt)))[0];

/**
 * At 320 CSS pixels nothing of the page's content or footer reaches past the screen's edges (WCAG
 * 1.4.10). The site header is checked by the reflow test over every page template.
 */
async function expectReflow(page: Page) {
  await page.setViewportSize({ width: 320, height: 720 });
  const outside = await page.evaluate(() =>
    [...document.querySelectorAll("main *, footer *")]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        // The honeypot is off the screen on purpose, where nothing scrolls.
        return box.width > 1 && (box.left < -1 || box.right > 321) && !element.closest(".honeypot");
      })
      .map((element) => `${element.tagName.toLowerCase()}.${String(element.className)}`),
  );
  expect(outside, page.url()).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function inLanguage(context: BrowserContext, lang: string) {
  const value = (await languageCookie.serialize(lang)).split(";")[0]!.split("=")[1]!;
  await context.addCookies([{ name: "kw_lang", value, url: baseUrl() }]);
}

test("from any page's footer to the statement; feedback with JavaScript, its errors at the fields; the plain-language page; the coordinators' list", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/open-mic");
  await page.getByRole("contentinfo").getByRole("link", { name: "Barrierefreiheit" }).click();
  await page.waitForURL("**/barrierefreiheit");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Erklärung zur Barrierefreiheit");
  expect(await page.getByText("Diese Website ist teilweise barrierefrei.").count()).toBe(1);
  expect(await page.getByText("Die Erklärung wurde zuletzt am 7. Dezember 2026 überprüft.").count()).toBe(1);
  // The page the visitor came from is filled in.
  expect(await page.getByLabel("Seite (freiwillig)").inputValue()).toBe("/open-mic");
  await expectNoAxeViolations(page);
  await expectReflow(page);

  await page.getByLabel("Ihre E-Mail-Adresse (freiwillig)").fill("keine-adresse");
  await page.getByRole("button", { name: "Rückmeldung senden" }).click();
  await expect.poll(() => page.getByText("Bitte füllen Sie dieses Feld aus.").count()).toBe(1);
  expect(await page.getByLabel("Ihre Nachricht (Pflichtfeld)").getAttribute("aria-invalid")).toBe("true");
  expect(await page.getByLabel("Ihre E-Mail-Adresse (freiwillig)").inputValue()).toBe("keine-adresse");
  await expectNoAxeViolations(page);

  const message = `Im Verzeichnis springt der Fokus nach dem Filtern an den Seitenanfang (${Date.now()}).`;
  await page.getByLabel("Ihre Nachricht (Pflichtfeld)").fill(message);
  await page.getByLabel("Ihre E-Mail-Adresse (freiwillig)").fill("rueckmeldung@test.example");
  await page.getByRole("button", { name: "Rückmeldung senden" }).click();
  await expect.poll(() => page.getByText("Danke! Ihre Rückmeldung ist angekommen.", { exact: false }).count()).toBe(1);
  expect(await page.getByLabel("Ihre Nachricht (Pflichtfeld)").inputValue()).toBe("");
  expect(await stored(message)).toMatchObject({ pageUrl: "/open-mic", email: "rueckmeldung@test.example", language: "de" });

  await page.getByRole("contentinfo").getByRole("link", { name: "Leichte Sprache" }).click();
  await page.waitForURL("**/leichte-sprache");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Leichte Sprache");
  expect(await page.getByRole("heading", { level: 2, name: "Was passiert dann?" }).count()).toBe(1);
  await expectNoAxeViolations(page);
  await expectReflow(page);
  await page.goto("/open-mic");
  await page.getByRole("link", { name: "Einfach erklärt: das Open Mic in Leichter Sprache" }).click();
  await page.waitForURL("**/leichte-sprache#open-mic");
  await context.close();

  const coordinator = await createTestUser({ role: "coordinator" });
  const admin = await signedInContext(browser, coordinator.id);
  const list = await admin.newPage();
  await list.goto("/verwaltung");
  await list.getByRole("link", { name: "Rückmeldungen zur Barrierefreiheit" }).click();
  await list.waitForURL("**/verwaltung/barrierefreiheit");
  const item = list.getByRole("article").filter({ hasText: message });
  await expect.poll(() => item.count()).toBe(1);
  await expectNoAxeViolations(list);
  await expectReflow(list);
  await item.getByRole("button", { name: /Als erledigt markieren/ }).click();
  await expect.poll(() => list.getByText("Die Rückmeldung ist als erledigt markiert.").count()).toBe(1);
  expect((await stored(message))?.handledBy).toBe(coordinator.id);
  await admin.close();
});

test("feedback without JavaScript: the form posts, the page answers with its notice", async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/barrierefreiheit");
  const message = `Ohne JavaScript: die Tabelle ist zu breit (${Date.now()}).`;
  await page.getByLabel("Ihre Nachricht (Pflichtfeld)").fill(message);
  await page.getByRole("button", { name: "Rückmeldung senden" }).click();
  await page.waitForURL("**/barrierefreiheit");
  expect(await page.getByText("Danke! Ihre Rückmeldung ist angekommen.", { exact: false }).count()).toBe(1);
  expect(await stored(message)).toMatchObject({ email: null, language: "de", senderId: null });
  await context.close();
});

test("in Arabic: right to left, the statement, the plain-language page and feedback stored with the page's language", async () => {
  const context = await newContext(browser);
  await inLanguage(context, "ar");
  const page = await context.newPage();
  await page.goto("/barrierefreiheit");
  expect(await page.getAttribute("html", "lang")).toBe("ar");
  expect(await page.getAttribute("html", "dir")).toBe("rtl");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("بيان إمكانية الوصول");
  await expectNoAxeViolations(page);
  await expectReflow(page);
  const message = `الأزرار صغيرة جدًا على الهاتف (${Date.now()})`;
  await page.getByLabel("رسالتك (حقل إلزامي)").fill(message);
  await page.getByRole("button", { name: "إرسال الملاحظة" }).click();
  await expect.poll(() => page.getByText("شكرًا لك! وصلت ملاحظتك.", { exact: false }).count()).toBe(1);
  expect(await stored(message)).toMatchObject({ language: "ar" });

  await page.getByRole("contentinfo").getByRole("link", { name: "شرح مبسّط" }).click();
  await page.waitForURL("**/leichte-sprache");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("شرح مبسّط");
  await expectNoAxeViolations(page);
  await expectReflow(page);
  await context.close();
});
