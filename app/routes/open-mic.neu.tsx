import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { checkFormToken, issueFormToken, renewFormToken } from "#app/modules/open-mic/form-timing.server";
import { NewTopicForm } from "#app/modules/open-mic/new-topic-form";
import { isValidChoice } from "#app/modules/open-mic/post-language.server";
import { personalDataIn, type PersonalDataSummary } from "#app/modules/open-mic/personal-data";
import { newTopicTexts, NewTopicSchema, SIMILAR_QUERY_MIN } from "#app/modules/open-mic/topic-schemas";
import { findSimilarTopics } from "#app/modules/open-mic/topic-search.server";
import { createTopic } from "#app/modules/open-mic/topic-writes.server";
import { listCategories } from "#app/modules/open-mic/topics.server";
import { POSTING_REFUSALS } from "#app/modules/posting/posting-limits";
import openMicStyles from "#app/styles/open-mic.css";
import { refusalReply } from "#app/utils/http";
import { getLanguage } from "#app/utils/i18n.server";
import { pageTitle } from "#app/utils/meta";
import { redirectWithToast } from "#app/utils/toast.server";

export const links = () => [{ rel: "stylesheet", href: openMicStyles }];

export const meta: MetaFunction = (args) => pageTitle(args, "openMic.new.title");

// Where a guest lands after sending: their topic waits for approval, nothing of it is shown.
const SUBMITTED = "/open-mic/neu?eingereicht=1";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const categories = await listCategories(await getLanguage(request));
  return json({
    submitted: !user && new URL(request.url).searchParams.get("eingereicht") === "1",
    categories: categories.map(({ slug, label }) => ({ slug, label })),
    member: user ? { name: user.displayName } : null,
    formToken: issueFormToken(),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: NewTopicSchema });
  const typedTitle = String(formData.get("title") ?? "").trim();
  const given = String(formData.get("startedAt") ?? "");
  // The form comes back with what was typed, the topics like it, and when it was first shown.
  const back = async (status: number, result = submission.reply(), personalData: PersonalDataSummary | null = null, headers?: Headers) =>
    json(
      {
        result,
        personalData,
        similar: typedTitle.length >= SIMILAR_QUERY_MIN ? await findSimilarTopics(typedTitle) : [],
        formToken: renewFormToken(given),
      },
      { status, headers },
    );
  if (submission.status !== "success") return back(400);
  const values = submission.value;
  if (!user) {
    // Guests only: a person needs a few seconds for a concern; a script does not wait.
    const timing = checkFormToken(values.startedAt);
    if (timing !== "ok") return back(400, submission.reply({ formErrors: [timing === "tooFast" ? "openMic.spam.tooFast" : "openMic.spam.expired"] }));
  }
  const category = (await listCategories("de")).find((term) => term.slug === values.category);
  if (!category) return back(400, submission.reply({ fieldErrors: { category: ["openMic.validation.categoryRequired"] } }));
  if (!isValidChoice(values.language)) return back(400, submission.reply({ fieldErrors: { language: ["postLanguages.validation.unknown"] } }));
  const personalData = personalDataIn(newTopicTexts(values, !user));
  if (personalData.length > 0 && !values.confirmPersonalData) return back(400, submission.reply(), personalData);
  const outcome = await createTopic(
    {
      title: values.title,
      body: values.body,
      categoryId: category.id,
      town: values.town,
      anonymous: values.postAs === "anonym",
      guestName: values.guestName,
      guestEmail: values.guestEmail,
      language: values.language,
    },
    { user, clientAddress: context.clientAddress, pageLanguage: await getLanguage(request) },
  );
  if (!outcome.ok) {
    // A banned address hears no more than that the topic was not taken.
    const { result, status, headers } = refusalReply(outcome, submission.reply, { throttled: { message: "openMic.spam.throttled" }, banned: { message: "openMic.spam.refused" }, ...POSTING_REFUSALS });
    return back(status, result, null, headers);
  }
  if (outcome.approved) return redirectWithToast(`/open-mic/${outcome.topicId}`, "openMic.toast.created");
  return redirect(SUBMITTED, 303);
}

export default function NewTopicPage() {
  const { t } = useTranslation();
  const { submitted, categories, member, formToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (submitted) {
    return (
      <div className="page page--narrow">
        <h1>{t("openMic.submitted.title")}</h1>
        <p role="status">{t("openMic.submitted.text")}</p>
        <p>{t("openMic.submitted.email")}</p>
        <p>
          <Link to="/open-mic">{t("openMic.backToList")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <p className="entry__kind">
        <Link to="/open-mic">{t("openMic.backToList")}</Link>
      </p>
      <h1>{t("openMic.new.title")}</h1>
      <p>{t("openMic.new.intro")}</p>
      <p>{member ? t("openMic.new.memberNote") : t("openMic.new.guestNote")}</p>
      {!member ? (
        <p>
          {t("openMic.new.haveAccount")} <Link to="/anmelden?redirectTo=%2Fopen-mic%2Fneu">{t("openMic.signIn")}</Link>
        </p>
      ) : null}
      <NewTopicForm
        categories={categories}
        member={member}
        formToken={actionData?.formToken ?? formToken}
        lastResult={actionData?.result}
        personalData={actionData?.personalData ?? null}
        similar={actionData?.similar ?? []}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
