import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOptionalUser } from "~/modules/auth/session.server";
import { QUERY_MAX, searchEverything } from "~/modules/search/search.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "search.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, QUERY_MAX);
  if (!query) return json({ query, outcome: null });
  const user = await getOptionalUser(request);
  return json({ query, outcome: await searchEverything(query, user) });
}

export default function SearchPage() {
  const { t } = useTranslation();
  const { query, outcome } = useLoaderData<typeof loader>();
  const hits = outcome?.status === "ok" ? outcome.groups.flatMap((group) => group.hits) : [];
  return (
    <div className="page">
      <h1>{query ? t("search.resultsFor", { query }) : t("search.title")}</h1>
      {!outcome ? <p>{t("search.prompt")}</p> : null}
      {outcome?.status === "unavailable" ? (
        <p className="notice" role="status">
          {t("search.unavailable")}
        </p>
      ) : null}
      {outcome?.status === "ok" && hits.length === 0 ? <p role="status">{t("search.noResults", { query })}</p> : null}
      {outcome?.status === "ok"
        ? outcome.groups
            .filter((group) => group.hits.length > 0)
            .map((group) => (
              <section key={group.type}>
                <ul>
                  {group.hits.map((hit) => (
                    <li key={hit.id}>
                      <a href={hit.url}>{hit.title}</a>
                    </li>
                  ))}
                </ul>
              </section>
            ))
        : null}
    </div>
  );
}
