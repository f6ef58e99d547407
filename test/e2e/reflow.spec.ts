import type { Browser, BrowserContext, Page } from "playwright-core";
import { languageCookie } from "#app/utils/i18n.server";
import { getSql } from "#db/client";
import { viewerCookies } from "#scripts/bench/weight-html";
import { pageVisits, readDemo, type Viewer } from "#scripts/bench/weight-pages";
import { createTestUser, TEST_PASSWORD } from "#test/factories";
import { baseUrl, launchBrowser, newContext } from "./browser";

// Phone first and right to left (decision 078): every page template at 320 px without sideways
// scrolling, in German and in Arabic; the directory's results before its filters; the first visit's
// offer of the browser's language; mirrored arrows and tables; and the audit's leftovers.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 320, height: 640 };

/** The Cookie pairs of a language choice and a viewer's session, for a context of this site. */
async function cookiesFor(lang: string | null, session = "") {
  const cookies = session ? [{ name: session.split("=")[0]!, value: session.slice(session.indexOf("=") + 1), url: baseUrl() }] : [];
  if (lang) cookies.push({ name: "kw_lang", value: (await languageCookie.serialize(lang)).split(";")[0]!.split("=")[1]!, url: baseUrl() });
  return cookies;
}

async function phoneContext(options: { lang?: string | null; session?: string; javaScriptEnabled?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: PHONE, locale: options.locale ?? "de-DE", javaScriptEnabled: options.javaScriptEnabled ?? true });
  context.setDefaultTimeout(10_000);
  await context.addCookies(await cookiesFor(options.lang === undefined ? "de" : options.lang, options.session));
  return context;
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe("at 320 px no page template scrolls sideways", () => {
  for (const lang of ["de", "ar"]) {
    test(`in ${lang === "de" ? "German" : "Arabic"}`, async () => {
      const sql = getSql();
      const [sessions, demo] = await Promise.all([viewerCookies(sql), readDemo(sql)]);
      const contexts = new Map<Viewer, Page>();
      const tooWide: string[] = [];
      for (const [template, visit] of Object.entries(pageVisits(demo))) {
        let page = contexts.get(visit.as);
        if (!page) {
          page = await (await phoneContext({ lang, session: sessions[visit.as] })).newPage();
          contexts.set(visit.as, page);
        }
        const response = await page.goto(visit.path);
        expect(response?.status(), `${template} (${visit.path})`).toBeLessThan(500);
        expect(await page.getAttribute("html", "dir"), visit.path).toBe(lang === "ar" ? "rtl" : "ltr");
        const width = await pageWidth(page);
        if (width > PHONE.width) tooWide.push(`${template} ${visit.path}: ${width} px`);
      }
      for (const page of contexts.values()) await page.context().close();
      expect(tooWide).toEqual([]);
    }, 300_000);
  }
});

