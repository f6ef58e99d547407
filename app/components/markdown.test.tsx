import { renderToStaticMarkup } from "react-dom/server";
import { Markdown, safeUrl } from "./markdown";

const render = (source: string, mentions?: Map<string, string>) => renderToStaticMarkup(<Markdown source={source} mentions={mentions} />);
/** Every element the markup opens, by name. */
const tagsIn = (html: string) => [...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((match) => match[1]!.toLowerCase());
/** Every attribute name inside a tag (escaped text never counts: it has no "<"). */
const attributesIn = (html: string) => [...html.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((tag) => [...tag[0].matchAll(/\s([a-zA-Z-]+)=/g)].map((match) => match[1]!.toLowerCase()));

describe("Markdown", () => {
  test("a script tag is shown as text, never emitted as an element", () => {
    const html = render("Hallo <script>alert(1)</script> Welt\n\n<script>\nalert(2)\n</script>");
    expect(tagsIn(html)).not.toContain("script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("alert(2)");
  });

  test("an image tag with onerror and a Markdown image never become an img or an event attribute", () => {
    const html = render('<img src=x onerror=alert(1)>\n\nText ![Stadtplan Auenstadt](https://example.org/karte.png) und <img src="y" onerror="alert(2)"/>');
    expect(tagsIn(html)).not.toContain("img");
    expect(attributesIn(html)).not.toContain("onerror");
    expect(new Set(tagsIn(html))).toEqual(new Set(["div", "p"]));
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // The Markdown image keeps its alt text.
    expect(html).toContain("Stadtplan Auenstadt");
    expect(html).not.toContain("karte.png");
  });

  test("javascript:, data: and other links become plain text", () => {
    const html = render("[x](javascript:alert(1)) [y](JaVaScRiPt:alert(2)) [z](data:text/html,<b>hi</b>) [w](vbscript:msgbox) [r][ref]\n\n[ref]: javascript:alert(3)");
    expect(html).not.toMatch(/<a\b/);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain("x");
    expect(html).toContain("z");
  });

  test("raw HTML elements of every kind are text, including attributes that would carry script", () => {
    const html = render('<a href="javascript:alert(1)">klick</a> <div style="x" onclick="alert(1)">box</div> <iframe src="https://example.org"></iframe>');
    expect(new Set(tagsIn(html))).toEqual(new Set(["div", "p"]));
    expect(attributesIn(html)).toEqual(["class"]);
    expect(html).toContain("&lt;div style=&quot;x&quot; onclick=&quot;alert(1)&quot;&gt;");
  });

  test("http, https and mailto links get the safe rel; autolinked addresses too", () => {
    const html = render("[Kreis](https://www.auental.example/integration) und https://vhs-auental.example/kurse sowie <mailto:info@auental.example>");
    expect(html).toContain('<a href="https://www.auental.example/integration" rel="nofollow ugc noopener noreferrer">Kreis</a>');
    expect(html).toContain('<a href="https://vhs-auental.example/kurse" rel="nofollow ugc noopener noreferrer">https://vhs-auental.example/kurse</a>');
    expect(html).toContain('href="mailto:info@auental.example"');
  });

  test("mentions of known handles become highlighted names; unknown ones stay text", () => {
    const mentions = new Map([["marta.kowalczyk", "Marta Kowalczyk (Ehrenamt)"]]);
    const html = render("Danke @marta.kowalczyk. Und @Marta.Kowalczyk, aber nicht @niemand.hier oder info@marta.kowalczyk.de", mentions);
    expect(html).toContain('Danke <span class="mention">@Marta Kowalczyk (Ehrenamt)</span>. Und <span class="mention">@Marta Kowalczyk (Ehrenamt)</span>');
    expect(html).toContain("@niemand.hier");
    expect(html.match(/class="mention"/g)).toHaveLength(2);
    // Without the map nothing is resolved.
    expect(render("@marta.kowalczyk")).not.toContain("mention");
    // Inside code a mention stays as written.
    expect(render("`@marta.kowalczyk`", mentions)).toBe('<div class="markdown"><p><code>@marta.kowalczyk</code></p></div>');
  });

  test("the allowed formatting renders", () => {
    const html = render(
      ["**fett** *kursiv* ~~durch~~ `code`", "", "> zitiert", "", "- eins", "- zwei", "", "1. erst", "2. dann", "", "```", "const a = 1;", "```", "", "Zeile eins", "Zeile zwei"].join("\n"),
    );
    expect(html).toContain("<strong>fett</strong>");
    expect(html).toContain("<em>kursiv</em>");
    expect(html).toContain("<del>durch</del>");
    expect(html).toContain("<code>code</code>");
    expect(html).toMatch(/<blockquote>\s*<p>zitiert<\/p>\s*<\/blockquote>/);
    expect(html).toMatch(/<ul>\s*<li>eins<\/li>\s*<li>zwei<\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol>\s*<li>erst<\/li>\s*<li>dann<\/li>\s*<\/ol>/);
    expect(html).toContain("<pre><code>const a = 1;\n</code></pre>");
    expect(html).toContain("Zeile eins<br/>");
  });

  test("headings read as strong paragraphs, so a post never breaks the page's heading order", () => {
    const html = render("# Titel\n\n### Unterpunkt");
    expect(html).not.toMatch(/<h[1-6]/);
    expect(html).toContain('<p class="markdown__heading"><strong>Titel</strong></p>');
  });

  test("tables are flattened to lines", () => {
    const html = render("| Ort | Kurs |\n| --- | --- |\n| Lindach | B1 |");
    expect(html).not.toMatch(/<t(able|d|r|h)/);
    expect(html).toContain("<p>Lindach | B1</p>");
  });

  test("safeUrl accepts absolute http, https and mailto addresses and paths on this site", () => {
    expect(safeUrl("https://example.org")).toBe("https://example.org");
    expect(safeUrl("mailto:a@b.de")).toBe("mailto:a@b.de");
    expect(safeUrl("javascript:alert(1)")).toBeNull();
    expect(safeUrl(" java\tscript:alert(1)")).toBeNull();
    expect(safeUrl("/open-mic/42")).toBe("/open-mic/42");
    expect(safeUrl("//evil.example")).toBeNull();
    expect(safeUrl("/\\evil.example")).toBeNull();
    expect(safeUrl("intern")).toBeNull();
  });
});
