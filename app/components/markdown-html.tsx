import type { LinkDescriptor } from "@remix-run/node";
import markdownStyles from "#app/styles/markdown.css";

/** The stylesheet of rendered Markdown (mentions, quotes, code): add it to a route's `links`. */
export const markdownLinks: LinkDescriptor[] = [{ rel: "stylesheet", href: markdownStyles }];

/**
 * Markdown the server rendered (renderMarkdown in markdown.server.ts): HTML made only of the subset's
 * elements and safe links, in the shape React's dangerouslySetInnerHTML takes. Loaders send it, so
 * the browser needs no Markdown parser.
 */
export type RenderedMarkdown = { __html: string };

/** A text people wrote, as the server rendered it. */
export function MarkdownHtml({ html }: { html: RenderedMarkdown }) {
  // The HTML comes from renderMarkdown only: react-markdown's output, which never carries raw HTML.
  return <div className="markdown" dangerouslySetInnerHTML={html} />;
}
