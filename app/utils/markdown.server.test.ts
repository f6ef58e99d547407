import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Markdown } from "#app/components/markdown";
import { MarkdownHtml } from "#app/components/markdown-html";
import { createTranslator, type Messages } from "./i18n";
import { renderMarkdown } from "./markdown.server";
import { TranslationProvider } from "./use-translation";

// On a German page, where German text needs no mark of its own.
const german = createTranslator("de", { _meta: { name: "Deutsch", dir: "ltr" } } as Messages);
const inPage = (source: string, mentions?: ReadonlyMap<string, string>) =>
  renderToStaticMarkup(createElement(TranslationProvider, { translator: german, children: createElement(MarkdownHtml, { html: renderMarkdown(source, mentions) }) }));
const rendered = (source: string, mentions?: ReadonlyMap<string, string>) => renderToStaticMarkup(createElement(Markdown, { source, mentions }));

describe("Markdown rendered on the server", () => {
  test("on a page in another language the text is marked with its own", () => {
    const english = createTranslator("en", { _meta: { name: "English", dir: "ltr" } } as Messages);
    const html = renderToStaticMarkup(createElement(TranslationProvider, { translator: english, children: createElement(MarkdownHtml, { html: renderMarkdown("Hallo"), lang: "ar" }) }));
    expect(html).toBe('<div class="markdown" lang="ar" dir="rtl"><p>Hallo</p></div>');
    expect(renderToStaticMarkup(createElement(TranslationProvider, { translator: english, children: createElement(MarkdownHtml, { html: renderMarkdown("Hallo") }) }))).toContain('lang="de"');
  });

  test("a page shows exactly what the Markdown component renders, in one frame", () => {
    const source = "**Wichtig:** Termin am *Montag*\n\n> Zitat\n\n- eins\n- zwei\n\n[VHS](https://vhs-auental.example) und [Seite](/open-mic/4)";
    expect(inPage(source)).toBe(rendered(source));
    expect(inPage(source).match(/class="markdown"/g)).toHaveLength(1);
  });

  test("raw HTML stays text and unsafe links stay plain: the guarantees hold in the HTML a loader sends", () => {
    const { __html } = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) <a href="/x" onclick="alert(4)">a</a>');
    expect(__html).not.toMatch(/<(script|img|a)\b/i);
    // Inside tags: no event attribute, no script address (the typed text shows them escaped).
    expect(__html).not.toMatch(/<[a-z][^>]*(\son\w+=|javascript:)/i);
    expect(__html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  test("mentions of the given handles are marked, as in the component", () => {
    const mentions = new Map([["marta.kowalczyk", "Marta Kowalczyk"]]);
    expect(inPage("Danke @marta.kowalczyk!", mentions)).toBe(rendered("Danke @marta.kowalczyk!", mentions));
    expect(renderMarkdown("Danke @marta.kowalczyk!", mentions).__html).toContain('<span class="mention">@Marta Kowalczyk</span>');
  });
});
