import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { db } from "#db/client";
import { users } from "#db/schema";
import { totpCode, totpStep } from "#app/modules/auth/totp.server";
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD } from "#app/modules/demo/demo-users.server";
import { createTestUser, TEST_PASSWORD } from "#test/factories";
import { expectNoAxeViolations, launchBrowser, newContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A code the server has not seen for this account yet, as an app would show it: a step is accepted only
 * once, so when this step was used already (the run before), the next one (within the window), or wait.
 */
async function freshCode(userId: string, secret: string): Promise<string> {
  for (;;) {
    const [row] = await db.select({ lastStep: users.totpLastStep }).from(users).where(eq(users.id, userId));
    const now = totpStep();
    const step = Math.max(now, (row?.lastStep ?? 0) + 1);
    if (step <= now + 1) return totpCode(secret, step * 30_000 + 1000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function signIn(page: Page, email: string, password: string, redirectTo?: string) {
  await page.goto(redirectTo ? `/anmelden?redirectTo=${encodeURIComponent(redirectTo)}` : "/anmelden");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel("Bestätigungscode").fill(code);
  await page.getByRole("button", { name: "Bestätigen" }).click();
}

const signOut = async (page: Page) => {
  await page.getByRole("button", { name: "Abmelden" }).click();
  await expect.poll(() => page.getByText("Sie sind abgemeldet.").count()).toBe(1);
};

for (const javaScriptEnabled of [true, false]) {
  describe(`two-factor sign-in ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test("the demo admin signs in with the password and a code from the demo secret", async () => {
      const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@auental.example"));
      const context = await newContext(browser, { javaScriptEnabled });
      const page = await context.newPage();
      await signIn(page, "admin@auental.example", DEMO_PASSWORD, "/verwaltung/personen");
      await page.waitForURL("**/anmelden/code?redirectTo=*");
      await expectNoAxeViolations(page);
      // Owing the code is being nobody: the administration asks for a sign-in.
      expect(await page.getByRole("link", { name: "Verwaltung" }).count()).toBe(0);

      await enterCode(page, "000000");
      await expect.poll(() => page.getByText("Dieser Code stimmt nicht").count()).toBe(1);
      expect(await page.getByLabel("Bestätigungscode").getAttribute("aria-invalid")).toBe("true");
      await expectNoAxeViolations(page);

      await enterCode(page, await freshCode(admin!.id, DEMO_ADMIN_TOTP_SECRET));
      await page.waitForURL("**/verwaltung/personen");
      await expect.poll(() => page.getByText("Sie sind angemeldet.").count()).toBe(1);
      await context.close();
    });

    test("a coordinator without it is sent to set it up, cannot go elsewhere, sets it up and gets recovery codes; a recovery code works once", async () => {
      const coordinator = await createTestUser({ role: "coordinator", displayName: "Kora Koordination" });
      const context = await newContext(browser, { javaScriptEnabled });
      const page = await context.newPage();
      await signIn(page, coordinator.email, TEST_PASSWORD, "/verwaltung/personen");
      await page.waitForURL("**/konto/zwei-faktor?redirectTo=*");
      await expect.poll(() => page.getByText("Bitte richten Sie zuerst die Zwei-Faktor-Anmeldung ein.").count()).toBe(1);
      await expectNoAxeViolations(page);

      // Nothing else opens before it is set up: not by address, not by a link in the header.
      await page.goto("/verwaltung");
      expect(new URL(page.url()).pathname).toBe("/konto/zwei-faktor");
      await page.getByRole("link", { name: "Open Mic" }).first().click();
      await page.waitForURL("**/konto/zwei-faktor");
      await page.goto("/konto/zwei-faktor?redirectTo=%2Fverwaltung%2Fpersonen");

      const secret = (await page.locator("#totp-secret").textContent())!.replace(/\s+/g, "");
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(await page.getByRole("img", { name: /QR-Code/ }).count()).toBe(1);

      await page.getByLabel("Code aus der App").fill("12");
      await page.getByRole("button", { name: "Zwei-Faktor-Anmeldung einschalten" }).click();
      await expect.poll(() => page.getByText("Bitte geben Sie die 6 Ziffern ein").count()).toBe(1);
      await expectNoAxeViolations(page);
      // The same secret is still offered after a mistake.
      expect((await page.locator("#totp-secret").textContent())!.replace(/\s+/g, "")).toBe(secret);

      await page.getByLabel("Code aus der App").fill(totpCode(secret));
      await page.getByRole("button", { name: "Zwei-Faktor-Anmeldung einschalten" }).click();
      await expect.poll(() => page.getByRole("heading", { name: "Ihre Wiederherstellungscodes" }).count()).toBe(1);
      await expectNoAxeViolations(page);
      const codes = await page.locator(".recovery-codes code").allTextContents();
      expect(codes).toHaveLength(10);
      await page.getByRole("link", { name: "Ich habe die Codes gesichert – weiter" }).click();
      await page.waitForURL("**/verwaltung/personen");
      expect((await page.goto("/verwaltung"))?.status()).toBe(200);
      await signOut(page);

      // A recovery code signs in once.
      await signIn(page, coordinator.email, TEST_PASSWORD);
      await page.waitForURL("**/anmelden/code");
      await enterCode(page, codes[0]!.toUpperCase());
      await expect.poll(() => page.getByText("Wiederherstellungscode verbraucht").count()).toBe(1);
      await signOut(page);
      await signIn(page, coordinator.email, TEST_PASSWORD);
      await page.waitForURL("**/anmelden/code");
      await enterCode(page, codes[0]!);
      await expect.poll(() => page.getByText("Dieser Code stimmt nicht").count()).toBe(1);
      await enterCode(page, await freshCode(coordinator.id, secret));
      await expect.poll(() => page.getByText("Sie sind angemeldet.").count()).toBe(1);

      // The security page shows the state and leads to the page that manages it.
      await page.goto("/konto/sicherheit");
      await expect.poll(() => page.getByText(/Eingeschaltet seit/).count()).toBe(1);
      await page.getByRole("link", { name: "Zwei-Faktor-Anmeldung verwalten" }).click();
      await page.waitForURL("**/konto/zwei-faktor");
      await expectNoAxeViolations(page);
      expect(await page.getByText("Sie können sie nicht ausschalten").count()).toBe(1);
      await context.close();
    });
  });
}
