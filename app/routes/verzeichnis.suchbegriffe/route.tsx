import type { MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import type { action, loader, VocabularyAnswer } from "./data.server";
import { TermKeywordsForm } from "./keyword-forms";
import { NewSynonymForm, SynonymGroupForm } from "./synonym-forms";

export { action, loader } from "./data.server";

export const meta: MetaFunction = (args) => pageTitle(args, "searchVocabulary.title");

export default function SearchVocabularyPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { groups, shipped, terms, report, reportDays } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as VocabularyAnswer;
  const resultFor = (form: string) => (answer?.form === form ? answer.result : undefined);
  return (
    <div className="page">
      <p>
        <Link to="/verzeichnis">{t("nav.directory")}</Link>
      </p>
      <h1>{t("searchVocabulary.title")}</h1>
      <p className="lead">{t("searchVocabulary.intro")}</p>

      <section aria-labelledby="synonyms-heading">
        <h2 id="synonyms-heading">{t("searchVocabulary.synonyms.heading")}</h2>
        <p>{t("searchVocabulary.synonyms.intro")}</p>
        {groups.length === 0 ? <p>{t("searchVocabulary.synonyms.none")}</p> : null}
        {groups.map((group, index) => (
          <SynonymGroupForm key={`${group.id}-${group.updatedAt}`} id={group.id} number={index + 1} words={group.words} lastResult={resultFor(group.id)} />
        ))}
        <h3>{t("searchVocabulary.synonyms.newHeading")}</h3>
        <NewSynonymForm lastResult={resultFor("new")} />
        <details>
          <summary>{t("searchVocabulary.synonyms.shippedHeading", { count: shipped.length })}</summary>
          <ul>
            {shipped.map((group) => (
              <li key={group.join("|")}>{group.join(", ")}</li>
            ))}
          </ul>
        </details>
      </section>

      <section aria-labelledby="keywords-heading">
        <h2 id="keywords-heading">{t("searchVocabulary.keywords.heading")}</h2>
        <p>{t("searchVocabulary.keywords.intro")}</p>
        {(["category", "target_group"] as const).map((kind) => (
          <section key={kind} aria-labelledby={`keywords-${kind}`}>
            <h3 id={`keywords-${kind}`}>{t(`searchVocabulary.keywords.${kind}`)}</h3>
            {terms
              .filter((term) => term.kind === kind)
              .map((term) => (
                <TermKeywordsForm key={`${term.id}-${term.keywords.join(",")}`} term={term} lastResult={resultFor(`term:${term.id}`)} />
              ))}
          </section>
        ))}
      </section>

      <section aria-labelledby="report-heading">
        <h2 id="report-heading">{t("searchVocabulary.report.heading")}</h2>
        <p>{t("searchVocabulary.report.intro", { days: reportDays })}</p>
        {report.length === 0 ? (
          <p>{t("searchVocabulary.report.none")}</p>
        ) : (
          <table className="table zero-results">
            <caption>{t("searchVocabulary.report.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("searchVocabulary.report.query")}</th>
                <th scope="col">{t("searchVocabulary.report.count")}</th>
                <th scope="col">{t("searchVocabulary.report.lastDay")}</th>
              </tr>
            </thead>
            <tbody>
              {report.map((row) => (
                <tr key={row.query}>
                  <td>
                    <Link to={`/verzeichnis?${new URLSearchParams({ q: row.query }).toString()}`}>{row.query}</Link>
                  </td>
                  <td>{row.count}</td>
                  <td>{formatDate(lang, row.lastDay)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
