import { withAnswerHtml } from "#app/modules/open-mic/answer-html.server";
import type { getTopicPage } from "#app/modules/open-mic/topic-page.server";
import { renderMarkdown } from "#app/utils/markdown.server";

type TopicPage = Extract<Awaited<ReturnType<typeof getTopicPage>>, { kind: "topic" }>;

/**
 * The topic page with its texts rendered on the server: the topic, each reply the viewer may read,
 * the official answer and the history. The sources stay for the edit forms.
 */
export function withRenderedTexts(page: TopicPage) {
  const history = page.history.map(withAnswerHtml);
  return {
    ...page,
    topic: { ...page.topic, bodyHtml: renderMarkdown(page.topic.body) },
    // The official answer is the last status change (getTopicPage): rendered once.
    answer: page.answer ? (history.at(-1) ?? withAnswerHtml(page.answer)) : null,
    history,
    replies: page.replies.map((reply) => ({ ...reply, bodyHtml: reply.body === null ? null : renderMarkdown(reply.body) })),
  };
}
