import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { db } from "#db/client";
import { invitations, users } from "#db/schema";
import { createTestUser } from "#test/factories";
import { expectNoAxeViolations, launchBrowser, linkFrom, newContext, signedInContext, waitForMail } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const addressesFor = (tag: string) => [`ina.${tag}@test.example`, `jan.${tag}@test.example`, `kai.${tag}@test.example`];
const stateOf = (page: Page, email: string) => page.locator("tr", { has: page.getByRole("rowheader", { name: email }) }).getAttribute("data-state");

for (const javaScriptEnabled of [true, false]) {
  describe(`invitations ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test("an admin pastes three addresses (a bad line first) → three mails → one accepts → 1 accepted + 2 pending → one withdrawn", async () => {
      const tag = randomBytes(3).toString("hex");
      const [ina, jan, kai] = addressesFor(tag) as [string, string, string];
      const admin = await createTestUser({ role: "admin", displayName: `Anke Admin ${tag}` });
      const context = await signedInContext(browser, admin.id, { javaScriptEnabled });
      const page = await context.newPage();

      await page.goto("/verwaltung");
      await expectNoAxeViolations(page);
      await page.getByRole("link", { name: "Einladungen" }).click();
      await page.waitForURL("**/verwaltung/einladungen");
      await expectNoAxeViolations(page);

      // A bad line: nothing is sent, the list comes back as typed, the line is named.
      const typed = `${ina}\nfoo@\nJan Jansen <${jan}>; ${kai}`;
      await page.getByLabel("E-Mail-Adressen").fill(typed);
      await page.getByRole("button", { name: "Einladungen senden" }).click();
      await expect.poll(() => page.getByText("Zeile 2: „foo@“ ist keine E-Mail-Adresse").count()).toBe(1);
      expect(await page.getByLabel("E-Mail-Adressen").inputValue()).toBe(typed);
      expect(await page.getByLabel("E-Mail-Adressen").getAttribute("aria-invalid")).toBe("true");
      await expectNoAxeViolations(page);
      expect(await db.select().from(invitations).where(eq(invitations.email, ina))).toEqual([]);

      await page.getByLabel("E-Mail-Adressen").fill(`${ina}\nJan Jansen <${jan}>; ${kai}`);
      await page.getByRole("button", { name: "Einladungen senden" }).click();
      await expect.poll(() => page.getByText("Die Einladungen sind verschickt.").count()).toBe(1);
      expect(await page.getByLabel("E-Mail-Adressen").inputValue()).toBe("");
      const mails = await Promise.all([ina, jan, kai].map((email) => waitForMail(email)));
      expect(mails.every((mail) => mail.includes(`Anke Admin ${tag}`) && mail.includes("/einladung/"))).toBe(true);
      await expectNoAxeViolations(page);

      // Jan accepts in a browser of his own.
      const guest = await newContext(browser, { javaScriptEnabled });
      const guestPage = await guest.newPage();
      const link = linkFrom(mails[1]!);
      await guestPage.goto(link);
      await expectNoAxeViolations(guestPage);
      expect(await guestPage.getByLabel("E-Mail-Adresse").inputValue()).toBe(jan);
      expect(await guestPage.getByLabel("E-Mail-Adresse").getAttribute("readonly")).not.toBeNull();
      await guestPage.getByLabel("Name").fill(`Jan Jansen ${tag}`);
      await guestPage.getByLabel("Passwort", { exact: true }).fill("kurz");
      await guestPage.getByRole("button", { name: "Konto anlegen" }).click();
      await expect.poll(() => guestPage.getByText("Das Passwort muss mindestens 8 Zeichen lang sein.").count()).toBe(1);
      expect(await guestPage.getByLabel("Name").inputValue()).toBe(`Jan Jansen ${tag}`);
      await expectNoAxeViolations(guestPage);
      await guestPage.getByLabel("Passwort", { exact: true }).fill("Mein Weg ins Netzwerk 2026");
      await guestPage.getByRole("button", { name: "Konto anlegen" }).click();
      await guestPage.waitForURL("**/konto/profil");
      await expect.poll(() => guestPage.getByText("Willkommen im Netzwerk!").count()).toBe(1);
      const [account] = await db.select({ role: users.role, verified: users.emailVerifiedAt }).from(users).where(eq(users.email, jan));
      expect(account?.role).toBe("member");
      expect(account?.verified).not.toBeNull();

      // The link is used up: a page that says so, for anyone who opens it again.
      const later = await newContext(browser, { javaScriptEnabled });
      const laterPage = await later.newPage();
      expect((await laterPage.goto(link))?.status()).toBe(404);
      expect(await laterPage.getByText("Diese Einladung ist abgelaufen oder wurde schon verwendet.").count()).toBe(1);
      await expectNoAxeViolations(laterPage);

      await page.goto("/verwaltung/einladungen");
      expect(await Promise.all([ina, jan, kai].map((email) => stateOf(page, email)))).toEqual(["pending", "accepted", "pending"]);
      await page.getByRole("button", { name: `Zurückziehen (${kai})` }).click();
      await expect.poll(() => page.getByText("Die Einladung ist zurückgezogen").count()).toBe(1);
      await expect.poll(() => stateOf(page, kai)).toBe("revoked");
      await expectNoAxeViolations(page);

      // The filter by state.
      await page.getByLabel("Stand").selectOption({ label: "offen" });
      await page.getByRole("button", { name: "Anzeigen" }).click();
      await page.waitForURL((url) => url.searchParams.get("stand") === "pending");
      await expect.poll(() => page.getByRole("rowheader", { name: ina }).count()).toBe(1);
      // The URL changes before the filtered list arrives: wait for the list, not the address.
      await expect.poll(() => page.getByRole("rowheader", { name: kai }).count()).toBe(0);
      await expectNoAxeViolations(page);

      await db.delete(invitations).where(inArray(invitations.email, [ina, jan, kai]));
      await Promise.all([context.close(), guest.close(), later.close()]);
    });
  });
}

test("a coordinator invites members only and sees the setting read-only; a member gets 403", async () => {
  const coordinator = await createTestUser({ role: "coordinator", displayName: "Clara Koordination" });
  const context = await signedInContext(browser, coordinator.id);
  const page = await context.newPage();
  await page.goto("/verwaltung/einladungen");
  await expectNoAxeViolations(page);
  expect(await page.getByLabel("Rolle").locator("option").allTextContents()).toEqual(["Mitglied"]);
  expect(await page.getByText("Diese Einstellung ändert die Administration.").count()).toBe(1);
  expect(await page.getByRole("button", { name: "Einstellung speichern" }).count()).toBe(0);
  await page.goto("/verwaltung");
  await expectNoAxeViolations(page);
  expect(await page.getByRole("link", { name: "Protokoll der Verwaltung" }).count()).toBe(0);

  const member = await createTestUser({ displayName: "Mia Mitglied" });
  const memberContext = await signedInContext(browser, member.id);
  expect((await (await memberContext.newPage()).goto("/verwaltung/einladungen"))?.status()).toBe(403);
  await Promise.all([context.close(), memberContext.close()]);
});
