import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { Pagination } from "#app/components/pagination";
import { requireUser } from "#app/modules/auth/session.server";
import { PEOPLE_QUERY_MAX, PEOPLE_QUERY_PARAMS, parsePeopleQuery, peopleSearchHref } from "#app/modules/people/people-filters";
import { searchPeople } from "#app/modules/people/people-search.server";
import { PersonCard } from "#app/modules/people/person-parts";
import styles from "#app/modules/people/people.css";
import { getLanguage } from "#app/utils/i18n.server";
import { pageTitle } from "#app/utils/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, "people.index.title");

// "Wer ist wer" is for the network's members: guests are sent to sign in, never shown a person.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const query = parsePeopleQuery(new URL(request.url).searchParams);
  return json({ query, ...(await searchPeople(query, await getLanguage(request))) });
}

export default function PeoplePage() {
  const { t } = useTranslation();
  const location = useLocation();
  const { query, status, people, total, page, pages, choices } = useLoaderData<typeof loader>();
  const filtered = Boolean(query.q || query.organisation || query.topic || query.language);
  return (
    <div className="page">
      <h1>{t("people.index.title")}</h1>
      <p>{t("people.index.intro")}</p>
      <p>
        <Link to="/konto/profil">{t("people.index.ownProfile")}</Link>
      </p>
      {/* Keyed by the query string, so that the fields show the filters of the page after Back and Forward too. */}
      <Form key={location.search} method="get" role="search" aria-label={t("people.index.formLabel")}>
        <div className="people-filters">
          <div className="field">
            <label htmlFor="people-q">{t("people.index.q")}</label>
            <input id="people-q" type="search" name={PEOPLE_QUERY_PARAMS.q} defaultValue={query.q} maxLength={PEOPLE_QUERY_MAX} />
          </div>
          <div className="field">
            <label htmlFor="people-organisation">{t("people.index.organisation")}</label>
            <select id="people-organisation" name={PEOPLE_QUERY_PARAMS.organisation} defaultValue={query.organisation ?? ""}>
              <option value="">{t("people.index.any")}</option>
              {choices.organisations.map((organisation) => (
                <option key={organisation.slug} value={organisation.slug}>
                  {organisation.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="people-topic">{t("people.index.topic")}</label>
            <select id="people-topic" name={PEOPLE_QUERY_PARAMS.topic} defaultValue={query.topic ?? ""}>
              <option value="">{t("people.index.any")}</option>
              {choices.topics.map((topic) => (
                <option key={topic.slug} value={topic.slug}>
                  {topic.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="people-language">{t("people.index.language")}</label>
            <select id="people-language" name={PEOPLE_QUERY_PARAMS.language} defaultValue={query.language ?? ""}>
              <option value="">{t("people.index.any")}</option>
              {choices.languages.map((language) => (
                <option key={language.code} value={language.code}>
                  {language.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="people-filters__actions">
          <button type="submit" className="button button--secondary">
            {t("people.index.submit")}
          </button>
          {filtered ? <Link to="/personen">{t("people.index.reset")}</Link> : null}
        </div>
      </Form>
      {status === "unavailable" ? (
        <p className="notice" role="status">
          {t("people.index.unavailable")}
        </p>
      ) : (
        <>
          <p role="status">{t("people.index.found", { count: total })}</p>
          {people.length === 0 ? (
            <p>{t("people.index.empty")}</p>
          ) : (
            <ul className="cards">
              {people.map((person) => (
                <PersonCard key={person.id} person={person} />
              ))}
            </ul>
          )}
          <Pagination page={page} pages={pages} href={(to) => peopleSearchHref(query, to)} keys="people.index" />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
