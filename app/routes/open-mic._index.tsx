import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { Pagination } from "#app/components/pagination";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { getLanguage, isSupportedLanguage } from "#app/utils/i18n.server";
import { TopicListItem, WaitingSummary } from "#app/modules/open-mic/topic-parts";
import { STATUS_SLUGS, statusFromSlug, TOPIC_SORTS, type TopicSort } from "#app/modules/open-mic/topic-rules";
import { topicStatuses } from "#db/schema/open-mic-enums";
import { listCategories, listTopics, waitingSummary } from "#app/modules/open-mic/topics.server";
import { QUERY_MAX } from "#app/modules/search/search-types";
import openMicStyles from "#app/styles/open-mic.css";
import { pageTitle } from "#app/utils/meta";
import { useRootData } from "#app/utils/misc";
import { isNetworkCoordinator } from "#app/modules/auth/roles";

export const links = () => [{ rel: "stylesheet", href: openMicStyles }];

export const meta: MetaFunction = (args) => pageTitle(args, "openMic.list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const lang = await getLanguage(request);
  const categories = await listCategories(lang);
  // Only known values become filters; anything else is ignored, as if it were not there.
  const q = (params.get("q") ?? "").trim().slice(0, QUERY_MAX);
  const sortParam = params.get("sortierung");
  const sort = (TOPIC_SORTS as readonly string[]).includes(sortParam ?? "") ? (sortParam as TopicSort) : null;
  const status = statusFromSlug(params.get("status"));
  const category = categories.some((term) => term.slug === params.get("thema")) ? params.get("thema") : null;
  // The language the topics are written in: one of ours (the folders of app/locales/), or no filter.
  const languageParam = params.get("sprache");
  const language = isSupportedLanguage(languageParam) ? languageParam : null;
  const page = Number.parseInt(params.get("seite") ?? "1", 10);
  const [list, waiting, user] = await Promise.all([listTopics({ q, sort, status, category, language, page: Number.isFinite(page) ? page : 1, lang }), waitingSummary(), getOptionalUser(request)]);
  return json({
    coordinator: isNetworkCoordinator(user),
    filters: { q, sort, status: status ? STATUS_SLUGS[status] : null, category, language },
    categories: categories.map(({ slug, label }) => ({ slug, label })),
    waiting,
    ...list,
  });
}

export default function OpenMicPage() {
  const { t } = useTranslation();
  const { coordinator, filters, categories, waiting, topics, total, page, pages, search } = useLoaderData<typeof loader>();
  const { languages } = useRootData();
  const navigation = useNavigation();
  const query = (overrides: Record<string, string | null>) => {
    const params = new URLSearchParams();
    const merged = { q: filters.q || null, status: filters.status, thema: filters.category, sprache: filters.language, sortierung: filters.sort, ...overrides };
    for (const [key, value] of Object.entries(merged)) if (value) params.set(key, value);
    const text = params.toString();
    return text ? `/open-mic?${text}` : "/open-mic";
  };
  const filtered = Boolean(filters.q || filters.status || filters.category || filters.language || filters.sort);
  return (
    <div className="page open-mic">
      <h1>{t("openMic.list.title")}</h1>
      <p className="lead">{t("openMic.list.intro")}</p>
      <p>
        <Link to="/leichte-sprache#open-mic">{t("accessibility.easyLanguage.openMicLink")}</Link>
      </p>
      <div className="open-mic__top">
        <WaitingSummary count={waiting.count} oldestDays={waiting.oldestDays} />
        <Link to="/open-mic/neu" className="button">
          {t("openMic.list.raise")}
        </Link>
      </div>
      <p className="open-mic__links no-print">
        {coordinator ? (
          <>
            <Link to="/open-mic/moderation">{t("openMic.coordination.queue")}</Link>
            <Link to="/open-mic/wiedervorlage">{t("openMic.coordination.reviews")}</Link>
          </>
        ) : null}
        <a href="/open-mic/feed.xml" type="application/atom+xml">
          {t("openMic.feed.list")}
        </a>
      </p>
      <Form method="get" className="topic-filters" role="search" aria-label={t("openMic.list.filtersLabel")}>
        <div className="field">
          <label htmlFor="topic-q">{t("openMic.list.search")}</label>
          <input id="topic-q" type="search" name="q" defaultValue={filters.q} maxLength={QUERY_MAX} />
        </div>
        <div className="field">
          <label htmlFor="topic-status">{t("openMic.list.status")}</label>
          <select id="topic-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("openMic.list.allStatuses")}</option>
            {topicStatuses.map((status) => (
              <option key={status} value={STATUS_SLUGS[status]}>
                {t(`openMic.status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="topic-category">{t("openMic.list.category")}</label>
          <select id="topic-category" name="thema" defaultValue={filters.category ?? ""}>
            <option value="">{t("openMic.list.allCategories")}</option>
            {categories.map((category) => (
              <option key={category.slug} value={category.slug}>
                {category.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="topic-language">{t("postLanguages.filter.label")}</label>
          <select id="topic-language" name="sprache" defaultValue={filters.language ?? ""}>
            <option value="">{t("postLanguages.filter.all")}</option>
            {languages.map((language) => (
              <option key={language.code} value={language.code} lang={language.code}>
                {language.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="topic-sort">{t("openMic.list.sort")}</label>
          <select id="topic-sort" name="sortierung" defaultValue={filters.sort ?? ""}>
            <option value="">{filters.q ? t("openMic.list.sortRelevance") : t("openMic.list.sortDefault")}</option>
            {TOPIC_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`openMic.list.sorts.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("openMic.list.apply")}
        </button>
        {filtered ? <Link to="/open-mic">{t("openMic.list.reset")}</Link> : null}
      </Form>
      <div aria-busy={navigation.state === "loading" || undefined}>
        {search === "unavailable" ? (
          <p className="notice" role="status">
            {t("search.unavailable")}
          </p>
        ) : (
          <p role="status" className="topic-count">
            {t("openMic.list.count", { count: total })}
          </p>
        )}
        {topics.length === 0 ? (
          <p>{filtered ? t("openMic.list.noMatches") : t("openMic.list.empty")}</p>
        ) : (
          <ol className="topic-list">
            {topics.map((topic) => (
              <TopicListItem key={topic.id} topic={topic} />
            ))}
          </ol>
        )}
      </div>
      <Pagination page={page} pages={pages} href={(to) => query({ seite: to > 1 ? String(to) : null })} keys="openMic.list" />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
