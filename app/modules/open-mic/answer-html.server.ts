import { renderMarkdown } from "#app/utils/markdown.server";

/** A status change with its answer rendered for the page (`answerHtml`), the Markdown source kept beside it. */
export function withAnswerHtml<T extends { answer: string }>(change: T): T & { answerHtml: ReturnType<typeof renderMarkdown> } {
  return { ...change, answerHtml: renderMarkdown(change.answer) };
}
