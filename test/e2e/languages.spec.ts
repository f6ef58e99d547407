// Every UI language over every page template of the demo network, each seen by who sees it (guest,
// member, coordinator, admin): the right `lang` and `dir`, no raw key, no German UI string, and no
// axe-core violation. The addresses are the weight benchmark's (one per template); a page template
// without one fails here, so a new page cannot skip the languages.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext } from "playwright-core";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { languageCodes, languageCookie, loadLanguageFile } from "#app/utils/i18n.server";
import { getSql } from "#db/client";
import { viewerCookies } from "#scripts/bench/weight-html";
import { pageTemplates } from "#scripts/bench/weight-js";
import { addSecretLinks, pageVisits, readDemo, type PageVisit, type Viewer } from "#scripts/bench/weight-pages";
import { baseUrl, launchBrowser } from "./browser";
import { contentText, languageCheck, pageText, textProblems, type LanguageCheck } from "./language-checks";

let browser: Browser;
let visits: Record<string, PageVisit>;
let cookies: Record<Viewer, string>;
let templates: string[];
let content: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const sql = getSql();
  cookies = await viewerCookies(sql);
  const inviter = await getOptionalUser(new Request(baseUrl(), { headers: { Cookie: cookies.coordinator } }));
  visits = pageVisits(await addSecretLinks(sql, await readDemo(sql), process.env.DATA_DIR!, inviter!));
  templates = await pageTemplates(path.resolve("."));
  content = await contentText(sql);
});
afterAll(async () => {
  await browser?.close();
});

test("every page template has an address to visit", () => {
  expect(templates.filter((id) => !visits[id])).toEqual([]);
});

async function contextFor(viewer: Viewer, lang: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: "de-DE" });
  context.setDefaultTimeout(15_000);
  const language = (await languageCookie.serialize(lang)).split(";")[0]!.split("=")[1]!;
  const session = cookies[viewer] ? [{ name: cookies[viewer].split("=")[0]!, value: cookies[viewer].split("=").slice(1).join("="), url: baseUrl() }] : [];
  await context.addCookies([{ name: "kw_lang", value: language, url: baseUrl() }, ...session]);
  return context;
}

async function visitAll(check: LanguageCheck): Promise<string[]> {
  const dir = loadLanguageFile(check.lang)._meta.dir;
  const problems: string[] = [];
  const byViewer = new Map<Viewer, [string, PageVisit][]>();
  for (const [id, visit] of Object.entries(visits)) byViewer.set(visit.as, [...(byViewer.get(visit.as) ?? []), [id, visit]]);
  for (const [viewer, list] of byViewer) {
    const context = await contextFor(viewer, check.lang);
    const page = await context.newPage();
    for (const [id, visit] of list) {
      const where = `${check.lang} ${viewer} ${visit.path}`;
      const response = await page.goto(visit.path);
      const status = response?.status();
      if (status !== 200 && !(status === 404 && visit.note)) problems.push(`${where}: HTTP ${status} (${id})`);
      const { lang, dir: pageDir, text } = await pageText(page);
      if (lang !== check.lang) problems.push(`${where}: lang="${lang}"`);
      if (pageDir !== dir) problems.push(`${where}: dir="${pageDir}"`);
      for (const problem of textProblems(check, text)) problems.push(`${where}: ${problem}`);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      for (const violation of results.violations) problems.push(`${where}: axe ${violation.id} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
    }
    await context.close();
  }
  return problems;
}

describe("every page template in every language", () => {
  for (const lang of languageCodes()) {
    test(`${lang}: lang and dir, no raw key, no German UI string, no axe violation`, { timeout: 600_000 }, async () => {
      expect(await visitAll(languageCheck(lang, content))).toEqual([]);
    });
  }
});
