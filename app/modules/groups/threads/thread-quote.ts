/** Characters that would turn a name into Markdown formatting. */
const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]<>#~|])/g, "\\$1");

/**
 * A reply's opening that quotes a post: the attribution line (already translated, with `{{name}}`
 * filled by escapedName) and every line of the post after "> ", followed by an empty line.
 */
export function quoteOf(body: string, attribution: (escapedName: string) => string, authorName: string): string {
  const lines = body.replace(/\r\n?/g, "\n").trim().split("\n");
  return [`> ${attribution(escapeMarkdown(authorName))}`, ...lines.map((line) => (line ? `> ${line}` : ">"))].join("\n") + "\n\n";
}
