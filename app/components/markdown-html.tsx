import type { LinkDescriptor } from "@remix-run/node";
import markdownStyles from "#app/styles/markdown.css";
import { useContentLang } from "#app/utils/content-lang";

/** The stylesheet of rendered Markdown (mentions, quotes, code): add it to a route's `links`. */
export const markdownLinks: LinkDescriptor[] = [{ rel: "stylesheet", href: markdownStyles }];

/**
 * Markdown the server rendered (renderMarkdown in markdown.server.ts): HTML made only of the subset's
 * elements and safe links, in the shape React's dangerouslySetInnerHTML takes. Loaders send it, so
 * the browser needs no Markdown parser.
 */
export type RenderedMarkdown = { __html: string };

/**
 * A text people wrote, as the server rendered it, marked with its language where that differs from the
 * page's (`lang`: what the text is written in; German, the network's language, when nobody recorded it).
 */
export function MarkdownHtml({ html, lang }: { html: RenderedMarkdown; lang?: string | null }) {
  const langOf = useContentLang();
  // The HTML comes from renderMarkdown only: react-markdown's output, which never carries raw HTML.
  return <div className="markdown" {...langOf(lang)} dangerouslySetInnerHTML={html} />;
}
