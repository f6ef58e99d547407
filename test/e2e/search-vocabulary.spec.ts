import type { Browser } from "playwright-core";
import { createTestUser } from "#test/factories";
import { expectNoAxeViolations, launchBrowser, newContext, signedInContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("a coordinator adds a synonym and the next searches use it; bad input is answered at the field", async () => {
  const coordinator = await createTestUser({ role: "coordinator" });
  const context = await signedInContext(browser, coordinator.id);
  const page = await context.newPage();
  await page.goto("/verzeichnis");
  await page.getByRole("link", { name: "Suchbegriffe" }).click();
  await page.waitForURL("**/verzeichnis/suchbegriffe");
  await expectNoAxeViolations(page);

  const words = page.getByLabel("Wörter der Gruppe", { exact: true });
  await words.fill("nur-ein-wort");
  await page.getByRole("button", { name: "Gruppe hinzufügen" }).click();
  await expect.poll(() => page.getByText("Bitte mindestens 2 Wörter angeben.").count()).toBe(1);
  expect(await words.inputValue()).toBe("nur-ein-wort");

  await words.fill("Plauderkurs\nIntegrationskurs");
  await page.getByRole("button", { name: "Gruppe hinzufügen" }).click();
  await expect.poll(() => page.getByLabel("Wörter der Gruppe 1").inputValue()).toBe("plauderkurs, integrationskurs");
  await expectNoAxeViolations(page);

  // The job queue brings the group to the live index within seconds.
  await expect
    .poll(
      async () => {
        await page.goto("/verzeichnis?q=Plauderkurs");
        return page.locator(".hit__title").count();
      },
      { timeout: 20_000, interval: 500 },
    )
    .toBeGreaterThan(0);
  await context.close();
});

test("a search without results offers help and appears in the coordinators' report", async () => {
  const guest = await newContext(browser);
  const page = await guest.newPage();
  await page.goto("/verzeichnis?q=Schuldnrbaratunk");
  await expect.poll(() => page.getByRole("heading", { name: "Nichts gefunden – vielleicht hilft das:" }).count()).toBe(1);
  expect(await page.getByRole("link", { name: "schuldnerberatung" }).count()).toBe(1);
  expect(await page.getByRole("link", { name: "Fragen Sie das Netzwerk im Open Mic" }).getAttribute("href")).toBe("/open-mic/neu");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "schuldnerberatung" }).click();
  await page.waitForURL((url) => url.searchParams.get("q") === "schuldnerberatung");
  await expect.poll(() => page.locator(".hit__title").count()).toBeGreaterThan(0);
  await guest.close();

  const coordinator = await createTestUser({ role: "coordinator" });
  const context = await signedInContext(browser, coordinator.id);
  const report = await context.newPage();
  await report.goto("/verzeichnis/suchbegriffe");
  const row = report.getByRole("table", { name: "Suchen ohne Treffer, häufigste zuerst" }).getByRole("row").filter({ hasText: "schuldnrbaratunk" });
  expect(await row.count()).toBe(1);
  expect(await row.getByRole("cell").nth(1).textContent()).toBe("1");
  await context.close();
});

test("wheelchair access is a filter without JavaScript", async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/verzeichnis");
  await page.getByLabel(/^Rollstuhlgerecht/).check();
  await page.getByRole("button", { name: "Filter anwenden" }).click();
  await page.waitForURL((url) => url.searchParams.get("rollstuhl") === "1");
  expect(await page.getByLabel(/^Rollstuhlgerecht/).isChecked()).toBe(true);
  expect(await page.locator(".hit__title").count()).toBeGreaterThan(0);
  await context.close();
});
