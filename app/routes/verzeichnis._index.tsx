import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { useContentLang } from "#app/utils/content-lang";
import { MarkedText } from "#app/components/marked-text";
import { Pagination } from "#app/components/pagination";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import { getOptionalUser } from "#app/modules/auth/session.server";
import { activeFilterCount, FacetGroup, FilterDisclosure } from "#app/modules/directory/directory-facets";
import { hasFilters, parseDirectoryQuery } from "#app/modules/directory/directory-filters";
import { SORTS } from "#app/modules/directory/directory-lists";
import { PlaceNotice } from "#app/modules/directory/place-notice";
import { ZeroResultHelp } from "#app/modules/search-vocabulary/zero-result-help-view";
import { searchDirectory } from "#app/modules/directory/directory-search.server";
import { FOCUS_FALLBACK } from "#app/utils/focus";
import { getLanguage } from "#app/utils/i18n.server";
import { pageTitle } from "#app/utils/meta";
import { requireReadAllowance } from "#app/utils/read-limits.server";
import { useOptionalUser } from "#app/utils/misc";
import { formatKilometres } from "#app/utils/number-format";

export const meta: MetaFunction = (args) => pageTitle(args, "nav.directory");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = parseDirectoryQuery(new URL(request.url).searchParams);
  const [user, lang] = await Promise.all([getOptionalUser(request), getLanguage(request)]);
  // The first page of the whole directory is where browsing starts; a query, a filter or paging on counts as a search.
  if (query.q || hasFilters(query) || query.seite > 1) await requireReadAllowance(request, context, "search", user);
  return json({ query, result: await searchDirectory(query, user, lang) });
}

const TYPING_DELAY_MS = 250;

