import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "#app/components/error-boundary";
import { pageFrom, Pagination } from "#app/components/pagination";
import { FEEDBACK_ADMIN_PATH, FEEDBACK_FILTERS, feedbackFilterFrom, STATEMENT_PATH, type FeedbackFilter } from "#app/modules/accessibility/accessibility-rules";
import { FeedbackList } from "#app/modules/accessibility/feedback-list";
import { HandleSchema } from "#app/modules/accessibility/feedback-schema";
import { listFeedback, setFeedbackHandled } from "#app/modules/accessibility/feedback.server";
import { requireAdminArea } from "#app/modules/admin/admin-access.server";
import styles from "#app/styles/accessibility.css";
import { badRequest, notFound } from "#app/utils/http";
import { getMessages, isSupportedLanguage } from "#app/utils/i18n.server";
import { pageTitle } from "#app/utils/meta";
import { useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";
import { useTranslation } from "#app/utils/use-translation";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, "accessibility.admin.title");

const listUrl = (filter: FeedbackFilter, page = 1) => {
  const params = new URLSearchParams();
  if (filter !== "offen") params.set("status", filter);
  if (page > 1) params.set("seite", String(page));
  const query = params.toString();
  return query ? `${FEEDBACK_ADMIN_PATH}?${query}` : FEEDBACK_ADMIN_PATH;
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminArea(request);
  const params = new URL(request.url).searchParams;
  const filter = feedbackFilterFrom(params.get("status"));
  const list = await listFeedback(filter, pageFrom(params.get("seite")));
  const items = list.items.map((item) => ({ ...item, languageName: isSupportedLanguage(item.language) ? getMessages(item.language)._meta.name : item.language }));
  return json({ ...list, items, filter });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdminArea(request);
  const parsed = HandleSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw badRequest();
  const outcome = await setFeedbackHandled(user, parsed.data.id, parsed.data.intent === "handle");
  if (!outcome.ok) throw notFound();
  // Back to the list the button was on (its filter and page come with the form's address).
  const params = new URL(request.url).searchParams;
  return redirectWithToast(
    listUrl(feedbackFilterFrom(params.get("status")), pageFrom(params.get("seite"))),
    parsed.data.intent === "handle" ? "accessibility.admin.toastHandled" : "accessibility.admin.toastReopened",
  );
}

export default function AccessibilityFeedbackPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { items, filter, open, page, pages } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p>
        <Link to="/verwaltung">{t("accessibility.admin.back")}</Link>
      </p>
      <h1>{t("accessibility.admin.title")}</h1>
      <p>
        {t("accessibility.admin.intro")} <Link to={STATEMENT_PATH}>{t("accessibility.admin.statementLink")}</Link>
      </p>
      <nav aria-label={t("accessibility.admin.filterLabel")} className="feedback-filters">
        <ul>
          {FEEDBACK_FILTERS.map((option) => (
            <li key={option}>
              <Link to={listUrl(option)} aria-current={option === filter ? "page" : undefined}>
                {option === "offen" ? t("accessibility.admin.filterOpen", { count: open }) : t("accessibility.admin.filterHandled")}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {items.length === 0 ? <p>{t(filter === "offen" ? "accessibility.admin.emptyOpen" : "accessibility.admin.emptyHandled")}</p> : <FeedbackList items={items} lang={lang} />}
      <Pagination page={page} pages={pages} href={(to) => listUrl(filter, to)} keys="accessibility.admin" />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
