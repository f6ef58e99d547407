import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { db } from "#db/client";
import { partners, serviceForeignTerms, services, termMappings } from "#db/schema";
import { enqueueSearchSync } from "#search/sync";
import { createTestUser } from "#test/factories";
import { expectNoAxeViolations, launchBrowser, signedInContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});

/** A draft of its own carrying one unknown target group, as an import of another district's file leaves it (the demo data stays as it is). */
async function draftWithForeignTerm() {
  const key = randomBytes(4).toString("hex");
  const [partner] = await db
    .insert(partners)
    .values({ slug: `zuordnung-${key}`, name: `Zuordnungstest ${key}`, kind: "verein" })
    .returning();
  const [service] = await db
    .insert(services)
    .values({ partnerId: partner!.id, slug: `zuordnung-${key}`, name: `Entwurf ${key}`, description: "Ein importierter Entwurf.", languages: ["de"], status: "draft" })
    .returning();
  const name = `Familien mit Kindern ${key}`;
  const [mapping] = await db
    .insert(termMappings)
    .values({ source: `e2e-${key}`, taxonomy: "Sozialatlas Birkenfelde – Personengruppen", key: `target_group:pg-fam-${key}`, code: `PG-FAM-${key}`, name })
    .returning();
  await db.insert(serviceForeignTerms).values({ serviceId: service!.id, mappingId: mapping!.id });
  return { partner: partner!, service: service!, mapping: mapping!, name };
}

const created: { partnerId: string; serviceId: string; mappingId: string }[] = [];
afterAll(async () => {
  for (const entry of created) {
    await db.delete(termMappings).where(eq(termMappings.id, entry.mappingId));
    await db.delete(partners).where(eq(partners.id, entry.partnerId));
    await enqueueSearchSync(db, "services", entry.serviceId);
  }
  await browser?.close();
});

test("a coordinator maps an unknown term: bad input is answered at the field, the decision publishes the draft (without JavaScript), no axe violations", async () => {
  const { partner, service, mapping, name } = await draftWithForeignTerm();
  created.push({ partnerId: partner.id, serviceId: service.id, mappingId: mapping.id });
  const coordinator = await createTestUser({ role: "coordinator" });

  const context = await signedInContext(browser, coordinator.id);
  const page = await context.newPage();
  await page.goto("/verzeichnis/import/zuordnung");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Begriffe zuordnen");
  const card = page.locator("li.card", { has: page.getByRole("heading", { name }) });
  expect(await card.locator("dd").allTextContents()).toEqual(["Zielgruppe", `e2e-${mapping.source.slice(4)}`, `Sozialatlas Birkenfelde – Personengruppen (Code ${mapping.code})`, "1"]);
  await expectNoAxeViolations(page);

  // "Map" without a term: the message stands at the select, the choice is kept.
  await card.getByRole("radio", { name: "Einem unserer Begriffe zuordnen" }).check();
  await card.getByRole("button", { name: `Entscheidung speichern – ${name}` }).click();
  await expect.poll(() => card.getByText("Bitte wählen Sie einen unserer Begriffe derselben Art.").count()).toBe(1);
  expect(await card.getByRole("radio", { name: "Einem unserer Begriffe zuordnen" }).isChecked()).toBe(true);
  await expectNoAxeViolations(page);

  // The import page links the template and this page.
  const importPage = await context.newPage();
  await importPage.goto("/verzeichnis/import");
  expect(await importPage.getByRole("link", { name: "CSV-Vorlage herunterladen" }).getAttribute("href")).toBe("/verzeichnis/import/vorlage.csv");
  expect(await importPage.getByRole("link", { name: "Begriffe importierter Dateien zuordnen" }).getAttribute("href")).toBe("/verzeichnis/import/zuordnung");
  await expectNoAxeViolations(importPage);
  await context.close();

  const plain = await signedInContext(browser, coordinator.id, { javaScriptEnabled: false });
  const form = await plain.newPage();
  await form.goto("/verzeichnis/import/zuordnung");
  const plainCard = form.locator("li.card", { has: form.getByRole("heading", { name }) });
  await plainCard.getByRole("radio", { name: "Einem unserer Begriffe zuordnen" }).check();
  await plainCard.getByLabel("Zuordnen zu").selectOption({ label: "Familien" });
  await plainCard.getByRole("button", { name: `Entscheidung speichern – ${name}` }).click();
  await form.waitForURL("**/verzeichnis/import/zuordnung");
  expect(await form.getByRole("status").filter({ hasText: "Entscheidung gespeichert" }).count()).toBe(1);
  expect(await form.getByRole("heading", { name }).count()).toBe(0);
  await plain.close();

  const [published] = await db.select({ status: services.status }).from(services).where(eq(services.id, service.id));
  expect(published?.status).toBe("active");
  const [decided] = await db.select({ decision: termMappings.decision, decidedBy: termMappings.decidedBy }).from(termMappings).where(eq(termMappings.id, mapping.id));
  expect(decided).toEqual({ decision: "map", decidedBy: coordinator.id });
});
