import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { db } from "#db/client";
import { partnerAliases, partners, services } from "#db/schema";
import { createTestUser } from "#test/factories";
import { expectNoAxeViolations, launchBrowser, signedInContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const HEADER = "partner_key,partner_name,partner_kind,service_key,service_name,categories,target_groups,languages";

test("a coordinator merges a duplicate from the import report into the existing partner, and its old address leads there", async () => {
  const tag = randomBytes(3).toString("hex");
  const name = `Frauenberatung Lindach ${tag}`;
  const [existing] = await db
    .insert(partners)
    .values({ slug: `frauenberatung-${tag}`, name, kind: "beratungsstelle", email: `frauen-${tag}@test.example` })
    .returning();
  const coordinator = await createTestUser({ role: "coordinator", displayName: `Kai Koordination ${tag}` });
  const context = await signedInContext(browser, coordinator.id);
  const page = await context.newPage();

  await page.goto("/verzeichnis/import");
  await page.getByLabel("Nur prüfen, nichts speichern").uncheck();
  await page.getByLabel("Datei (.json oder .csv, höchstens 10 MB)").setInputFiles({
    name: `frauen-${tag}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(`${HEADER}\nfb-${tag},${name},beratungsstelle,fb-angebot-${tag},Beratung für Frauen ${tag},beratung,frauen,de\n`),
  });
  await page.getByRole("button", { name: "Hochladen und prüfen" }).click();
  const link = page.getByRole("link", { name: `${name} in ${name} zusammenführen` });
  await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
  await expectNoAxeViolations(page);
  const [imported] = await db
    .select()
    .from(partners)
    .where(eq(partners.externalId, `fb-${tag}`));
  expect(imported!.slug).not.toBe(existing!.slug);

  await link.click();
  await page.waitForURL(`**/verzeichnis/partner/${imported!.slug}/zusammenfuehren?in=${existing!.slug}`);
  await expect.poll(() => page.getByText("1 Angebot", { exact: true }).count()).toBe(1);
  expect(await page.getByLabel("Partner, der bleibt").inputValue()).toBe(existing!.slug);
  await expectNoAxeViolations(page);

  // Without a choice nothing happens, and the field says why.
  await page.getByLabel("Partner, der bleibt").selectOption("");
  await page.getByRole("button", { name: `${name} jetzt zusammenführen` }).click();
  await expect.poll(() => page.getByText("Bitte wählen Sie den Partner, der bleibt.").count()).toBe(1);
  expect(await page.getByLabel("Partner, der bleibt").getAttribute("aria-invalid")).toBe("true");
  await expectNoAxeViolations(page);

  await page.getByLabel("Partner, der bleibt").selectOption(existing!.slug);
  await page.getByRole("button", { name: `${name} jetzt zusammenführen` }).click();
  await page.waitForURL(`**/verzeichnis/partner/${existing!.slug}`);
  await expect.poll(() => page.getByText("Die Partner wurden zusammengeführt.").count()).toBe(1);
  await expect.poll(() => page.getByRole("link", { name: `Beratung für Frauen ${tag}` }).count()).toBe(1);
  expect(await db.select().from(partners).where(eq(partners.id, imported!.id))).toEqual([]);
  expect((await db.select({ partnerId: partnerAliases.partnerId }).from(partnerAliases).where(eq(partnerAliases.slug, imported!.slug)))[0]?.partnerId).toBe(existing!.id);

  const old = await context.newPage();
  const response = await old.goto(`/verzeichnis/partner/${imported!.slug}`);
  expect(response?.status()).toBe(200);
  expect(old.url()).toMatch(new RegExp(`/verzeichnis/partner/${existing!.slug}$`));
  await context.close();
});

test("without JavaScript a coordinator merges from the partner's edit page", async () => {
  const tag = randomBytes(3).toString("hex");
  const [stays] = await db
    .insert(partners)
    .values({ slug: `bleibt-${tag}`, name: `Sprachcafé Auental ${tag}`, kind: "verein" })
    .returning();
  const [goes] = await db
    .insert(partners)
    .values({ slug: `geht-${tag}`, name: `Sprachcafe Auental ${tag}`, kind: "verein", phone: "06093 4711" })
    .returning();
  const [service] = await db
    .insert(services)
    .values({ partnerId: goes!.id, slug: `sprachcafe-${tag}`, name: `Sprachcafé ${tag}`, languages: ["de"] })
    .returning();
  const coordinator = await createTestUser({ role: "coordinator" });
  const context = await signedInContext(browser, coordinator.id, { javaScriptEnabled: false });
  const page = await context.newPage();

  await page.goto(`/verzeichnis/partner/${goes!.slug}/bearbeiten`);
  await page.getByRole("link", { name: "Mit einem anderen Partner zusammenführen" }).click();
  await page.waitForURL(`**/verzeichnis/partner/${goes!.slug}/zusammenfuehren`);
  await expectNoAxeViolations(page);
  await page.getByLabel("Partner, der bleibt").selectOption({ label: stays!.name });
  await page.getByRole("button", { name: `${goes!.name} jetzt zusammenführen` }).click();
  await page.waitForURL(`**/verzeichnis/partner/${stays!.slug}`);
  expect(await page.getByText("06093 4711").count()).toBe(1);
  expect((await db.select({ partnerId: services.partnerId }).from(services).where(eq(services.id, service!.id)))[0]!.partnerId).toBe(stays!.id);
  await context.close();
});
