import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MarkdownBody } from "#app/components/markdown";
import type { RenderedMarkdown } from "#app/components/markdown-html";

/**
 * A text in our Markdown subset as the HTML a page shows with MarkdownHtml: the same component and
 * the same guarantees as rendering it in the page (no raw HTML, no images, only safe links), done
 * here so that the renderer stays on the server. `mentions` maps handles to display names.
 */
export function renderMarkdown(source: string, mentions?: ReadonlyMap<string, string>): RenderedMarkdown {
  return { __html: renderToStaticMarkup(createElement(MarkdownBody, { source, mentions })) };
}
