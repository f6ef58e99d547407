import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { markdownLinks } from "#app/components/markdown-html";
import { formatDay } from "#app/modules/groups/tasks/task-dates";
import { withAnswerHtml } from "#app/modules/open-mic/answer-html.server";
import { StatusHistory } from "#app/modules/open-mic/coordination-history";
import { StatusChangeForm } from "#app/modules/open-mic/coordination-status-form";
import { StatusChangeSchema, topicIdFrom } from "#app/modules/open-mic/coordination-schemas";
import { defaultReviewDay, getTopicForCoordination, listAnswerServices, listRoutingGroups, nextStatuses, requireOpenMicCoordinator } from "#app/modules/open-mic/coordination.server";
import { postLanguageProps } from "#app/modules/open-mic/post-language";
import { changeTopicStatus } from "#app/modules/open-mic/status-change.server";
import { getStatusHistory } from "#app/modules/open-mic/status-history.server";
import styles from "#app/styles/open-mic-coordination.css";
import { notFound, requireFound } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import { useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";

export const links = () => [...markdownLinks, { rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "openMicCoordination.status.title", ...(args.data ? [args.data.topic.title] : []));

/** How much of an answer begun elsewhere (?antwort=, e.g. from a meeting's decisions) the form takes. */
const PREFILL_MAX = 2_000;

async function load(request: Request, idParam: string | undefined) {
  const user = await requireOpenMicCoordinator(request);
  const topicId = topicIdFrom(idParam);
  const topic = requireFound(topicId ? await getTopicForCoordination(topicId) : null);
  return { user, topic };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, topic } = await load(request, params.id);
  const [history, groups, services] = await Promise.all([getStatusHistory(user, topic.id), listRoutingGroups(user), listAnswerServices()]);
  const currentGroup = groups.find((group) => group.id === topic.routedGroupId) ?? null;
  return json({
    topic: {
      id: topic.id,
      title: topic.title,
      language: topic.language,
      status: topic.status,
      approved: topic.approvedAt !== null,
      hidden: topic.hiddenAt !== null,
      mergedIntoId: topic.mergedIntoId,
      nextReviewAt: topic.nextReviewAt,
    },
    currentGroup: currentGroup ? { name: currentGroup.name, slug: currentGroup.slug } : null,
    routedElsewhere: topic.routedGroupId !== null && !currentGroup,
    allowed: nextStatuses(topic.status),
    history: history.map(withAnswerHtml),
    groups: groups.map(({ id, name }) => ({ id, name })),
    services,
    defaultReviewDay: defaultReviewDay(),
    // Only the form's first value: nothing is saved until the coordinator sends the form.
    prefilledAnswer: [...(new URL(request.url).searchParams.get("antwort") ?? "")].slice(0, PREFILL_MAX).join(""),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, topic } = await load(request, params.id);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: StatusChangeSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const outcome = await changeTopicStatus(user, topic.id, submission.value);
  if (!outcome.ok) {
    if (outcome.notFound) throw notFound();
    return json({ result: submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }) }, { status: 400 });
  }
  return redirectWithToast(`/open-mic/${topic.id}`, "openMicCoordination.toast.statusChanged");
}

export default function TopicStatusPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { topic } = data;
  return (
    <div className="page om-coordination">
      <p className="entry__kind">
        <Link to={`/open-mic/${topic.id}`}>{t("openMicCoordination.backToTopic", { id: topic.id })}</Link>
        {" · "}
        <Link to={`/open-mic/${topic.id}/moderieren`}>{t("openMicCoordination.moderate.link")}</Link>
      </p>
      <h1>{t("openMicCoordination.status.heading", { id: topic.id })}</h1>
      <p className="lead" {...postLanguageProps(topic.language, lang)}>
        {topic.title}
      </p>
      <dl className="facts">
        <dt>{t("openMicCoordination.status.current")}</dt>
        <dd>
          <span className={`badge om-status om-status--${topic.status}`}>{t(`openMicCoordination.statuses.${topic.status}`)}</span>
        </dd>
        {data.currentGroup || data.routedElsewhere ? (
          <>
            <dt>{t("openMicCoordination.status.routedTo")}</dt>
            <dd>{data.currentGroup ? <Link to={`/arbeitsgruppen/${data.currentGroup.slug}`}>{data.currentGroup.name}</Link> : t("openMicCoordination.hiddenGroup")}</dd>
          </>
        ) : null}
        {topic.nextReviewAt ? (
          <>
            <dt>{t("openMicCoordination.status.nextReview")}</dt>
            <dd>{formatDay(lang, topic.nextReviewAt, { dateStyle: "long" })}</dd>
          </>
        ) : null}
      </dl>
      {!topic.approved ? (
        <p className="notice">
          {t("openMicCoordination.status.notApproved")} <Link to={`/open-mic/${topic.id}/moderieren`}>{t("openMicCoordination.moderate.link")}</Link>
        </p>
      ) : topic.mergedIntoId ? (
        <p className="notice">
          {t("openMicCoordination.status.merged")} <Link to={`/open-mic/${topic.mergedIntoId}/status`}>{t("openMicCoordination.topicNumber", { id: topic.mergedIntoId })}</Link>
        </p>
      ) : (
        <StatusChangeForm
          topic={topic}
          allowed={data.allowed}
          groups={data.groups}
          services={data.services}
          defaultReviewDay={data.defaultReviewDay}
          initialAnswer={data.prefilledAnswer}
          lastResult={actionData?.result}
        />
      )}
      <StatusHistory history={data.history} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
