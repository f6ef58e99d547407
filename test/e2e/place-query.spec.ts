import type { Browser } from "playwright-core";
import { expectNoAxeViolations, launchBrowser, newContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("a place in the query narrows or ranks, says so, and links to the plain words", async () => {
  for (const javaScriptEnabled of [true, false]) {
    const guest = await newContext(browser, { javaScriptEnabled });
    const page = await guest.newPage();
    await page.goto(`/verzeichnis?${new URLSearchParams({ q: "Kita in Lindach" })}`);
    await expect.poll(() => page.getByText("Ergebnisse in Lindach.").count()).toBe(1);
    const towns = await page.locator(".hit__meta").allTextContents();
    expect(towns.length).toBeGreaterThan(0);
    expect(towns.every((meta) => meta.includes("Lindach"))).toBe(true);
    // The search box keeps what was typed.
    expect(await page.getByLabel("Was suchen Sie?").inputValue()).toBe("Kita in Lindach");
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Stattdessen nach allen Wörtern suchen" }).click();
    await page.waitForURL((url) => url.searchParams.get("woertlich") === "1");
    await expect.poll(() => page.getByText("Ergebnisse in Lindach.").count()).toBe(0);

    await page.goto(`/verzeichnis?${new URLSearchParams({ q: "Kita 63910" })}`);
    await expect.poll(() => page.getByText("Nach Entfernung von 63910 sortiert.").count()).toBe(1);
    expect(await page.locator(".hit__meta").first().textContent()).toContain("Weidenfeld");
    await guest.close();
  }
});
