import fs from "node:fs/promises";
import { strFromU8, unzipSync } from "fflate";
import type { Browser } from "playwright-core";
import { db } from "#db/client";
import { topics } from "#db/schema";
import { createTestUser, TEST_PASSWORD } from "#test/factories";
import { expectNoAxeViolations, launchBrowser, newContext, signedInContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("a guest reads the privacy notice", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/datenschutz");
  expect(await page.getByRole("heading", { level: 1, name: "Datenschutzerklärung" }).count()).toBe(1);
  expect(await page.getByText("Datenexporte 24 Stunden nach ihrer Erstellung.").count()).toBe(1);
  await expectNoAxeViolations(page);
  await page.goto("/konto/daten");
  await page.waitForURL("**/anmelden?redirectTo=*");
  await context.close();
});

test("a member exports their data, downloads it, then deletes the account: the topic stays as 'ehemaliges Mitglied', the old password fails", async () => {
  const member = await createTestUser({ displayName: "Petra Privat" });
  const title = `Mehr Beratung auf Ukrainisch ${Date.now()}`;
  const [topic] = await db.insert(topics).values({ title, body: "Die Wartezeiten sind zu lang.", authorId: member.id, approvedAt: new Date() }).returning({ id: topics.id });
  const context = await signedInContext(browser, member.id);
  const page = await context.newPage();

  await page.goto("/datenschutz");
  await expectNoAxeViolations(page);

  await page.goto("/konto");
  await page.getByRole("link", { name: "Meine Daten: herunterladen oder Konto löschen" }).click();
  await page.waitForURL("**/konto/daten");
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Datenexport anfordern" }).click();
  await expect.poll(() => page.getByText("Ihr Datenexport wird erstellt. Das dauert meist nur einen Augenblick.").count()).toBe(1);
  // The server's worker makes the file; the page looks again by itself while it waits.
  const link = page.getByRole("link", { name: "Datenexport herunterladen (ZIP)" });
  await expect.poll(() => link.count(), { timeout: 30_000, interval: 500 }).toBe(1);
  await expectNoAxeViolations(page);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^kurze-wege-daten-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(await fs.readFile((await download.path())!)));
  const data = JSON.parse(strFromU8(files["daten.json"]!)) as { openMicTopics: { title: string }[] };
  expect(data.openMicTopics.map((row) => row.title)).toContain(title);
  expect(strFromU8(files["daten.html"]!)).toContain(title);

  // A wrong password is refused at the field, and the ticks stay.
  await page.getByLabel("Ich habe verstanden, dass mein Konto endgültig gelöscht wird.").check();
  await page.getByLabel("Ihr aktuelles Passwort").fill("nicht das Passwort");
  await page.getByRole("button", { name: "Konto endgültig löschen" }).click();
  await expect.poll(() => page.getByText("Das aktuelle Passwort stimmt nicht.").count()).toBe(1);
  expect(await page.getByLabel("Ich habe verstanden, dass mein Konto endgültig gelöscht wird.").isChecked()).toBe(true);
  await expectNoAxeViolations(page);

  await page.getByLabel("Ihr aktuelles Passwort").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Konto endgültig löschen" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect.poll(() => page.getByText("Ihr Konto wurde gelöscht. Alles Gute!").count()).toBe(1);

  await page.goto(`/open-mic/${topic!.id}`);
  expect(await page.getByText("ehemaliges Mitglied").count()).toBeGreaterThan(0);
  expect(await page.getByText("Petra Privat").count()).toBe(0);

  await page.goto("/anmelden");
  await page.getByLabel("E-Mail-Adresse").fill(member.email);
  await page.getByLabel("Passwort", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect.poll(() => page.getByText("E-Mail-Adresse oder Passwort stimmen nicht.").count()).toBe(1);
  await context.close();
});

test("an admin deletes someone's account from their page, with a reason and the confirmation", async () => {
  const admin = await createTestUser({ role: "admin" });
  const target = await createTestUser({ displayName: "Konrad Konto" });
  const context = await signedInContext(browser, admin.id);
  const page = await context.newPage();
  await page.goto(`/verwaltung/personen/${target.id}`);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Konto löschen" }).click();
  await expect.poll(() => page.getByText("Bitte geben Sie einen Grund an.").count()).toBe(1);
  await expectNoAxeViolations(page);
  await page.locator("#delete-form").getByLabel("Grund").fill("Doppeltes Konto");
  await page.getByLabel("Ich habe verstanden, dass dieses Konto endgültig gelöscht wird.").check();
  await page.getByRole("button", { name: "Konto löschen" }).click();
  await page.waitForURL("**/verwaltung/personen");
  await expect.poll(() => page.getByText("Das Konto wurde gelöscht.").count()).toBe(1);
  expect(await page.getByText("Konrad Konto").count()).toBe(0);
  await context.close();
});
