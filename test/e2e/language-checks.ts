// What a page in one UI language must not show: a raw translation key, or a German UI string. The
// German strings are those of app/locales/de/ that the language says differently; content marked with
// another `lang` (a German service description on an Arabic page) is left out before the check, so
// only unmarked German fails.
import type { Page } from "playwright-core";
import type postgres from "postgres";
import { loadLanguageFile } from "#app/utils/i18n.server";

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = "", into = new Map<string, string>()): Map<string, string> {
  if (typeof value === "string") into.set(prefix, value);
  else if (typeof value === "object" && value !== null) for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  return into;
}

/** The pieces of a string a page shows as they are: the text between placeholders, Markdown marks and line breaks. */
function fragments(text: string): string[] {
  return text
    .split(/\{\{.+?\}\}|\n|\*\*|[`#>|]|\[|\]\(.*?\)/)
    .map((part) =>
      part
        .trim()
        .replace(/^[-–:,.;·•()]+|[-–:,.;·•()]+$/g, "")
        .trim(),
    )
    .filter((part) => part.length > 0);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export type LanguageCheck = {
  lang: string;
  /** Every key of the catalog, also without its plural suffix. */
  keys: Set<string>;
  /** Matches a German UI string standing as words of its own, or null for German itself. */
  german: RegExp | null;
};

/**
 * The checks of one language, built from the catalog on disk. `content` is the text the site holds as
 * data (names, titles, descriptions, posts): a UI string that also occurs there ("Sprache" in "Sprache
 * & Bildung") cannot tell German UI from German content, so only the others are looked for.
 */
export function languageCheck(lang: string, content = ""): LanguageCheck {
  const de = flatten(loadLanguageFile("de"));
  const keys = new Set([...de.keys()].flatMap((key) => [key, key.replace(PLURAL_SUFFIX, "")]).filter((key) => key.includes(".")));
  if (lang === "de") return { lang, keys, german: null };
  const own = flatten(loadLanguageFile(lang));
  const ownText = [...own.values()].join("\n");
  const german = new Set<string>();
  for (const [key, value] of de) {
    if (key.startsWith("_meta") || own.get(key) === value) continue;
    for (const fragment of fragments(value)) {
      // Names and codes the language keeps as they are ("Kurze Wege", "Jobcenter") are not German UI.
      if (fragment.length < 5 || !/\p{L}{3}/u.test(fragment) || ownText.includes(fragment)) continue;
      if (content.includes(fragment) && new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(fragment)}(?![\\p{L}\\p{N}])`, "u").test(content)) continue;
      german.add(fragment);
    }
  }
  const alternatives = [...german].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return { lang, keys, german: alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "u") : null };
}

/** Every text of every row of the database: what the site shows as content. */
export async function contentText(sql: postgres.Sql): Promise<string> {
  const tables = await sql<{ name: string }[]>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`;
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await sql.unsafe<{ row: string }[]>(`select t::text as row from "${name.replace(/"/g, '""')}" t`);
    parts.push(...rows.map((row) => row.row));
  }
  return parts.join("\n");
}

/**
 * The page's text in its own language: every text node and the labels a screen reader reads (aria-label,
 * title, alt, placeholder, button values), without elements marked with another language.
 */
export function pageText(page: Page): Promise<{ lang: string | null; dir: string | null; text: string }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const lang = root.getAttribute("lang");
    const body = document.body.cloneNode(true) as HTMLElement;
    // What people typed into a field is theirs, in whatever language: only the field's label is UI.
    for (const element of body.querySelectorAll("script, style, template, textarea")) element.remove();
    // Content in another language (a German group name on an Arabic page) is marked as such; the
    // title cannot be marked, so the same text is taken out of it.
    const contents: string[] = [];
    for (const element of body.querySelectorAll("[lang]")) {
      if (element.getAttribute("lang") === lang) continue;
      const content = element.textContent?.trim();
      if (content) contents.push(content);
      element.remove();
    }
    // Labels that name content ("Aufgabe „…“ verschieben") lose it the same way.
    const withoutContent = (text: string) => contents.reduce((rest, content) => rest.split(content).join(" "), text);
    const labels: string[] = [];
    for (const element of body.querySelectorAll("[aria-label], [title], [alt], [placeholder], input[type=submit], input[type=button]")) {
      for (const name of ["aria-label", "title", "alt", "placeholder"]) {
        const value = element.getAttribute(name);
        if (value) labels.push(value);
      }
      if (element instanceof HTMLInputElement && (element.type === "submit" || element.type === "button")) labels.push(element.value);
    }
    return { lang, dir: root.getAttribute("dir"), text: `${withoutContent(document.title)}\n${body.textContent ?? ""}\n${withoutContent(labels.join("\n"))}` };
  });
}

/** Problems of a page's text for the language: raw keys and German UI strings. */
export function textProblems(check: LanguageCheck, text: string): string[] {
  const problems: string[] = [];
  for (const [token] of text.matchAll(/[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+/g)) if (check.keys.has(token)) problems.push(`raw key "${token}"`);
  const german = check.german ? new RegExp(check.german.source, "gu") : null;
  if (german) for (const [match] of text.matchAll(german)) problems.push(`German "${match}"`);
  return [...new Set(problems)];
}
