import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { db } from "#db/client";
import { partnerMembers, partners, services, verificationReminders } from "#db/schema";
import { createTestUser } from "#test/factories";
import { expectNoAxeViolations, launchBrowser, newContext, signedInContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A partner of its own (the demo data stays as it is), unchecked since 2024, with a service whose cost nobody stated. */
async function partnerWithUnknownCost() {
  const key = randomBytes(4).toString("hex");
  const [partner] = await db
    .insert(partners)
    .values({ slug: `datenpflege-${key}`, name: `Datenpflege ${key}`, kind: "verein", lastVerifiedAt: new Date("2024-02-01T09:00:00Z") })
    .returning();
  const [service] = await db
    .insert(services)
    .values({ partnerId: partner!.id, slug: `ohne-kosten-${key}`, name: `Sprachtreff ${key}`, description: "Ein Treffpunkt zum Deutschsprechen.", languages: ["de"], accessModes: ["walk_in"] })
    .returning();
  const editor = await createTestUser({ displayName: `Redaktion ${key}` });
  await db.insert(partnerMembers).values({ partnerId: partner!.id, userId: editor.id });
  return { partner: partner!, service: service!, editor };
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "with" : "without";
  test(`cost "keine Angabe" is shown as such, and an editor marks the entries as checked (${mode} JavaScript)`, async () => {
    const { partner, service, editor } = await partnerWithUnknownCost();
    expect(service.cost).toBe("unknown");

    const guest = await newContext(browser, { javaScriptEnabled });
    const servicePage = await guest.newPage();
    await servicePage.goto(`/verzeichnis/angebote/${service.slug}`);
    const cost = servicePage.locator("dt", { hasText: "Kosten" }).locator("xpath=following-sibling::dd[1]");
    expect((await cost.textContent())?.trim()).toBe("keine Angabe");
    expect(await servicePage.locator(".facts").textContent()).not.toContain("kostenlos");
    await guest.close();

    const context = await signedInContext(browser, editor.id, { javaScriptEnabled });
    const edit = await context.newPage();
    await edit.goto(`/verzeichnis/angebote/${service.slug}/bearbeiten`);
    const costGroup = edit.getByRole("group", { name: "Kosten" });
    expect(await costGroup.getByRole("radio").count()).toBe(3);
    expect(await costGroup.getByRole("radio", { name: "keine Angabe" }).isChecked()).toBe(true);
    expect(await costGroup.getByRole("radio", { name: "kostenlos" }).isChecked()).toBe(false);

    const check = await context.newPage();
    await check.goto(`/verzeichnis/partner/${partner.slug}/pruefen`);
    expect(await check.getByRole("heading", { level: 1 }).textContent()).toBe(`Angaben von ${partner.name} prüfen`);
    expect(await check.getByText("nie geprüft").count()).toBe(1);
    await expectNoAxeViolations(check);
    await check.getByRole("button", { name: "Alles stimmt – alle als geprüft markieren" }).click();
    await expect.poll(() => check.getByRole("status").filter({ hasText: "Als geprüft markiert" }).count()).toBe(1);
    await expect.poll(() => check.getByText("nie geprüft").count()).toBe(0);
    await context.close();
  });
}

test("coordinators see on the overview which partners were reminded, when and whom", async () => {
  const { partner, editor } = await partnerWithUnknownCost();
  await db.insert(verificationReminders).values({ partnerId: partner.id, userId: editor.id, email: editor.email });
  const coordinator = await createTestUser({ role: "coordinator" });
  const context = await signedInContext(browser, coordinator.id);
  const page = await context.newPage();
  await page.goto("/verzeichnis/uebersicht");
  const row = page.getByRole("table", { name: "Versandte Erinnerungen, neueste zuerst" }).getByRole("row").filter({ hasText: partner.name });
  expect(await row.textContent()).toContain(editor.displayName);
  await expectNoAxeViolations(page);
  await context.close();
});
