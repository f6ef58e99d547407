import { extractMentions } from "#app/utils/mentions";

// What the posting rules read in a post's text: its links, its @mentions, and the text as compared
// for "the same post again". Plain functions, so a form could show the same counts before sending.

/** Fenced code blocks (``` or ~~~, up to the closing fence or the end): nothing in them is a link. */
const FENCED_CODE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm;
/** Code spans: a run of backticks up to the next run of the same length. */
const CODE_SPAN = /(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g;
/** Raw HTML tags and comments: shown as typed, never as a link (`<https://…>` is no tag: ":" follows the name). */
const HTML_TAG = /<!--[\s\S]*?-->|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;
/** A link reference definition on its own line: `[label]: https://…`. It shows nothing itself. */
const DEFINITION = /^ {0,3}\[((?:[^[\]\\]|\\.){1,999})\]:[ \t]*\n?[ \t]*(?:<[^<>\n]*>|\S+)[^\n]*$/gm;

// The text of a link: brackets may nest one level (`[a [b] c](…)`), escapes are kept.
const LABEL = String.raw`\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]`;
// Where a link goes: `<…>` or a run without spaces whose parentheses balance, then an optional title.
const DESTINATION = String.raw`\(\s*(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)`;

const IMAGE = new RegExp(String.raw`!${LABEL}(?:${DESTINATION}|\[[^\]]*\])?`, "g");
const INLINE_LINK = new RegExp(LABEL + DESTINATION, "g");
const REFERENCE_LINK = new RegExp(String.raw`${LABEL}(?:\[((?:[^\[\]\\]|\\.)*)\])?`, "g");
/** `<https://…>`, `<mailto:…>` and `<name@host.de>`. */
const AUTOLINK = /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/g;
/**
 * A bare address as GFM links it: `http(s)://` (not glued to a letter before it) and a host, or
 * `www.` after the start, a space or a punctuation mark. A host runs to a space or a punctuation
 * mark other than "-", "." and "_".
 */
const BARE_URL = /(?<![a-z])https?:\/\/(?![\s\p{P}\p{S}])((?:[^\s\p{P}\p{S}]|[-._])+)|(?<![^\s\p{P}\p{S}])www\.((?:[^\s\p{P}\p{S}]|[-._])*)/giu;
/** A bare e-mail address (also after `mailto:`), which GFM links too; a host ending in a digit, "-" or "_" is none. */
const BARE_EMAIL = /(?<![\w+.-])[\w+.-]+@[\w-]+(?:\.[\w-]+)+/g;

/** How a reference label is compared: case and runs of white space do not matter. */
const normaliseLabel = (label: string) => label.trim().replace(/\s+/g, " ").toLowerCase();

/** Whether GFM links this host: its last two parts hold no "_" (dots and underscores at its end are punctuation after it). */
function isLinkableHost(found: string): boolean {
  // NOTE: a loop, not /[._]+$/, which takes quadratic time on a long run of underscores.
  let end = found.length;
  while (end > 0 && (found[end - 1] === "." || found[end - 1] === "_")) end--;
  return found
    .slice(0, end)
    .split(".")
    .slice(-2)
    .every((part) => !part.includes("_"));
}

/**
 * How many links a reader sees in a post written in our Markdown subset: Markdown links (inline and
 * by reference), autolinks in angle brackets, and bare `http(s)://`, `www.` and e-mail addresses.
 * Code and raw HTML hold none; an image is no link. Every link counts, wherever it points.
 */
export function countLinks(source: string): number {
  let count = 0;
  let text = source.replace(/\r\n?/g, "\n").replace(FENCED_CODE, "\n").replace(CODE_SPAN, " ").replace(HTML_TAG, " ");
  const take = (pattern: RegExp, counts: (match: RegExpExecArray) => boolean = () => true) => {
    text = text.replace(pattern, (...args: unknown[]) => {
      const match = args as unknown as RegExpExecArray;
      if (!counts(match)) return match[0];
      count++;
      return " ";
    });
  };
  const labels = new Set<string>();
  text = text.replace(DEFINITION, (_, label: string) => {
    labels.add(normaliseLabel(label));
    return "";
  });
  // Images first: inside a link (`[![alt](bild.png)](https://…)`) the link still counts.
  text = text.replace(IMAGE, " ");
  take(INLINE_LINK);
  take(REFERENCE_LINK, (match) => labels.has(normaliseLabel(match[2] || match[1] || "")));
  take(AUTOLINK);
  take(BARE_URL, (match) => isLinkableHost(match[1] ?? `www.${match[2]}`));
  take(BARE_EMAIL, (match) => !/[\d_-]$/.test(match[0]));
  return count;
}

/** How many people a post @mentions: each handle once, however often it is named. */
export function countMentions(source: string): number {
  return extractMentions(source).length;
}

/**
 * A post's text as compared for "the same post again": trimmed, runs of white space made one
 * space, and case-folded (so "Straße" and "STRASSE" are the same).
 */
export function normalisePostText(source: string): string {
  return source.normalize("NFKC").trim().replace(/\s+/gu, " ").toUpperCase().toLowerCase();
}