describe("the directory on a phone", () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`shows the results first, the filters folded with their count (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async () => {
      const context = await phoneContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto("/verzeichnis?kategorie=sprache&ort=Auenstadt");
      const filters = page.locator("details.directory__filters");
      expect(await filters.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
      expect(await filters.locator("summary").textContent()).toBe("Filter (2 aktiv)");
      expect(await page.getByLabel(/^Bildung/).isVisible()).toBe(false);
      // The first result follows the search, not the filters: it starts within the second screen
      // (header, search field and sorting fill the first; the audit found it two and a half screens down).
      const first = await page.locator(".hit").first().boundingBox();
      expect(first!.y).toBeLessThan(1.5 * PHONE.height);
      expect(first!.y).toBeGreaterThan((await filters.boundingBox())!.y);
      // The filters open in place and keep what was chosen.
      await filters.locator("summary").click();
      expect(await page.getByLabel(/^Auenstadt/).isChecked()).toBe(true);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await context.close();
    });
  }

  test("on a wide screen the filters stand beside the results, without JavaScript too", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/verzeichnis");
    expect(await page.getByLabel(/^Bildung/).isVisible()).toBe(true);
    const facets = await page.locator(".directory__facets").boundingBox();
    const results = await page.locator(".directory__results").boundingBox();
    expect(facets!.x + facets!.width).toBeLessThanOrEqual(results!.x);
    await context.close();
  });
});

describe("a first visit", () => {
  test("whose browser prefers Ukrainian is offered Ukrainian, in Ukrainian, and nothing switches by itself", async () => {
    const context = await browser.newContext({ baseURL: baseUrl(), locale: "uk-UA" });
    const page = await context.newPage();
    await page.goto("/open-mic");
    const offer = page.locator("section.language-offer");
    expect(await offer.getAttribute("lang")).toBe("uk");
    expect(await offer.getByText("Ця сторінка доступна українською мовою.").count()).toBe(1);
    expect(await page.getAttribute("html", "lang")).toBe("de");
    // On the next page it is still German, still offered.
    await page.goto("/verzeichnis");
    expect(await page.getAttribute("html", "lang")).toBe("de");
    await offer.getByRole("button", { name: "Показати українською" }).click();
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("uk");
    expect(new URL(page.url()).pathname).toBe("/verzeichnis");
    expect(await page.locator("section.language-offer").count()).toBe(0);
    await context.close();
  });

  test("staying with German is remembered; a German browser is offered nothing", async () => {
    const context = await browser.newContext({ baseURL: baseUrl(), locale: "ar-SY" });
    const page = await context.newPage();
    await page.goto("/");
    const offer = page.locator("section.language-offer");
    expect(await offer.getAttribute("dir")).toBe("rtl");
    await offer.getByRole("button", { name: "المتابعة بالألمانية" }).click();
    await expect.poll(() => page.locator("section.language-offer").count()).toBe(0);
    await page.goto("/verzeichnis");
    expect(await page.locator("section.language-offer").count()).toBe(0);
    expect(await page.getAttribute("html", "lang")).toBe("de");
    await context.close();

    const german = await newContext(browser);
    const germanPage = await german.newPage();
    await germanPage.goto("/");
    expect(await germanPage.locator("section.language-offer").count()).toBe(0);
    await german.close();
  });

  test("pages without a language cookie vary by Accept-Language", async () => {
    const response = await fetch(`${baseUrl()}/verzeichnis`, { headers: { "Accept-Language": "uk" } });
    expect(response.headers.get("vary")).toMatch(/Accept-Language/);
    expect(await response.text()).toContain("Ця сторінка доступна українською мовою.");
  });
});

describe("the language menu of the header", () => {
  test("names each language in itself, marks the current one and switches without JavaScript", async () => {
    const context = await phoneContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/impressum");
    const menu = page.locator("header details.language-menu");
    await menu.locator("summary").click();
    const arabic = menu.getByRole("button", { name: "العربية" });
    expect(await arabic.getAttribute("lang")).toBe("ar");
    expect(await arabic.locator("[dir]").getAttribute("dir")).toBe("rtl");
    expect(await menu.getByRole("button", { name: "Deutsch" }).getAttribute("aria-current")).toBe("true");
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await arabic.click();
    await page.waitForURL("**/impressum");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await context.close();
  });
});

describe("right to left", () => {
  test("in Arabic the pagination's next arrow points left and table cells are aligned right", async () => {
    const context = await newContext(browser);
    await context.addCookies(await cookiesFor("ar"));
    const page = await context.newPage();
    await page.goto("/verzeichnis");
    const next = page.locator(".pagination__next");
    const arrow = await next.locator("svg").boundingBox();
    const text = await next.evaluate((link) => {
      const range = document.createRange();
      range.selectNodeContents(link.firstChild!);
      return range.getBoundingClientRect().toJSON() as DOMRect;
    });
    // The arrow stands after the word in reading order (to its left), turned to point left.
    expect(arrow!.x + arrow!.width).toBeLessThanOrEqual(text.x + 1);
    expect(await next.locator("svg").evaluate((svg) => getComputedStyle(svg).transform)).toBe("matrix(-1, 0, 0, 1, 0, 0)");
    // The next page lies to the left of the page count.
    const count = await page.locator(".pagination > span").boundingBox();
    expect(arrow!.x).toBeLessThan(count!.x);

    await page.goto("/arbeitsgruppen");
    const cell = page.locator(".group-table thead th").first();
    const gap = await cell.evaluate((th) => {
      const range = document.createRange();
      range.selectNodeContents(th);
      return { cellRight: th.getBoundingClientRect().right, textRight: range.getBoundingClientRect().right, cellLeft: th.getBoundingClientRect().left, textLeft: range.getBoundingClientRect().left };
    });
    expect(gap.cellRight - gap.textRight).toBeLessThan(gap.textLeft - gap.cellLeft);
    await context.close();
  });
});

describe("the audit's leftovers", () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`a refused password is not left in the field; the address stays (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async () => {
      const user = await createTestUser();
      const context = await newContext(browser, { javaScriptEnabled });
      const page = await context.newPage();
      await page.goto("/anmelden");
      await page.getByLabel("E-Mail-Adresse").fill(user.email);
      await page.getByLabel("Passwort").fill("falsches Passwort 123");
      await page.getByRole("button", { name: "Anmelden" }).click();
      await expect.poll(() => page.getByRole("alert").count()).toBe(1);
      expect(await page.getByLabel("Passwort").inputValue()).toBe("");
      expect(await page.getByLabel("E-Mail-Adresse").inputValue()).toBe(user.email);
      await context.close();
    });
  }

  test("the toast closes without JavaScript", async () => {
    const user = await createTestUser();
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/anmelden?redirectTo=/open-mic");
    await page.getByLabel("E-Mail-Adresse").fill(user.email);
    await page.getByLabel("Passwort").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL("**/open-mic");
    const toast = page.locator(".toast");
    expect(await toast.count()).toBe(1);
    await toast.getByRole("button", { name: "Hinweis schließen" }).click();
    await page.waitForLoadState();
    await expect.poll(() => page.locator(".toast").count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe("/open-mic");
    await context.close();
  });

  test("the focus is not lost: after closing a toast, after “weitere anzeigen” and after paging", async () => {
    const user = await createTestUser();
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto("/anmelden?redirectTo=/verzeichnis");
    await page.getByLabel("E-Mail-Adresse").fill(user.email);
    await page.getByLabel("Passwort").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL("**/verzeichnis");
    await page.locator(".toast").getByRole("button").click();
    expect(await page.locator(".toast").count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("inhalt");

    const facet = page.locator("fieldset.facet", { has: page.locator("legend", { hasText: /^Themenfeld$/ }) });
    const shown = await facet.locator("input[type=checkbox]").count();
    await facet.getByRole("button", { name: /weitere anzeigen/ }).click();
    await page.waitForURL((url) => url.searchParams.get("mehr") === "kategorie");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`facet-kategorie-${shown}`);

    await page.locator(".pagination__next").click();
    await page.waitForURL((url) => url.searchParams.get("seite") === "2");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("directory-count");
    expect(await page.locator("#directory-count").getAttribute("role")).toBe("status");
    await context.close();
  });

  test("a location's street asks the browser for the first address line (street-address is for text areas)", async () => {
    const sql = getSql();
    const [sessions, demo] = await Promise.all([viewerCookies(sql), readDemo(sql)]);
    const context = await newContext(browser);
    await context.addCookies(await cookiesFor(null, sessions.coordinator));
    const page = await context.newPage();
    await page.goto(`/verzeichnis/partner/${demo.partner}/standorte/neu`);
    expect(await page.locator("input[autocomplete=street-address]").count()).toBe(0);
    expect(await page.locator("input[autocomplete=address-line1]").count()).toBe(1);
    await context.close();
  });

  test("the members' pages: a group's holds no form inside a span; “Wer ist wer” has its title", async () => {
    const sql = getSql();
    const [sessions, demo] = await Promise.all([viewerCookies(sql), readDemo(sql)]);
    const context = await newContext(browser);
    await context.addCookies(await cookiesFor(null, sessions.coordinator));
    const page = await context.newPage();
    await page.goto(`/arbeitsgruppen/${demo.group}/mitglieder`);
    expect(await page.locator("form").count()).toBeGreaterThan(1);
    expect(await page.locator("span form").count()).toBe(0);
    await page.goto("/personen");
    await page.waitForLoadState("networkidle");
    expect(await page.title()).toBe("Wer ist wer · Kurze Wege");
    // After a search on the page (a client-side navigation) too.
    await page.getByLabel("Name, Organisation, Funktion oder Thema").fill("Albers");
    await page.getByRole("button", { name: "Suchen", exact: true }).last().click();
    await page.waitForURL((url) => url.searchParams.has("q"));
    expect(await page.title()).toBe("Wer ist wer · Kurze Wege");
    await context.close();
  });
});
