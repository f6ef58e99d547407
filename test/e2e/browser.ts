import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { sessionCookieFor } from "#test/factories";

export const baseUrl = () => process.env.E2E_BASE_URL!;

/** Debian's Chromium, headless, without any network beyond this machine. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function newContext(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl(), javaScriptEnabled: options.javaScriptEnabled ?? true, locale: "de-DE" });
  // Fail at the step that hangs, well inside the test's own time limit.
  context.setDefaultTimeout(10_000);
  if (options.javaScriptEnabled === false) withoutScripts.add(context);
  return context;
}

const withoutScripts = new WeakSet<BrowserContext>();

/** A fresh context signed in as the user, through a session made directly (no sign-in form). */
export async function signedInContext(browser: Browser, userId: string, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await newContext(browser, options);
  const [name, value] = (await sessionCookieFor(userId)).split("=");
  await context.addCookies([{ name: name!, value: value!, url: baseUrl() }]);
  return context;
}

/**
 * Runs axe-core (WCAG 2.1 A/AA) on the page and fails with the list of violations. axe runs as a
 * script inside the page, so pages without JavaScript are checked by the runs with it.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  if (withoutScripts.has(page.context())) return;
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

export { linkFrom, waitForMail } from "#test/mail";
