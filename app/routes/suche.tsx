import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { useContentLang } from "#app/utils/content-lang";
import { MarkedText } from "#app/components/marked-text";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { QUERY_MAX, SEARCH_TYPES } from "#app/modules/search/search-types";
import { searchEverything } from "#app/modules/search/search.server";
import { pageTitle } from "#app/utils/meta";
import { requireReadAllowance } from "#app/utils/read-limits.server";

export const meta: MetaFunction = (args) => pageTitle(args, "search.title");

const PER_KIND = 5;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, QUERY_MAX);
  if (!query) return json({ query, outcome: null });
  const user = await getOptionalUser(request);
  await requireReadAllowance(request, context, "search", user);
  return json({ query, outcome: await searchEverything(query, user, { limit: PER_KIND, perKind: true }) });
}

export default function SearchPage() {
  const { t } = useTranslation();
  const langOf = useContentLang();
  const { query, outcome } = useLoaderData<typeof loader>();
  const groups =
    outcome?.status === "ok" ? SEARCH_TYPES.map((type) => ({ type, hits: outcome.hits.filter((hit) => hit.type === type), total: outcome.totals[type] })).filter((group) => group.hits.length > 0) : [];
  return (
    <div className="page">
      <h1>{query ? t("search.resultsFor", { query }) : t("search.title")}</h1>
      {!outcome ? <p>{t("search.prompt")}</p> : null}
      {outcome?.status === "unavailable" ? (
        <p className="notice" role="status">
          {t("search.unavailable")}
        </p>
      ) : null}
      {outcome?.status === "ok" && groups.length === 0 ? <p role="status">{t("search.noResults", { query })}</p> : null}
      {groups.map((group) => (
        <section key={group.type} aria-labelledby={`group-${group.type}`} className="search-group">
          <h2 id={`group-${group.type}`}>{t(`search.groups.${group.type}`, { count: group.total })}</h2>
          <ol className="hits">
            {group.hits.map((hit) => (
              <li key={hit.id} className="hit">
                <h3 className="hit__title" {...langOf(hit.lang)}>
                  <Link to={hit.url}>{hit.title}</Link>
                </h3>
                {hit.subtitle ? (
                  <p className="hit__meta" {...langOf()}>
                    {hit.subtitle}
                  </p>
                ) : null}
                <p className="hit__text" {...langOf(hit.lang)}>
                  <MarkedText parts={hit.snippet} />
                </p>
              </li>
            ))}
          </ol>
          {group.type === "service" && group.total > group.hits.length ? (
            <p>
              <Link to={`/verzeichnis?q=${encodeURIComponent(query)}`}>{t("search.allInDirectory", { count: group.total })}</Link>
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}
