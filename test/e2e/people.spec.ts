import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { db } from "#db/client";
import { users } from "#db/schema";
import { createTestUser } from "#test/factories";
import { expectNoAxeViolations, launchBrowser, newContext, signedInContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Submits the people search with these filters and waits for the page it brings. */
async function searchPeople(page: Page, q: string, filters: { organisation?: string; language?: string }) {
  await page.goto("/personen");
  const form = page.getByRole("search", { name: "Personen suchen und filtern" });
  await form.getByLabel("Name, Organisation, Funktion oder Thema").fill(q);
  if (filters.organisation) await form.getByLabel("Organisation", { exact: true }).selectOption({ label: filters.organisation });
  if (filters.language) await form.getByLabel("Sprache", { exact: true }).selectOption({ label: filters.language });
  await form.getByRole("button", { name: "Suchen" }).click();
  await page.waitForURL((url) => url.searchParams.get("q") === q);
}

for (const javaScriptEnabled of [true, false]) {
  describe(`"Wer ist wer" ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test("a member fills in a profile; another member finds them by organisation and by language; the phone goes when switched to nobody", async () => {
      const tag = `Zett${randomBytes(3).toString("hex")}`;
      const name = `Fiona ${tag}`;
      const person = await createTestUser({ displayName: name });
      const [row] = await db.select({ handle: users.handle }).from(users).where(eq(users.id, person.id));
      const context = await signedInContext(browser, person.id, { javaScriptEnabled });
      const page = await context.newPage();
      await page.goto("/konto/profil");
      await expectNoAxeViolations(page);

      await page.getByLabel("Organisation 1", { exact: true }).selectOption({ label: "Jobcenter Auental" });
      await page.getByLabel("Funktion bei Organisation 1").fill("Fallmanagement");
      await page.getByRole("group", { name: "Sprachen, die Sie sprechen" }).getByLabel("Arabisch").check();
      await page.getByLabel("Telefonnummer").fill("bitte anrufen");
      await page.getByRole("group", { name: "Wer sieht Ihre Telefonnummer?" }).getByLabel("Mitglieder des Netzwerks").check();
      await page.getByRole("button", { name: "Profil speichern" }).click();
      // Bad input: the message at the field, everything typed kept, nothing saved.
      await expect.poll(() => page.getByText("Bitte geben Sie eine Telefonnummer aus Ziffern").count()).toBe(1);
      expect(await page.getByLabel("Telefonnummer").getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByLabel("Funktion bei Organisation 1").inputValue()).toBe("Fallmanagement");
      expect(await page.getByRole("group", { name: "Sprachen, die Sie sprechen" }).getByLabel("Arabisch").isChecked()).toBe(true);
      await expectNoAxeViolations(page);
      const [unsaved] = await db.select({ languages: users.languages }).from(users).where(eq(users.id, person.id));
      expect(unsaved!.languages).toEqual([]);

      await page.getByLabel("Telefonnummer").fill("06021 394-999");
      await page.getByRole("button", { name: "Profil speichern" }).click();
      await expect.poll(() => page.getByText("Ihr Profil wurde gespeichert.").count()).toBe(1);
      expect(await page.getByLabel("Funktion bei Organisation 1").inputValue()).toBe("Fallmanagement");
      await expectNoAxeViolations(page);

      const other = await createTestUser({ displayName: `Otto ${tag}` });
      const otherContext = await signedInContext(browser, other.id, { javaScriptEnabled });
      const otherPage = await otherContext.newPage();
      await otherPage.goto("/");
      await otherPage.getByRole("link", { name: "Personen", exact: true }).click();
      await otherPage.waitForURL("**/personen");
      await expectNoAxeViolations(otherPage);
      // The sync worker brings the profile into the index within moments.
      await expect
        .poll(async () => {
          await searchPeople(otherPage, tag, { organisation: "Jobcenter Auental" });
          return otherPage.getByRole("link", { name }).count();
        })
        .toBe(1);
      await expectNoAxeViolations(otherPage);
      await searchPeople(otherPage, tag, { language: "Arabisch" });
      expect(await otherPage.getByRole("link", { name }).count()).toBe(1);
      await otherPage.getByRole("link", { name }).click();
      await otherPage.waitForURL(`**/personen/${row!.handle}`);
      await expect.poll(() => otherPage.getByRole("heading", { level: 1 }).textContent()).toBe(name);
      expect(await otherPage.getByText("06021 394-999").count()).toBe(1);
      expect(await otherPage.getByText("Fallmanagement").count()).toBeGreaterThan(0);
      await expectNoAxeViolations(otherPage);

      // The partner's page lists its people for members, and a service names its linked contact person.
      await otherPage.goto("/verzeichnis/partner/jobcenter-auental");
      expect(await otherPage.getByRole("region", { name: "Personen" }).getByRole("link", { name }).count()).toBe(1);
      await expectNoAxeViolations(otherPage);
      await otherPage.goto("/verzeichnis/angebote/jobcenter-erstberatung-gefluechtete");
      expect(await otherPage.getByRole("link", { name: /^Tobias Wendt/ }).count()).toBe(1);
      await expectNoAxeViolations(otherPage);
      await otherPage.goto(`/personen/${row!.handle}`);

      await page.getByRole("group", { name: "Wer sieht Ihre Telefonnummer?" }).getByLabel("niemand").check();
      await page.getByRole("button", { name: "Profil speichern" }).click();
      await expect.poll(async () => (await db.select({ visibility: users.phoneVisibility }).from(users).where(eq(users.id, person.id)))[0]!.visibility).toBe("nobody");
      await otherPage.reload();
      expect(await otherPage.getByText("06021 394-999").count()).toBe(0);

      // The own page shows a hint and the way to edit.
      await page.goto(`/personen/${row!.handle}`);
      expect(await page.getByText("So sehen andere Mitglieder des Netzwerks Ihr Profil.").count()).toBe(1);
      await expectNoAxeViolations(page);
      await context.close();
      await otherContext.close();
    });
  });
}

test("a guest gets the sign-in page for /personen and a person's page, and no link to them", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/");
  expect(await page.getByRole("link", { name: "Personen", exact: true }).count()).toBe(0);
  for (const path of ["/personen", "/personen/selin.aydın"]) {
    await page.goto(path);
    await page.waitForURL("**/anmelden?redirectTo=*");
  }
  await context.close();
});
