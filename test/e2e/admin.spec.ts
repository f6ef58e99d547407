import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { Browser, BrowserContext } from "playwright-core";
import { db } from "#db/client";
import { users, type UserRole } from "#db/schema";
import { announceSetupLink } from "#app/modules/admin/setup.server";
import { createTestUser } from "#test/factories";
import { baseUrl, expectNoAxeViolations, launchBrowser, newContext, signedInContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const signedIn = (userId: string, javaScriptEnabled: boolean): Promise<BrowserContext> => signedInContext(browser, userId, { javaScriptEnabled });

async function asRole(role: UserRole, javaScriptEnabled: boolean, displayName: string) {
  const user = await createTestUser({ role, displayName });
  return signedIn(user.id, javaScriptEnabled);
}

for (const javaScriptEnabled of [true, false]) {
  describe(`administration ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test("people list → person → block (reason required) → the person's open session is refused → unblock → admin log", async () => {
      const tag = randomBytes(3).toString("hex");
      const name = `Greta Gesperrt ${tag}`;
      const person = await createTestUser({ displayName: name });
      const personContext = await signedIn(person.id, javaScriptEnabled);
      const personPage = await personContext.newPage();
      expect((await personPage.goto("/konto"))?.url()).toContain("/konto");

      const context = await asRole("admin", javaScriptEnabled, `Anton Admin ${tag}`);
      const page = await context.newPage();
      await page.goto("/");
      await page.getByRole("link", { name: "Verwaltung" }).click();
      await page.waitForURL("**/verwaltung/personen");
      await expectNoAxeViolations(page);

      await page.getByLabel("Name oder E-Mail-Adresse").fill(tag);
      await page.getByLabel("Status").selectOption({ label: "aktiv" });
      await page.getByRole("button", { name: "Anzeigen" }).click();
      await page.waitForURL((url) => url.searchParams.get("q") === tag && url.searchParams.get("status") === "active");
      await expect.poll(() => page.getByRole("link", { name }).count()).toBe(1);
      await expectNoAxeViolations(page);
      await page.getByRole("link", { name }).click();
      await page.waitForURL(`**/verwaltung/personen/${person.id}`);
      await expectNoAxeViolations(page);

      // Without a reason the block is refused at the field, and nothing happens.
      await page.getByRole("button", { name: "Konto sperren" }).click();
      await expect.poll(() => page.getByText("Bitte geben Sie einen Grund an.").count()).toBe(1);
      expect(await page.getByLabel("Grund der Sperre").getAttribute("aria-invalid")).toBe("true");
      await expectNoAxeViolations(page);
      const [before] = await db.select({ blockedAt: users.blockedAt }).from(users).where(eq(users.id, person.id));
      expect(before!.blockedAt).toBeNull();

      await page.getByLabel("Grund der Sperre").fill(`Werbung in mehreren Anliegen ${tag}`);
      await page.getByRole("button", { name: "Konto sperren" }).click();
      await expect.poll(() => page.getByText("Das Konto ist gesperrt; alle Sitzungen sind beendet.").count()).toBe(1);
      await expect.poll(() => page.getByRole("button", { name: "Sperre aufheben" }).count()).toBe(1);
      expect(await page.getByText("Keine offenen Sitzungen.").count()).toBe(1);
      await expectNoAxeViolations(page);

      // The person's open session is refused on its next request.
      await personPage.goto("/konto");
      expect(new URL(personPage.url()).pathname).toBe("/anmelden");

      await page.getByRole("button", { name: "Sperre aufheben" }).click();
      await expect.poll(() => page.getByText("Die Sperre ist aufgehoben.").count()).toBe(1);
      await expect.poll(() => page.getByRole("button", { name: "Konto sperren" }).count()).toBe(1);

      await page.getByRole("link", { name: "Ganzes Protokoll" }).click();
      await page.waitForURL("**/verwaltung/protokoll");
      await expect.poll(() => page.getByText(`Werbung in mehreren Anliegen ${tag}`).count()).toBe(1);
      await expectNoAxeViolations(page);
      await context.close();
      await personContext.close();
    });
  });
}

test("a coordinator sees the list and a person read-only; a member gets 403", async () => {
  const target = await createTestUser({ displayName: `Nina Nachschlag ${randomBytes(3).toString("hex")}` });
  const coordination = await asRole("coordinator", true, "Clara Koordination");
  const page = await coordination.newPage();
  await page.goto("/verwaltung/personen");
  await expectNoAxeViolations(page);
  expect(await page.getByRole("link", { name: "Protokoll der Verwaltung" }).count()).toBe(0);
  await page.goto(`/verwaltung/personen/${target.id}`);
  await expectNoAxeViolations(page);
  expect(await page.getByText("Rollen ändert die Administration.").count()).toBe(1);
  expect(await page.getByRole("button", { name: "Konto sperren" }).count()).toBe(0);
  expect((await page.goto("/verwaltung/protokoll"))?.status()).toBe(403);

  const member = await asRole("member", true, "Mia Mitglied");
  const memberPage = await member.newPage();
  await memberPage.goto("/");
  expect(await memberPage.getByRole("link", { name: "Verwaltung" }).count()).toBe(0);
  expect((await memberPage.goto("/verwaltung/personen"))?.status()).toBe(403);
  await coordination.close();
  await member.close();
});

test("the setup page of an installation without an admin has no axe violations", async () => {
  const admins = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin"));
  await db.update(users).set({ role: "member" }).where(eq(users.role, "admin"));
  try {
    const link = (await announceSetupLink(db, baseUrl(), () => {}))!;
    const context = await newContext(browser);
    const page = await context.newPage();
    expect((await page.goto(new URL(link).pathname))?.status()).toBe(200);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Administrationskonto anlegen" }).click();
    await expect.poll(() => page.getByText("Bitte füllen Sie dieses Feld aus.").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await context.close();
  } finally {
    if (admins.length) {
      await db
        .update(users)
        .set({ role: "admin" })
        .where(
          inArray(
            users.id,
            admins.map((admin) => admin.id),
          ),
        );
    }
  }
});
