import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { requireUser } from "#app/modules/auth/session.server";
import { getLandscape, getLikelyDuplicates, getStaleEntries } from "#app/modules/directory/landscape.server";
import { requireCoordinator } from "#app/modules/directory/permissions.server";
import { getRecentReminders } from "#app/modules/directory/reminders/reminders.server";
import { getLanguage } from "#app/utils/i18n.server";
import { pageTitle } from "#app/utils/meta";
import { formatDate, useRootData } from "#app/utils/misc";
import adminStyles from "#app/styles/admin.css";
import { InLang } from "#app/utils/content-lang";

export const meta: MetaFunction = (args) => pageTitle(args, "landscape.title");
// The reminders table looks like the other administration tables.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireCoordinator(user);
  const lang = await getLanguage(request);
  const [landscape, duplicates, stale, reminders] = await Promise.all([getLandscape(lang), getLikelyDuplicates(), getStaleEntries(), getRecentReminders()]);
  return json({ landscape, duplicates, stale, reminders });
}

export default function LandscapePage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { landscape, duplicates, stale, reminders } = useLoaderData<typeof loader>();
  const directoryLink = (category: string, town: string) =>
    `/verzeichnis?${new URLSearchParams([
      ["kategorie", category],
      ["ort", town],
    ]).toString()}`;
  return (
    <div className="page">
      <h1>{t("landscape.title")}</h1>
      <p className="lead">{t("landscape.intro")}</p>
      <p>
        <a href="/verzeichnis/uebersicht.csv" download>
          {t("landscape.csv")}
        </a>
      </p>
      {/* A scrolling region must be reachable by keyboard (WCAG 2.1.1, axe scrollable-region-focusable). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="table-scroll" role="region" aria-labelledby="matrix-caption" tabIndex={0}>
        <table className="matrix">
          <caption id="matrix-caption">{t("landscape.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("directory.facets.kategorie")}</th>
              {landscape.towns.map((town) => (
                <th key={town} scope="col">
                  {town}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {landscape.rows.map((row) => (
              <tr key={row.slug}>
                <th scope="row">{row.label}</th>
                {row.counts.map((count, index) => (
                  <td key={landscape.towns[index]} className={count === 0 ? "matrix__gap" : undefined}>
                    {count === 0 ? <span>{t("landscape.gap")}</span> : <Link to={directoryLink(row.slug, landscape.towns[index]!)}>{count}</Link>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="duplicates-heading">
        <h2 id="duplicates-heading">{t("landscape.duplicates")}</h2>
        <p>{t("landscape.duplicatesIntro")}</p>
        {duplicates.length === 0 ? <p>{t("landscape.noDuplicates")}</p> : null}
        <ul className="plain">
          {duplicates.map((group) => (
            <li key={`${group.town}-${group.category}-${group.services.map((service) => service.slug).join("-")}`} className="duplicate">
              <strong>
                {group.town} · {landscape.rows.find((row) => row.slug === group.category)?.label ?? group.category}
              </strong>
              <ul>
                {group.services.map((service) => (
                  <li key={service.slug}>
                    <Link to={`/verzeichnis/angebote/${service.slug}`}>
                      <InLang>{service.name}</InLang>
                    </Link>{" "}
                    – <InLang>{service.partnerName}</InLang>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="stale-heading">
        <h2 id="stale-heading">{t("landscape.stale", { count: stale.services.length + stale.partners.length })}</h2>
        <p>{t("landscape.staleIntro")}</p>
        <ul className="plain stale">
          {stale.partners.map((partner) => (
            <li key={partner.slug}>
              <Link to={`/verzeichnis/partner/${partner.slug}`}>
                <InLang>{partner.name}</InLang>
              </Link>{" "}
              ({partner.lastVerifiedAt ? formatDate(lang, partner.lastVerifiedAt) : t("landscape.never")})
            </li>
          ))}
          {stale.services.map((service) => (
            <li key={service.slug}>
              <Link to={`/verzeichnis/angebote/${service.slug}`}>
                <InLang>{service.name}</InLang>
              </Link>{" "}
              – <InLang>{service.partnerName}</InLang> ({service.lastVerifiedAt ? formatDate(lang, service.lastVerifiedAt) : t("landscape.never")})
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="reminders-heading">
        <h2 id="reminders-heading">{t("dataCare.reminders.heading")}</h2>
        <p>{t("dataCare.reminders.intro")}</p>
        {reminders.length === 0 ? (
          <p>{t("dataCare.reminders.none")}</p>
        ) : (
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          <div className="table-scroll" role="region" aria-labelledby="reminders-caption" tabIndex={0}>
            <table className="admin-table">
              <caption id="reminders-caption">{t("dataCare.reminders.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dataCare.reminders.partner")}</th>
                  <th scope="col">{t("dataCare.reminders.person")}</th>
                  <th scope="col">{t("dataCare.reminders.sentAt")}</th>
                </tr>
              </thead>
              <tbody>
                {reminders.map((reminder) => (
                  <tr key={reminder.id}>
                    <td>
                      <Link to={`/verzeichnis/partner/${reminder.partnerSlug}`}>
                        <InLang>{reminder.partnerName}</InLang>
                      </Link>
                    </td>
                    <td>{reminder.displayName ?? t("dataCare.reminders.formerMember")}</td>
                    <td>{formatDate(lang, reminder.sentAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
