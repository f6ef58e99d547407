import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { Pagination } from "#app/components/pagination";
import { requireAdminArea } from "#app/modules/admin/admin-access.server";
import { ADMIN_LOG_ROLES } from "#app/modules/admin/admin-rules";
import { lastSignInFilters, PEOPLE_PARAMS, peopleFiltersFrom, peopleListHref, QUERY_MAX } from "#app/modules/admin/people-filters";
import { listOrganisationOptions, listPeople } from "#app/modules/admin/people.server";
import { StatusBadge } from "#app/modules/admin/status-badge";
import styles from "#app/styles/admin.css";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import { userRoles, userStatuses } from "#db/schema/user-enums";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, "admin.people.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAdminArea(request);
  const filters = peopleFiltersFrom(new URL(request.url).searchParams);
  const [list, organisations] = await Promise.all([listPeople(filters), listOrganisationOptions()]);
  return json({ filters, ...list, organisations, readsLog: (ADMIN_LOG_ROLES as readonly string[]).includes(viewer.role) });
}

export default function PeoplePage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const location = useLocation();
  const { filters, people, total, page, pages, organisations, readsLog } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.q || filters.role || filters.status || filters.organisation || filters.signIn);
  return (
    <div className="page">
      <h1>{t("admin.people.title")}</h1>
      <p>{t("admin.people.intro")}</p>
      {readsLog ? (
        <p>
          <Link to="/verwaltung/protokoll">{t("admin.people.logLink")}</Link>
        </p>
      ) : null}
      {/* Keyed by the query string, so that the fields show the filters of the page after Back and Forward too. */}
      <Form key={location.search} method="get" role="search" aria-label={t("admin.filters.label")}>
        <div className="admin-filters">
          <div className="field">
            <label htmlFor="people-q">{t("admin.filters.q")}</label>
            <input id="people-q" type="search" name={PEOPLE_PARAMS.q} defaultValue={filters.q} maxLength={QUERY_MAX} />
          </div>
          <div className="field">
            <label htmlFor="people-role">{t("admin.filters.role")}</label>
            <select id="people-role" name={PEOPLE_PARAMS.role} defaultValue={filters.role ?? ""}>
              <option value="">{t("admin.filters.any")}</option>
              {userRoles.map((role) => (
                <option key={role} value={role}>
                  {t(`admin.roles.${role}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="people-status">{t("admin.filters.status")}</label>
            <select id="people-status" name={PEOPLE_PARAMS.status} defaultValue={filters.status ?? ""}>
              <option value="">{t("admin.filters.any")}</option>
              {userStatuses.map((status) => (
                <option key={status} value={status}>
                  {t(`admin.statuses.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="people-organisation">{t("admin.filters.organisation")}</label>
            <select id="people-organisation" name={PEOPLE_PARAMS.organisation} defaultValue={filters.organisation ?? ""}>
              <option value="">{t("admin.filters.any")}</option>
              {organisations.map((organisation) => (
                <option key={organisation.slug} value={organisation.slug}>
                  {organisation.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="people-sign-in">{t("admin.filters.signIn")}</label>
            <select id="people-sign-in" name={PEOPLE_PARAMS.signIn} defaultValue={filters.signIn ?? ""}>
              <option value="">{t("admin.filters.any")}</option>
              {lastSignInFilters.map((value) => (
                <option key={value} value={value}>
                  {t(`admin.signIn.${value}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="admin-filters__actions">
          <button type="submit" className="button button--secondary">
            {t("admin.filters.submit")}
          </button>
          {filtered ? <Link to="/verwaltung/personen">{t("admin.filters.reset")}</Link> : null}
        </div>
      </Form>
      <p role="status">{t("admin.people.found", { count: total })}</p>
      {people.length === 0 ? (
        <p>{t("admin.people.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table">
            <caption className="visually-hidden">{t("admin.people.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.people.name")}</th>
                <th scope="col">{t("admin.people.email")}</th>
                <th scope="col">{t("admin.people.role")}</th>
                <th scope="col">{t("admin.people.status")}</th>
                <th scope="col">{t("admin.people.organisations")}</th>
                <th scope="col">{t("admin.people.lastSignIn")}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <th scope="row">
                    <Link to={`/verwaltung/personen/${person.id}`}>{person.displayName}</Link>
                  </th>
                  <td>{person.email}</td>
                  <td>{t(`admin.roles.${person.role}`)}</td>
                  <td>
                    <StatusBadge person={person} />
                  </td>
                  <td>{person.organisations.join(", ") || "–"}</td>
                  <td>{person.lastSignInAt ? <time dateTime={person.lastSignInAt}>{formatDate(lang, person.lastSignInAt, { dateStyle: "medium" })}</time> : t("admin.people.never")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} href={(to) => peopleListHref(filters, to)} keys="admin.people" />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
