import fs from "node:fs/promises";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { decodeQuotedPrintable } from "../mail";

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

/** The newest mail to an address in the local mail folder, decoded, waiting a little for it. */
export async function waitForMail(to: string, timeoutMs = 10_000): Promise<string> {
  const dir = path.join(process.env.DATA_DIR!, "mail");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = await fs.readdir(dir).catch(() => [] as string[]);
    for (const file of files.sort().reverse()) {
      const text = decodeQuotedPrintable(await fs.readFile(path.join(dir, file), "utf8"));
      if (text.includes(`To: ${to}`)) return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${to} in ${dir} (${(await fs.readdir(dir).catch(() => [])).length} mails)`);
}

/** The first link to this site in a mail, as a path. */
export function linkFrom(mail: string): string {
  const match = /https?:\/\/[^\s]+/.exec(mail.slice(mail.indexOf("\n\n")));
  if (!match) throw new Error("no link in mail");
  const url = new URL(match[0]);
  return `${url.pathname}${url.search}`;
}
