import type { Browser } from "playwright-core";
import { createTestUser, sessionCookieFor } from "#test/factories";
import { baseUrl, expectNoAxeViolations, launchBrowser, newContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ACCEPTANCE: [query: string, first: string][] = [
  ["Integrationskurs", "Integrationskurs (allgemein)"],
  ["integrationskurz", "Integrationskurs (allgemein)"],
  ["Deutschkurs Weidenfeld", "Deutschkurs B1 am Abend in Weidenfeld"],
  ["Kita Platz", "Kita-Platz-Vergabe: Kitaplatz beantragen"],
  ["Anerkennung Abschluss", "Anerkennung ausländischer Berufsabschlüsse"],
];

for (const javaScriptEnabled of [true, false]) {
  describe(`the directory ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test("finds the right service first for the searches people make", async () => {
      const context = await newContext(browser, { javaScriptEnabled });
      const page = await context.newPage();
      await page.goto("/verzeichnis");
      for (const [query, first] of ACCEPTANCE) {
        if (javaScriptEnabled) {
          // Results follow the typing, key by key as a person types; focus and letters stay put.
          const box = page.getByLabel("Was suchen Sie?");
          await box.fill("");
          await box.pressSequentially(query, { delay: 40 });
          await page.waitForURL((url) => url.searchParams.get("q") === query);
          expect(await page.evaluate(() => document.activeElement?.id)).toBe("directory-q");
          expect(await box.inputValue()).toBe(query);
        } else {
          await page.getByLabel("Was suchen Sie?").fill(query);
          await page.getByRole("form", { name: "Verzeichnis durchsuchen" }).getByRole("button", { name: "Suchen" }).click();
          await page.waitForURL((url) => url.searchParams.get("q") === query);
        }
        await expect.poll(() => page.locator(".hit__title").first().textContent()).toBe(first);
      }
      await expectNoAxeViolations(page);
      await context.close();
    });

    test("a facet narrows the list and lives in the URL", async () => {
      const context = await newContext(browser, { javaScriptEnabled });
      const page = await context.newPage();
      await page.goto("/verzeichnis?q=Kita");
      await page.getByLabel(/^Lindach/).check();
      if (!javaScriptEnabled) await page.getByRole("button", { name: "Filter anwenden" }).click();
      await page.waitForURL((url) => url.searchParams.getAll("ort").includes("Lindach"));
      await expect.poll(async () => (await page.locator(".hit__meta").allTextContents()).every((text) => text.includes("Lindach"))).toBe(true);
      await context.close();
    });
  });
}

test("a service page shows the support chain in both directions", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/verzeichnis/angebote/berufssprachkurs-b2-deufoev");
  await expect.poll(() => page.getByRole("heading", { name: "Förderkette" }).count()).toBe(1);
  expect(await page.getByRole("heading", { name: "Kommt meist davor" }).count()).toBe(1);
  await page.getByRole("link", { name: "Integrationskurs (allgemein)" }).click();
  await page.waitForURL("**/verzeichnis/angebote/integrationskurs-allgemein");
  await expectNoAxeViolations(page);
  await context.close();
});

test("a missing entry is a 404 in the site's shell", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const response = await page.goto("/verzeichnis/angebote/gibt-es-nicht");
  expect(response?.status()).toBe(404);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Seite nicht gefunden");
  expect(await page.getByRole("navigation", { name: "Hauptnavigation" }).count()).toBe(1);
  await context.close();
});

for (const javaScriptEnabled of [true, false]) {
  test(`a coordinator edits a service and the directory finds the new name (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const context = await newContext(browser, { javaScriptEnabled });
    const [name, value] = (await sessionCookieFor(coordinator.id)).split("=");
    await context.addCookies([{ name: name!, value: value!, url: baseUrl() }]);
    const page = await context.newPage();
    await page.goto("/verzeichnis/angebote/sprachtreff-lindach");
    await page.getByRole("link", { name: "Bearbeiten" }).click();
    await page.waitForURL("**/bearbeiten");
    await expectNoAxeViolations(page);
    await page.getByLabel("Name des Angebots").fill("x");
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect.poll(() => page.getByText("Der Name muss mindestens 3 Zeichen lang sein.").count()).toBe(1);
    await expectNoAxeViolations(page);
    const newName = javaScriptEnabled ? "Sprachtreff Lindach am Holunderweg" : "Sprachtreff Lindach im Kastanienhof";
    await page.getByLabel("Name des Angebots").fill(newName);
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.waitForURL("**/verzeichnis/angebote/sprachtreff-lindach");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(newName);
    // The job queue brings the change to the index within moments.
    const word = javaScriptEnabled ? "Holunderweg" : "Kastanienhof";
    await expect
      .poll(
        async () => {
          await page.goto(`/verzeichnis?q=${word}`);
          return page.locator(".hit__title").first().textContent();
        },
        { timeout: 15_000 },
      )
      .toBe(newName);
    await context.close();
  });
}

test("coordinators see the Angebotslandschaft; its gaps link nowhere and its counts to the directory", async () => {
  const coordinator = await createTestUser({ role: "coordinator" });
  const context = await newContext(browser);
  const [name, value] = (await sessionCookieFor(coordinator.id)).split("=");
  await context.addCookies([{ name: name!, value: value!, url: baseUrl() }]);
  const page = await context.newPage();
  await page.goto("/verzeichnis");
  await page.getByRole("link", { name: "Angebotslandschaft" }).click();
  await page.waitForURL("**/verzeichnis/uebersicht");
  await expectNoAxeViolations(page);
  expect(await page.locator(".matrix__gap").count()).toBeGreaterThan(0);
  await page.locator(".matrix tbody a").first().click();
  await page.waitForURL((url) => url.pathname === "/verzeichnis" && url.searchParams.has("kategorie") && url.searchParams.has("ort"));
  await context.close();
});

test("the partner and location forms tie their hints and errors to the fields", async () => {
  const coordinator = await createTestUser({ role: "coordinator" });
  const context = await newContext(browser);
  const [name, value] = (await sessionCookieFor(coordinator.id)).split("=");
  await context.addCookies([{ name: name!, value: value!, url: baseUrl() }]);
  const page = await context.newPage();
  await page.goto("/verzeichnis/partner/sg-lindach/bearbeiten");
  await expectNoAxeViolations(page);
  const description = page.getByLabel("Beschreibung", { exact: true });
  await description.fill("kurz");
  await page.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect.poll(() => page.getByText("Bitte beschreiben Sie das Angebot in mindestens 10 Zeichen.").count()).toBe(1);
  expect(await description.getAttribute("aria-invalid")).toBe("true");
  await expectNoAxeViolations(page);

  await page.goto("/verzeichnis/partner/sg-lindach");
  await page.getByRole("link", { name: "Standort bearbeiten" }).first().click();
  await page.waitForURL("**/standorte/*");
  await expectNoAxeViolations(page);
  const hours = page.getByLabel("Öffnungszeiten", { exact: true });
  expect(await hours.getAttribute("aria-describedby")).toMatch(/-hint$/);
  await hours.fill("Montags immer");
  await page.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect.poll(() => page.getByText("Bitte schreiben Sie die Öffnungszeiten wie „Mo-Fr 09:00-12:00“, eine Angabe pro Zeile.").count()).toBe(1);
  // The hint and the error, both read out with the field.
  expect((await hours.getAttribute("aria-describedby"))?.split(" ")).toHaveLength(2);
  await expectNoAxeViolations(page);
  await context.close();
});
