import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { markdownLinks } from "#app/components/markdown-html";
import openMicStyles from "#app/styles/open-mic.css";
import { pageTitle } from "#app/utils/meta";
import type { loader } from "./data.server";
import { TopicPage } from "./topic-view";

export { action, loader } from "./data.server";

export const links = () => [...markdownLinks, { rel: "stylesheet", href: openMicStyles }];

export const meta: MetaFunction<typeof loader> = (args) => (args.data?.kind === "topic" ? pageTitle(args, "openMic.list.title", args.data.topic.title) : pageTitle(args, "openMic.list.title"));

/** What members and guests see of a hidden topic: that it is hidden, and why (held by flags: until the coordination decides). */
function HiddenTopic({ id, reason, held }: { id: number; reason: string; held: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <p className="entry__kind">
        <Link to="/open-mic">{t("openMic.backToList")}</Link>
      </p>
      <h1>{t("openMic.hidden.title", { id })}</h1>
      <p className="notice">
        {held ? (
          t("posting.held.topic")
        ) : (
          <>
            {t("openMic.hidden.topic")} {reason ? t("openMic.hidden.reason", { reason }) : null}
          </>
        )}
      </p>
    </div>
  );
}

export default function TopicRoute() {
  const data = useLoaderData<typeof loader>();
  if (data.kind === "hidden") return <HiddenTopic id={data.id} reason={data.reason} held={data.held} />;
  return <TopicPage data={data} />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
