import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { db } from "#db/client";
import { users } from "#db/schema";
import { createTestUser, sessionCookieFor, uniqueEmail } from "#test/factories";
import { baseUrl, expectNoAxeViolations, launchBrowser, newContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("the language switch changes the language and keeps the page", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/impressum");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Impressum");
  await page.getByRole("button", { name: "English" }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Legal notice");
  expect(new URL(page.url()).pathname).toBe("/impressum");
  await page.goto("/");
  expect(await page.getAttribute("html", "lang")).toBe("en");
  await context.close();
});

test("the search box leads to /suche with the query", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/verzeichnis");
  await page.getByRole("searchbox", { name: "Suche im Netzwerk" }).fill("Sprachkurs");
  await page.getByRole("search").getByRole("button", { name: "Suchen" }).click();
  await page.waitForURL("**/suche?q=Sprachkurs");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Ergebnisse für „Sprachkurs“");
  await context.close();
});

test("the skip link moves the focus to the content", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Zum Inhalt springen");
  await page.keyboard.press("Enter");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("inhalt");
  await context.close();
});

describe("over HTTP", () => {
  test("every response carries the security headers, with a fresh script nonce", async () => {
    const first = await fetch(`${baseUrl()}/`);
    const second = await fetch(`${baseUrl()}/`);
    const csp = first.headers.get("content-security-policy")!;
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(await first.text()).toContain(`nonce="${nonce}"`);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    // http://localhost is not https: no HSTS.
    expect(first.headers.get("strict-transport-security")).toBeNull();
    const notFound = await fetch(`${baseUrl()}/gibt-es-nicht`);
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get("content-security-policy")).toContain("object-src 'none'");
  });

  test("a POST with a foreign or missing Origin changes nothing", async () => {
    for (const headers of [{ Origin: "http://evil.example" }, {} as Record<string, string>]) {
      const email = uniqueEmail("fremd");
      const response = await fetch(`${baseUrl()}/registrieren`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ displayName: "Fremd", email, password: "ein langer Satz ohne Herkunft" }),
        redirect: "manual",
      });
      expect(response.status).toBe(403);
      expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
    }
  });
});

test("the coordinator's pages have no axe violations", async () => {
  const coordinator = await createTestUser({ role: "coordinator" });
  const context = await newContext(browser);
  const [name, value] = (await sessionCookieFor(coordinator.id)).split("=");
  await context.addCookies([{ name: name!, value: value!, url: baseUrl() }]);
  const page = await context.newPage();
  for (const path of [
    "/verzeichnis/uebersicht",
    "/verzeichnis/import",
    "/verzeichnis/partner/neu",
    "/verzeichnis/partner/vhs-auental/bearbeiten",
    "/verzeichnis/partner/vhs-auental/angebote/neu",
    "/verzeichnis/partner/vhs-auental/standorte/neu",
    "/verzeichnis/angebote/orientierungskurs/bearbeiten",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expectNoAxeViolations(page);
  }
  // Bad input on a new partner: messages at the fields, and no violations either.
  await page.goto("/verzeichnis/partner/neu");
  await page.getByRole("button", { name: "Anlegen" }).click();
  await expect.poll(() => page.locator(".error-list").count()).toBeGreaterThan(1);
  await expectNoAxeViolations(page);
  await context.close();
});
