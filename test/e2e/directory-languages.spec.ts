import type { Browser, BrowserContext } from "playwright-core";
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { partnerMembers, partners } from "#db/schema";
import { languageCookie } from "#app/utils/i18n.server";
import { createTestUser } from "#test/factories";
import { baseUrl, expectNoAxeViolations, launchBrowser, newContext, signedInContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SERVICE = "/verzeichnis/angebote/jugendintegrationskurs";
const ARABIC = "دورة اندماج للشباب حتى سن 27 عامًا ممن لم يعودوا يذهبون إلى المدرسة: 900 ساعة لغة ألمانية مع مشاريع وزيارات إلى الشركات وتوجيه مهني.";

async function visitor(lang: string): Promise<BrowserContext> {
  const context = await newContext(browser);
  const value = (await languageCookie.serialize(lang)).split(";")[0]!.split("=")[1]!;
  await context.addCookies([{ name: "kw_lang", value, url: baseUrl() }]);
  return context;
}

test("a partner editor adds an Arabic description; Arabic visitors read and find it, German visitors still read German", async () => {
  const editor = await createTestUser({ displayName: "Redaktion VHS" });
  const [vhs] = await db.select({ id: partners.id }).from(partners).where(eq(partners.slug, "vhs-auental"));
  await db.insert(partnerMembers).values({ partnerId: vhs!.id, userId: editor.id });

  const editing = await signedInContext(browser, editor.id);
  const form = await editing.newPage();
  await form.goto(`${SERVICE}/bearbeiten`);
  // The entry's translation groups, not the header's language menu (a details element naming العربية too).
  const arabic = form.locator("details.translation", { hasText: "العربية" });
  await arabic.locator("summary").click();
  const description = arabic.getByLabel("Beschreibung");
  expect([await description.getAttribute("lang"), await description.getAttribute("dir")]).toEqual(["ar", "rtl"]);
  await description.fill(ARABIC);
  await expectNoAxeViolations(form);
  await form.getByRole("button", { name: "Speichern" }).click();
  await form.waitForURL(`**${SERVICE}`);
  await editing.close();

  const arabicVisitor = await visitor("ar");
  const page = await arabicVisitor.newPage();
  await page.goto(SERVICE);
  const lead = page.locator("p.lead");
  expect(await lead.textContent()).toBe(ARABIC);
  expect(await lead.evaluate((element) => element.closest("[lang]")?.getAttribute("lang"))).toBe("ar");
  // The name has no Arabic text: German, marked as German and left to right.
  const heading = page.getByRole("heading", { level: 1 });
  expect([await heading.textContent(), await heading.getAttribute("lang"), await heading.getAttribute("dir")]).toEqual(["Jugendintegrationskurs", "de", "ltr"]);
  await expectNoAxeViolations(page);

  // The sync worker indexes the edit within about a second: searched in Arabic, the service is found.
  const search = await arabicVisitor.newPage();
  await expect
    .poll(
      async () => {
        await search.goto(`/verzeichnis?q=${encodeURIComponent("دورة اندماج للشباب")}`);
        return search.locator(".hit__title").allTextContents();
      },
      { timeout: 15_000, interval: 500 },
    )
    .toContain("Jugendintegrationskurs");
  await expectNoAxeViolations(search);
  await arabicVisitor.close();

  const germanVisitor = await newContext(browser);
  const german = await germanVisitor.newPage();
  await german.goto(SERVICE);
  expect(await german.locator("p.lead").textContent()).toMatch(/^Integrationskurs für junge Menschen/);
  expect(await german.locator("p.lead").getAttribute("lang")).toBeNull();
  await germanVisitor.close();
});
