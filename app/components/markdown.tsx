import { useMemo, type ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { MENTION_PATTERN } from "#app/utils/mentions";

// NOTE: the renderer runs on the server only (renderMarkdown in app/utils/markdown.server.ts): pages
// get the finished HTML from their loaders and show it with MarkdownHtml (markdown-html.tsx), so
// react-markdown and its parser never reach the browser. Import this module from *.server.ts files
// and tests only; test/production/page-weight.test.ts fails when it reaches a browser bundle.

// The subset people may use. Everything else is unwrapped to its text; raw HTML and images never
// get this far (see rewrite below), and react-markdown never parses HTML without rehype-raw.
const ALLOWED_ELEMENTS = ["p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr", "span", "h1", "h2", "h3", "h4", "h5", "h6"];
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
const LINK_REL = "nofollow ugc noopener noreferrer";

/**
 * The URL when it is an absolute http:, https: or mailto: address or a path on this site
 * ("/open-mic/42"; not "//host", which leaves the site); null for anything else.
 */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (/^\/(?![/\\])/.test(trimmed)) return trimmed;
  if (!/^(https?|mailto):/i.test(trimmed)) return null;
  try {
    return SAFE_PROTOCOLS.has(new URL(trimmed).protocol) ? trimmed : null;
  } catch {
    return null;
  }
}

// A loose view of mdast nodes: the rewrite only moves nodes and makes text, breaks and paragraphs.
type MdNode = {
  type: string;
  value?: string;
  alt?: string | null;
  label?: string | null;
  identifier?: string;
  children?: MdNode[];
  data?: { hName?: string; hProperties?: Record<string, unknown> };
};

const BLOCK_PARENTS = new Set(["root", "blockquote", "listItem", "footnoteDefinition"]);

/** Text with its line breaks kept and, outside links, the mentions of known handles marked. */
function textNodes(value: string, mentions: ReadonlyMap<string, string>, inLink: boolean): MdNode[] {
  const nodes: MdNode[] = [];
  value.split("\n").forEach((line, index) => {
    if (index > 0) nodes.push({ type: "break" });
    let rest = 0;
    if (!inLink && mentions.size > 0) {
      for (const match of line.matchAll(MENTION_PATTERN)) {
        const name = mentions.get(match[2]!.toLowerCase());
        if (name === undefined) continue;
        const start = match.index + match[1]!.length;
        if (start > rest) nodes.push({ type: "text", value: line.slice(rest, start) });
        nodes.push({ type: "text", value: `@${name}`, data: { hName: "span", hProperties: { className: ["mention"] } } });
        rest = match.index + match[0].length;
      }
    }
    if (rest < line.length) nodes.push({ type: "text", value: line.slice(rest) });
  });
  return nodes;
}

/** One node as the subset shows it: possibly none, possibly several. */
function rewrite(node: MdNode, parentType: string, mentions: ReadonlyMap<string, string>, inLink: boolean): MdNode[] {
  const again = (nodes: MdNode[]) => nodes.flatMap((child) => rewrite(child, parentType, mentions, inLink));
  switch (node.type) {
    case "html": {
      // Typed HTML is shown as typed, never parsed.
      const text = textNodes(node.value ?? "", mentions, true);
      return BLOCK_PARENTS.has(parentType) ? [{ type: "paragraph", children: text }] : text;
    }
    case "image":
    case "imageReference":
      return node.alt ? textNodes(node.alt, mentions, inLink) : [];
    case "table":
      // A table becomes one line per row, its cells separated by a bar.
      return again(
        (node.children ?? []).map((row) => ({
          type: "paragraph",
          children: (row.children ?? []).flatMap((cell, index) => [...(index > 0 ? [{ type: "text", value: " | " }] : []), ...(cell.children ?? [])]),
        })),
      );
    case "footnoteReference":
      return [{ type: "text", value: `[^${node.label ?? node.identifier ?? ""}]` }];
    case "footnoteDefinition":
      return again([{ type: "paragraph", children: [{ type: "text", value: `[^${node.label ?? node.identifier ?? ""}]:` }] }, ...(node.children ?? [])]);
    case "text":
      return textNodes(node.value ?? "", mentions, inLink);
    default:
      if (node.children) {
        const childInLink = inLink || node.type === "link" || node.type === "linkReference";
        node.children = node.children.flatMap((child) => rewrite(child, node.type, mentions, childInLink));
      }
      return [node];
  }
}

function remarkSubset(mentions: ReadonlyMap<string, string>) {
  return () => (tree: MdNode) => {
    tree.children = (tree.children ?? []).flatMap((child) => rewrite(child, "root", mentions, false));
  };
}

function Heading({ children }: { children?: ReactNode }) {
  // Headings inside a post must not compete with the page's own; they read as strong paragraphs.
  return (
    <p className="markdown__heading">
      <strong>{children}</strong>
    </p>
  );
}

const components: Components = {
  h1: Heading,
  h2: Heading,
  h3: Heading,
  h4: Heading,
  h5: Heading,
  h6: Heading,
  a: ({ href, children }) =>
    href ? (
      // Links within the site need no rel; others are people's links to elsewhere.
      <a href={href} rel={href.startsWith("/") ? undefined : LINK_REL}>
        {children}
      </a>
    ) : (
      <>{children}</>
    ),
};

const NO_MENTIONS: ReadonlyMap<string, string> = new Map();

type MarkdownProps = { source: string; mentions?: ReadonlyMap<string, string> };

/** The rendered Markdown without its frame: what renderMarkdown turns into the HTML a page shows in MarkdownHtml. */
export function MarkdownBody({ source, mentions = NO_MENTIONS }: MarkdownProps) {
  const remarkPlugins = useMemo(() => [remarkGfm, remarkSubset(mentions)], [mentions]);
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} allowedElements={ALLOWED_ELEMENTS} unwrapDisallowed urlTransform={safeUrl} components={components}>
      {source}
    </ReactMarkdown>
  );
}

/**
 * Markdown as people write it in posts: paragraphs, line breaks, emphasis, strikethrough, code,
 * quotes, lists and http(s)/mailto links. No HTML, no images; `mentions` maps the handles that
 * become highlighted mentions (lower case) to display names; other @names stay text.
 */
export function Markdown(props: MarkdownProps) {
  return (
    <div className="markdown">
      <MarkdownBody {...props} />
    </div>
  );
}
