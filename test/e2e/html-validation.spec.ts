// The server-rendered HTML of every page template, in German and in Arabic, through the HTML
// validator with our rules (.htmlvalidate.mjs, decision 079). Only HTTP: the markup the server sends
// is what is checked, before any script runs. The addresses are the weight benchmark's, one per
// template, each for the viewer the page is meant for.
import { HtmlValidate } from "html-validate";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { languageCookie } from "#app/utils/i18n.server";
import { getSql } from "#db/client";
import { viewerCookies } from "#scripts/bench/weight-html";
import { addSecretLinks, pageVisits, readDemo, type PageVisit, type Viewer } from "#scripts/bench/weight-pages";
import config from "../../.htmlvalidate.mjs";
import { baseUrl } from "./browser";

const validator = new HtmlValidate(config);
let visits: [string, PageVisit][];
let cookies: Record<Viewer, string>;

beforeAll(async () => {
  const sql = getSql();
  cookies = await viewerCookies(sql);
  const inviter = await getOptionalUser(new Request(baseUrl(), { headers: { Cookie: cookies.coordinator } }));
  visits = Object.entries(pageVisits(await addSecretLinks(sql, await readDemo(sql), process.env.DATA_DIR!, inviter!)));
});

/** Every page template's HTML in the language, validated: one line per problem, naming the page. */
async function problemsIn(lang: string): Promise<string[]> {
  const language = (await languageCookie.serialize(lang)).split(";")[0]!;
  const problems: string[] = [];
  for (const [id, visit] of visits) {
    const where = `${lang} ${visit.path} (${id}, as ${visit.as})`;
    const response = await fetch(`${baseUrl()}${visit.path}`, {
      redirect: "manual",
      headers: { Accept: "text/html", Cookie: [language, cookies[visit.as]].filter(Boolean).join("; ") },
    });
    const html = await response.text();
    if (response.status !== 200 && !(response.status === 404 && visit.note)) problems.push(`${where}: HTTP ${response.status}`);
    const report = await validator.validateString(html, `${lang}${visit.path}`);
    for (const message of report.results.flatMap((result) => result.messages)) {
      problems.push(`${where}: ${message.ruleId}: ${message.message} (${message.selector ?? `${message.line}:${message.column}`})`);
    }
  }
  return problems;
}

describe("the HTML of every page template is valid", () => {
  for (const lang of ["de", "ar"]) {
    test(`${lang}: no validator error`, { timeout: 300_000 }, async () => {
      expect(await problemsIn(lang)).toEqual([]);
    });
  }
});