export default function DirectoryPage() {
  const { t, language } = useTranslation();
  const langOf = useContentLang();
  const { query, result } = useLoaderData<typeof loader>();
  const location = useLocation();
  const user = useOptionalUser();
  const navigation = useNavigation();
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => () => clearTimeout(timer.current), []);
  // The form is never remounted (that would take the focus and what is being typed); after a
  // navigation it is brought in line with the URL instead, e.g. on the browser's back button.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const params = new URLSearchParams(location.search);
    for (const element of Array.from(form.elements)) {
      if (element instanceof HTMLInputElement && element.type === "checkbox") element.checked = params.getAll(element.name).includes(element.value);
      else if (
        (element instanceof HTMLInputElement || element instanceof HTMLSelectElement) &&
        element.name &&
        element !== document.activeElement &&
        element.type !== "checkbox" &&
        element.type !== "hidden"
      ) {
        const value = params.get(element.name);
        if (element instanceof HTMLSelectElement) element.value = value ?? "relevanz";
        else element.value = value ?? "";
      }
    }
  }, [location.search]);
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/verzeichnis";

  // With JavaScript the results follow the typing and every click; without it the button submits.
  const onChange = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const data = new FormData(form);
      data.delete("seite");
      submit(data, { replace: true, preventScrollReset: true });
    }, TYPING_DELAY_MS);
  };

  const pageLink = (page: number) => {
    const params = new URLSearchParams(location.search);
    params.set("seite", String(page));
    return `?${params.toString()}`;
  };

  return (
    <div className="page">
      <h1>{t("nav.directory")}</h1>
      <p className="lead">{t("sections.directoryIntro")}</p>
      <Form method="get" className="directory" onChange={onChange} ref={formRef} aria-label={t("directory.formLabel")} preventScrollReset>
        <div className="directory__search">
          <label htmlFor="directory-q">{t("directory.queryLabel")}</label>
          <input id="directory-q" type="search" name="q" dir="auto" defaultValue={query.q} maxLength={200} placeholder={t("directory.queryPlaceholder")} />
          <button type="submit" className="button">
            {t("search.submit")}
          </button>
        </div>
        <div className="directory__layout">
          <FilterDisclosure active={activeFilterCount(query)} open={query.mehr.length > 0}>
            {result.status === "ok" ? (
              <>
                <FacetGroup name="kategorie" values={result.facets.kategorie} more={result.moreFacetValues.kategorie} expanded={query.mehr.includes("kategorie")} label={(value) => value.label} />
                <FacetGroup name="zielgruppe" values={result.facets.zielgruppe} more={result.moreFacetValues.zielgruppe} expanded={query.mehr.includes("zielgruppe")} label={(value) => value.label} />
                <FacetGroup name="ort" values={result.facets.ort} more={result.moreFacetValues.ort} expanded={query.mehr.includes("ort")} label={(value) => value.label} />
                <FacetGroup name="sprache" values={result.facets.sprache} more={result.moreFacetValues.sprache} expanded={query.mehr.includes("sprache")} label={(value) => value.label} />
                <FacetGroup
                  name="zugang"
                  values={result.facets.zugang}
                  more={result.moreFacetValues.zugang}
                  expanded={query.mehr.includes("zugang")}
                  label={(value) => t(`directory.access.${value.value}`)}
                />
                <FacetGroup
                  name="rollstuhl"
                  legend={t("searchVocabulary.wheelchair")}
                  values={result.facets.rollstuhl}
                  more={result.moreFacetValues.rollstuhl}
                  expanded={query.mehr.includes("rollstuhl")}
                  label={() => t("searchVocabulary.wheelchairValue")}
                />
                <FacetGroup name="kostenlos" values={result.facets.kostenlos} more={result.moreFacetValues.kostenlos} expanded={query.mehr.includes("kostenlos")} label={() => t("directory.free")} />
                <fieldset className="facet">
                  <legend>{t("directory.facets.offen")}</legend>
                  <input type="checkbox" id="facet-offen" name="offen" value="1" defaultChecked={query.offen === "1"} />
                  <label htmlFor="facet-offen">{t("directory.openNow")}</label>
                </fieldset>
              </>
            ) : null}
            <button type="submit" className="button button--secondary">
              {t("directory.applyFilters")}
            </button>
          </FilterDisclosure>
          <div className="directory__results" aria-busy={searching || undefined}>
            <div className="directory__sort">
              <label htmlFor="directory-sort">{t("directory.sortLabel")}</label>
              <select id="directory-sort" name="sortierung" defaultValue={query.sortierung}>
                {SORTS.map((sort) => (
                  <option key={sort} value={sort}>
                    {t(`directory.sort.${sort}`)}
                  </option>
                ))}
              </select>
              <label htmlFor="directory-von">{t("directory.fromLabel")}</label>
              <input id="directory-von" name="von" defaultValue={query.von} maxLength={60} placeholder={t("directory.fromPlaceholder")} />
            </div>
            {result.status === "unavailable" ? (
              <p className="notice" role="status">
                {t("search.unavailable")}
              </p>
            ) : (
              <>
                {/* A polite live region: a new count is read out after each change; paging puts the focus here. */}
                <p role="status" className="directory__count" id="directory-count" tabIndex={-1} {...FOCUS_FALLBACK}>
                  {/* The engine's total is an estimate unless the first page holds every match: said so. */}
                  {result.exact ? t("directory.count", { count: result.total }) : t("searchVocabulary.countApprox", { count: result.total })}
                  {result.origin && !result.origin.found ? ` ${t("directory.originUnknown", { place: result.origin.label })}` : ""}
                </p>
                <p className="directory__tools">
                  <a href={`/verzeichnis/export.csv${location.search}`} download>
                    {t("landscape.exportCsv")}
                  </a>
                  {isNetworkCoordinator(user) ? (
                    <>
                      <Link to="/verzeichnis/uebersicht">{t("landscape.link")}</Link>
                      <Link to="/verzeichnis/partner/neu">{t("directory.partner.newLink")}</Link>
                      <Link to="/verzeichnis/import">{t("directory.import.link")}</Link>
                      <Link to="/verzeichnis/themen">{t("taxonomy.link")}</Link>
                      <Link to="/verzeichnis/suchbegriffe">{t("searchVocabulary.link")}</Link>
                    </>
                  ) : null}
                </p>
                {result.place ? <PlaceNotice place={result.place} search={location.search} /> : null}
                {result.loosened ? <p className="directory__place">{t("placeQuery.loosened", { query: query.q })}</p> : null}
                {result.help ? <ZeroResultHelp help={result.help} /> : null}
                <ol className="hits">
                  {result.hits.map((hit) => (
                    <li key={hit.serviceId} className="hit">
                      {/* Names and texts may be in another script than the page: each keeps its own direction (dir="auto", <bdi>). */}
                      <h2 className="hit__title" dir="auto" {...langOf(hit.nameLang)}>
                        <Link to={`/verzeichnis/angebote/${hit.slug}`}>
                          <MarkedText parts={hit.name} />
                        </Link>
                      </h2>
                      <p className="hit__meta">
                        <Link to={`/verzeichnis/partner/${hit.partnerSlug}`}>
                          <bdi {...langOf()}>{hit.partnerName}</bdi>
                        </Link>
                        {hit.town ? (
                          <>
                            {" · "}
                            <bdi>{hit.town}</bdi>
                          </>
                        ) : null}
                        {hit.distanceKm !== null ? ` · ${t("directory.distance", { km: formatKilometres(language, hit.distanceKm) })}` : ""}
                        {hit.cost === "free" ? ` · ${t("directory.free")}` : ""}
                      </p>
                      <p className="hit__text" dir="auto" {...langOf(hit.descriptionLang)}>
                        <MarkedText parts={hit.description} />
                      </p>
                    </li>
                  ))}
                </ol>
                <Pagination page={result.page} pages={result.pages} href={pageLink} keys="directory" focusTarget="directory-count" />
              </>
            )}
          </div>
        </div>
      </Form>
    </div>
  );
}
