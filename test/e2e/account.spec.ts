import type { Browser, Page } from "playwright-core";
import { uniqueEmail } from "#test/factories";
import { expectNoAxeViolations, launchBrowser, linkFrom, newContext, waitForMail } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/anmelden");
  await expectNoAxeViolations(page);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
}

for (const javaScriptEnabled of [true, false]) {
  describe(`account life cycle ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test("register → confirm e-mail → sign out → sign in → change password → sign out", async () => {
      const context = await newContext(browser, { javaScriptEnabled });
      const page = await context.newPage();
      const email = uniqueEmail("browser");
      const firstPassword = "Mein Weg nach Auenstadt";
      const secondPassword = "Ein neuer Weg nach Lindach";

      await page.goto("/");
      await expectNoAxeViolations(page);
      await page.getByRole("link", { name: "Registrieren" }).click();
      await page.waitForURL("**/registrieren");
      await expectNoAxeViolations(page);

      // Bad input: messages at the fields, typed values kept, password emptied.
      await page.getByLabel("Name").fill("Lena Weber");
      await page.getByLabel("E-Mail-Adresse").fill("lena-at-example");
      await page.getByLabel("Passwort").fill("kurz");
      await page.getByRole("button", { name: "Konto anlegen" }).click();
      await expect.poll(() => page.getByText("Bitte geben Sie eine gültige E-Mail-Adresse ein").count()).toBe(1);
      await expectNoAxeViolations(page);
      expect(await page.getByLabel("Name").inputValue()).toBe("Lena Weber");
      expect(await page.getByLabel("E-Mail-Adresse").inputValue()).toBe("lena-at-example");
      expect(await page.getByLabel("E-Mail-Adresse").getAttribute("aria-invalid")).toBe("true");

      await page.getByLabel("E-Mail-Adresse").fill(email);
      await page.getByLabel("Passwort").fill(firstPassword);
      await page.getByRole("button", { name: "Konto anlegen" }).click();
      await page.waitForURL("**/konto");
      await expect.poll(() => page.getByText("noch nicht bestätigt").count()).toBe(1);
      await expectNoAxeViolations(page);

      const mail = await waitForMail(email);
      expect(mail).toContain("bitte bestätigen Sie Ihre E-Mail-Adresse für Kurze Wege");
      await page.goto(linkFrom(mail));
      await page.waitForURL("**/konto");
      await expect.poll(() => page.getByText("Ihre E-Mail-Adresse ist bestätigt.").count()).toBe(1);
      expect(await page.getByText("(bestätigt)").count()).toBe(1);

      await page.getByRole("button", { name: "Abmelden" }).click();
      await expect.poll(() => page.getByText("Sie sind abgemeldet.").count()).toBe(1);

      await signIn(page, email, "ganz falsch geraten");
      await expect.poll(() => page.getByText("E-Mail-Adresse oder Passwort stimmen nicht.").count()).toBe(1);
      await expectNoAxeViolations(page);
      expect(await page.getByLabel("E-Mail-Adresse").inputValue()).toBe(email);

      await signIn(page, email, firstPassword);
      await expect.poll(() => page.getByText("Sie sind angemeldet.").count()).toBe(1);

      await page.goto("/konto/passwort");
      await expectNoAxeViolations(page);
      await page.getByLabel("Aktuelles Passwort").fill(firstPassword);
      await page.getByLabel("Neues Passwort").fill(secondPassword);
      await page.getByRole("button", { name: "Passwort ändern" }).click();
      await page.waitForURL("**/konto");
      await expect.poll(() => page.getByText("Ihr Passwort wurde geändert.").count()).toBe(1);

      await page.getByRole("button", { name: "Abmelden" }).click();
      await expect.poll(() => page.getByText("Sie sind abgemeldet.").count()).toBe(1);
      await signIn(page, email, secondPassword);
      await expect.poll(() => page.getByText("Sie sind angemeldet.").count()).toBe(1);
      await context.close();
    });
  });
}

test("forgotten password: the mailed link sets a new one", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const email = uniqueEmail("vergessen");
  await page.goto("/registrieren");
  await page.getByLabel("Name").fill("Omar Haddad");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill("Sommer am Auensee 2026");
  await page.getByRole("button", { name: "Konto anlegen" }).click();
  await page.waitForURL("**/konto");
  await page.getByRole("button", { name: "Abmelden" }).click();
  await expect.poll(() => page.getByText("Sie sind abgemeldet.").count()).toBe(1);

  await page.goto("/passwort-vergessen");
  await expectNoAxeViolations(page);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("button", { name: "Link senden" }).click();
  await expect.poll(() => page.getByText("ist ein Link unterwegs").count()).toBe(1);

  const mail = await waitForMail(email);
  expect(mail).toContain("mit diesem Link können Sie ein neues Passwort setzen");
  await page.goto(linkFrom(mail));
  await expectNoAxeViolations(page);
  await page.getByLabel("Neues Passwort").fill("Herbst in Weidenfeld 2026");
  await page.getByRole("button", { name: "Passwort speichern" }).click();
  await page.waitForURL("**/anmelden");
  await signIn(page, email, "Herbst in Weidenfeld 2026");
  await expect.poll(() => page.getByText("Sie sind angemeldet.").count()).toBe(1);
  await context.close();
});
