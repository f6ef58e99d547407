import { eq } from "drizzle-orm";
import type { Browser, BrowserContext } from "playwright-core";
import { db } from "#db/client";
import { users } from "#db/schema";
import { createTestUser, sessionCookieFor, TEST_PASSWORD, uniqueEmail } from "#test/factories";
import { expectNoAxeViolations, launchBrowser, linkFrom, newContext, signedInContext, waitForMail } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const signedIn = (userId: string, javaScriptEnabled: boolean): Promise<BrowserContext> => signedInContext(browser, userId, { javaScriptEnabled });

for (const javaScriptEnabled of [true, false]) {
  describe(`account self-service ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test("sessions: this device is marked, another one ends, then all others", async () => {
      const user = await createTestUser({ displayName: "Sina Sitzung" });
      // Two other devices before this one.
      await sessionCookieFor(user.id);
      await sessionCookieFor(user.id);
      const context = await signedIn(user.id, javaScriptEnabled);
      const page = await context.newPage();
      await page.goto("/konto");
      await page.getByRole("link", { name: "Angemeldete Geräte (Sitzungen)" }).click();
      await page.waitForURL("**/konto/sicherheit");
      await expectNoAxeViolations(page);
      expect(await page.getByRole("row").count()).toBe(4);
      expect(await page.getByText("Dieses Gerät").count()).toBe(1);

      await page
        .getByRole("button", { name: /^Beenden/ })
        .first()
        .click();
      await expect.poll(() => page.getByText("Die Sitzung wurde beendet.").count()).toBe(1);
      expect(await page.getByRole("row").count()).toBe(3);

      await page.getByRole("button", { name: "Alle anderen Sitzungen beenden" }).click();
      await expect.poll(() => page.getByText("Alle anderen Sitzungen wurden beendet.").count()).toBe(1);
      expect(await page.getByRole("row").count()).toBe(2);
      expect(await page.getByText("Ihr Konto ist nur auf diesem Gerät angemeldet.").count()).toBe(1);
      await expectNoAxeViolations(page);
      await context.close();
    });

    test("profile: name changed; e-mail change refused at the field, then confirmed by the link to the new address", async () => {
      const user = await createTestUser({ displayName: "Paula Profil" });
      const other = await createTestUser();
      const newEmail = uniqueEmail("neu");
      const context = await signedIn(user.id, javaScriptEnabled);
      const page = await context.newPage();
      await page.goto("/konto");
      await page.getByRole("link", { name: "Profil, Name und E-Mail-Adresse" }).click();
      await page.waitForURL("**/konto/profil");
      await expectNoAxeViolations(page);

      await page.getByRole("textbox", { name: "Anzeigename" }).fill("");
      await page.getByRole("button", { name: "Namen speichern" }).click();
      await expect.poll(() => page.getByText("Bitte füllen Sie dieses Feld aus.").count()).toBe(1);
      await expectNoAxeViolations(page);
      await page.getByRole("textbox", { name: "Anzeigename" }).fill("Paula Neuname");
      await page.getByRole("button", { name: "Namen speichern" }).click();
      await expect.poll(() => page.getByText("Ihr Name wurde geändert.").count()).toBe(1);
      expect(await page.getByRole("textbox", { name: "Anzeigename" }).inputValue()).toBe("Paula Neuname");

      await page.getByLabel("Neue E-Mail-Adresse").fill(other.email);
      await page.getByLabel("Ihr aktuelles Passwort").fill(TEST_PASSWORD);
      await page.getByRole("button", { name: "Änderung anfordern" }).click();
      await expect.poll(() => page.getByText("Diese E-Mail-Adresse gehört schon zu einem anderen Konto.").count()).toBe(1);
      await expectNoAxeViolations(page);
      expect(await page.getByLabel("Neue E-Mail-Adresse").inputValue()).toBe(other.email);
      expect(await page.getByLabel("Neue E-Mail-Adresse").getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByLabel("Ihr aktuelles Passwort").inputValue()).toBe("");

      await page.getByLabel("Neue E-Mail-Adresse").fill(newEmail);
      await page.getByLabel("Ihr aktuelles Passwort").fill(TEST_PASSWORD);
      await page.getByRole("button", { name: "Änderung anfordern" }).click();
      await expect.poll(() => page.getByText("Wir haben einen Bestätigungslink an die neue Adresse geschickt.").count()).toBe(1);
      await expect.poll(() => page.getByText(`Die Adresse ${newEmail} wartet auf Bestätigung.`, { exact: false }).count()).toBe(1);
      expect(await page.getByText(`Aktuelle Adresse: ${user.email}`).count()).toBe(1);
      await expectNoAxeViolations(page);

      expect(await waitForMail(user.email)).toContain(newEmail);
      await page.goto(linkFrom(await waitForMail(newEmail)));
      await page.waitForURL("**/konto/profil");
      await expect.poll(() => page.getByText("Ihre neue E-Mail-Adresse ist bestätigt und gilt ab jetzt.").count()).toBe(1);
      expect(await page.getByText(`Aktuelle Adresse: ${newEmail}`).count()).toBe(1);
      const [row] = await db.select({ email: users.email, displayName: users.displayName }).from(users).where(eq(users.id, user.id));
      expect(row).toEqual({ email: newEmail, displayName: "Paula Neuname" });
      await context.close();
    });
  });
}

test("a guest is sent to sign in from both pages", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  for (const path of ["/konto/sicherheit", "/konto/profil"]) {
    await page.goto(path);
    await page.waitForURL("**/anmelden?redirectTo=*");
  }
  await context.close();
});
