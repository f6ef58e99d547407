import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { ErrorPage } from "#app/components/error-boundary";
import { STATEMENT_PATH } from "#app/modules/accessibility/accessibility-rules";
import { FeedbackForm } from "#app/modules/accessibility/feedback-form";
import { FeedbackSchema } from "#app/modules/accessibility/feedback-schema";
import { submitFeedback } from "#app/modules/accessibility/feedback.server";
import { AccessibilityStatement } from "#app/modules/accessibility/statement";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { RETENTION } from "#app/modules/privacy/retention-periods";
import styles from "#app/styles/accessibility.css";
import { getEnv } from "#app/utils/env.server";
import { refusalReply } from "#app/utils/http";
import { getLanguage } from "#app/utils/i18n.server";
import { pageTitle } from "#app/utils/meta";
import { useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, "accessibility.statement.title");

/** The page of this site the visitor came from (its path), to fill in the form's page field. */
function cameFrom(request: Request): string {
  const referer = request.headers.get("Referer");
  if (!referer || !URL.canParse(referer)) return "";
  const from = new URL(referer);
  const own = [new URL(request.url).origin, getEnv().appOrigin];
  if (!own.includes(from.origin) || from.pathname === STATEMENT_PATH) return "";
  return `${from.pathname}${from.search}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return json({
    siteUrl: getEnv().APP_URL,
    defaults: { pageUrl: cameFrom(request), name: user?.displayName ?? "", email: user?.email ?? "" },
    retentionDays: RETENTION.accessibilityFeedbackDays,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: FeedbackSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const outcome = await submitFeedback(submission.value, { user, clientAddress: context.clientAddress, language: await getLanguage(request) });
  if (!outcome.ok) {
    const { result, status, headers } = refusalReply(outcome, submission.reply, { throttled: { message: "validation.throttled" } });
    return json({ result }, { status, headers });
  }
  return redirectWithToast(STATEMENT_PATH, "accessibility.feedback.sent");
}

export default function AccessibilityStatementPage() {
  const { lang } = useRootData();
  const { siteUrl, defaults, retentionDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // A new location after sending: the form starts empty again.
  const { key } = useLocation();
  return (
    <div className="page page--narrow statement">
      <AccessibilityStatement lang={lang} siteUrl={siteUrl} feedback={<FeedbackForm key={key} lastResult={actionData?.result} defaults={defaults} retentionDays={retentionDays} />} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
