import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { db } from "#db/client";
import { partners, services, serviceTerms, taxonomyTerms } from "#db/schema";
import { enqueueSearchSync } from "#search/sync";
import { createTestUser } from "#test/factories";
import { expectNoAxeViolations, launchBrowser, signedInContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A service of its own, in the index, so the directory can be narrowed to it by name. */
async function makeService(name: string) {
  const slug = name.toLowerCase().replace(/ /g, "-");
  return db.transaction(async (tx) => {
    const [partner] = await tx
      .insert(partners)
      .values({ slug: `traeger-${slug}`, name: `Träger ${name}`, kind: "verein" })
      .returning({ id: partners.id });
    const [service] = await tx
      .insert(services)
      .values({ partnerId: partner!.id, slug, name, description: "Ein Angebot, an dem die Pflege der Themenfelder geprüft wird.", languages: ["de"], accessModes: ["walk_in"] })
      .returning({ id: services.id });
    // A target group of the demo network, so that the service form is complete once a category is chosen.
    const [group] = await tx.select({ id: taxonomyTerms.id }).from(taxonomyTerms).where(eq(taxonomyTerms.kind, "target_group")).limit(1);
    await tx.insert(serviceTerms).values({ serviceId: service!.id, termId: group!.id });
    await enqueueSearchSync(tx, "services", service!.id);
    return slug;
  });
}

for (const javaScriptEnabled of [true, false]) {
  describe(`taxonomy management ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test("a coordinator adds a category in German and English, assigns it to a service, and the directory offers it as a facet within seconds", async () => {
      const tag = randomBytes(3).toString("hex");
      const serviceName = `Themenprobe ${tag}`;
      const serviceSlug = await makeService(serviceName);
      const coordinator = await createTestUser({ role: "coordinator", displayName: `Karla Koordination ${tag}` });
      const context = await signedInContext(browser, coordinator.id, { javaScriptEnabled });
      const page = await context.newPage();
      await page.goto("/verzeichnis/themen");
      await expect.poll(() => page.getByRole("heading", { level: 1, name: "Themenfelder und Zielgruppen" }).count()).toBe(1);
      await expectNoAxeViolations(page);

      const german = `Nachbarschaftshilfe ${tag}`;
      const form = page.locator("#add-term-form");
      // Without a German label nothing is added; the English one typed stays.
      await form.getByLabel("Bezeichnung (English)").fill(`Neighbourhood help ${tag}`);
      await form.getByRole("button", { name: "Anlegen" }).click();
      await expect.poll(() => form.getByText("Bitte geben Sie eine deutsche Bezeichnung an.").count()).toBe(1);
      expect(await form.getByLabel("Bezeichnung (Deutsch)").getAttribute("aria-invalid")).toBe("true");
      expect(await form.getByLabel("Bezeichnung (English)").inputValue()).toBe(`Neighbourhood help ${tag}`);
      await expectNoAxeViolations(page);

      await form.getByLabel("Art").selectOption({ label: "Themenfeld" });
      await form.getByLabel("Bezeichnung (Deutsch)").fill(german);
      await form.getByRole("button", { name: "Anlegen" }).click();
      await expect.poll(() => page.getByRole("rowheader", { name: german }).count()).toBe(1);
      const [term] = await db
        .select()
        .from(taxonomyTerms)
        .where(eq(taxonomyTerms.slug, `nachbarschaftshilfe-${tag}`));
      expect(term).toMatchObject({ kind: "category", labels: { de: german, en: `Neighbourhood help ${tag}` } });
      await expectNoAxeViolations(page);

      // Renaming: the English label changes, the slug stays.
      await page.getByRole("link", { name: `Bearbeiten (${german})` }).click();
      await page.waitForURL(`**/verzeichnis/themen/${term!.id}`);
      await expectNoAxeViolations(page);
      await page.getByLabel("Bezeichnung (English)").fill(`Neighbourly support ${tag}`);
      await page.getByRole("button", { name: "Speichern" }).click();
      await page.waitForURL("**/verzeichnis/themen");
      await expect.poll(() => page.getByRole("cell", { name: `Neighbourly support ${tag}` }).count()).toBe(1);
      expect((await db.select({ labels: taxonomyTerms.labels, slug: taxonomyTerms.slug }).from(taxonomyTerms).where(eq(taxonomyTerms.id, term!.id)))[0]).toEqual({
        labels: { de: german, en: `Neighbourly support ${tag}` },
        slug: `nachbarschaftshilfe-${tag}`,
      });

      await page.goto(`/verzeichnis/angebote/${serviceSlug}/bearbeiten`);
      await page.getByRole("group", { name: "Themenfeld" }).getByLabel(german).check();
      await page.getByRole("button", { name: "Speichern", exact: true }).click();
      await page.waitForURL(`**/verzeichnis/angebote/${serviceSlug}`);

      // The sync worker brings the change to the index; the directory shows the new facet value.
      const directory = `/verzeichnis?q=${encodeURIComponent(serviceName)}&mehr=kategorie`;
      await expect
        .poll(
          async () => {
            await page.goto(directory);
            return page.locator(`input[name="kategorie"][value="nachbarschaftshilfe-${tag}"]`).count();
          },
          { timeout: 15_000, interval: 250 },
        )
        .toBe(1);
      await context.close();
    });
  });
}
