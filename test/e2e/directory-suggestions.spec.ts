import type { Browser, BrowserContext } from "playwright-core";
import { createTestUser, sessionCookieFor } from "#test/factories";
import { baseUrl, expectNoAxeViolations, launchBrowser, newContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(context: BrowserContext, role: "member" | "coordinator") {
  const user = await createTestUser({ role });
  const [name, value] = (await sessionCookieFor(user.id)).split("=");
  await context.addCookies([{ name: name!, value: value!, url: baseUrl() }]);
  return user;
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "with" : "without";
  test(`a member suggests a change on a partner page and a coordinator marks it done (${mode} JavaScript)`, async () => {
    const member = await newContext(browser, { javaScriptEnabled });
    await signedIn(member, "member");
    const page = await member.newPage();
    await page.goto("/verzeichnis/partner/mieterverein-auental");
    const box = page.getByLabel("Was stimmt nicht oder fehlt?");
    await box.fill("kurz");
    await page.getByRole("button", { name: "Vorschlag senden" }).click();
    await expect.poll(() => page.getByText("Bitte beschreiben Sie die Änderung in mindestens 10 Zeichen.").count()).toBe(1);
    expect(await box.inputValue()).toBe("kurz");
    await expectNoAxeViolations(page);
    const message = `Die Sprechstunde ist jetzt dienstags (${mode} JavaScript).`;
    await box.fill(message);
    await page.getByRole("button", { name: "Vorschlag senden" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Danke! Ihr Vorschlag ist angekommen." }).count()).toBe(1);
    await member.close();

    const coordination = await newContext(browser, { javaScriptEnabled });
    await signedIn(coordination, "coordinator");
    const editPage = await coordination.newPage();
    await editPage.goto("/verzeichnis/partner/mieterverein-auental/bearbeiten");
    const item = editPage.locator(".suggestion").filter({ hasText: message });
    expect(await item.count()).toBe(1);
    await expectNoAxeViolations(editPage);
    await item.getByRole("button", { name: "Erledigt" }).click();
    await expect.poll(() => editPage.locator(".suggestion").filter({ hasText: message }).count()).toBe(0);
    await coordination.close();
  });
}

test("guests see a sign-in link instead of the form on a partner page", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/verzeichnis/partner/mieterverein-auental");
  const link = page.getByRole("link", { name: "Anmelden, um eine Änderung vorzuschlagen" });
  expect(await link.getAttribute("href")).toBe("/anmelden?redirectTo=%2Fverzeichnis%2Fpartner%2Fmieterverein-auental");
  expect(await page.getByLabel("Was stimmt nicht oder fehlt?").count()).toBe(0);
  await context.close();
});

test("the import report of a broken file reads German, record by record", async () => {
  const context = await newContext(browser);
  await signedIn(context, "coordinator");
  const page = await context.newPage();
  await page.goto("/verzeichnis/import");
  await page.getByLabel("Datei (.json oder .csv, höchstens 10 MB)").setInputFiles("test/fixtures/import-broken.csv");
  await page.getByRole("button", { name: "Hochladen und prüfen" }).click();
  await expect.poll(() => page.locator(".report__outcome").textContent()).toBe("Nicht importiert – bitte den Bericht prüfen");
  const report = (await page.locator(".report__lines").textContent()) ?? "";
  expect(report).toContain("Datensatz 4 (Zeile 5, Angebot „Hausaufgabenhilfe“): postal_code: muss aus fünf Ziffern bestehen");
  expect(report).toContain("Nur geprüft: 4 von 5 Datensätzen enthalten Fehler");
  expect(report).not.toMatch(/\brecord\b/);
  await expectNoAxeViolations(page);
  await context.close();
});
