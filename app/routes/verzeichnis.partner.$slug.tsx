import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { getOptionalUser, requireUser } from "#app/modules/auth/session.server";
import { getPartnerBySlug } from "#app/modules/directory/directory.server";
import { canEditPartner } from "#app/modules/directory/permissions.server";
import { isStale } from "#app/modules/directory/landscape.server";
import { LocationCard } from "#app/modules/directory/location-card";
import { LocalizedText } from "#app/modules/directory/localized-text";
import { redirectMergedPartner } from "#app/modules/directory/merge/merge.server";
import { getPartnerPeople } from "#app/modules/people/people.server";
import { SuggestChange } from "#app/modules/directory/suggestion-forms";
import { answerSuggestionForm, findSuggestionTarget } from "#app/modules/directory/suggestions.server";
import { requireFound } from "#app/utils/http";
import { getLanguage } from "#app/utils/i18n.server";
import { formatDate, useRootData } from "#app/utils/misc";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.partner.name} · Kurze Wege` : "Kurze Wege" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [found, user] = await Promise.all([getPartnerBySlug(params.slug ?? "", await getLanguage(request)), getOptionalUser(request)]);
  const { id, ...partner } = requireFound(found ?? (await redirectMergedPartner(params.slug ?? "")));
  // The partner's people are for the network's members: a guest's page does not even carry them.
  const [canEdit, people] = await Promise.all([canEditPartner(user, id), user ? getPartnerPeople(id) : null]);
  return json({ partner, slug: params.slug, canEdit, people, stale: isStale(partner.lastVerifiedAt) });
}

// "Änderung vorschlagen" for the partner's own details, as on a service page.
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const target = requireFound(await findSuggestionTarget("partner", params.slug ?? ""));
  return answerSuggestionForm(await request.formData(), user, target);
}

export default function PartnerPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { partner, slug, canEdit, people, stale } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <article className="page entry">
      <p className="entry__kind">{t(`directory.kinds.${partner.kind}`)}</p>
      <h1>
        {partner.name}
        {partner.shortName ? <span className="entry__short"> ({partner.shortName})</span> : null}
      </h1>
      {canEdit ? (
        <p className="no-print">
          <Link to={`/verzeichnis/partner/${slug}/bearbeiten`}>{t("directory.partner.editLink")}</Link>
          {" · "}
          <Link to={`/verzeichnis/partner/${slug}/angebote/neu`}>{t("directory.edit.newLink")}</Link>
          {" · "}
          <Link to={`/verzeichnis/partner/${slug}/standorte/neu`}>{t("directory.location.newLink")}</Link>
          {" · "}
          <Link to={`/verzeichnis/partner/${slug}/pruefen`}>{t("dataCare.check.link")}</Link>
        </p>
      ) : null}
      {partner.description.lang !== lang ? <p className="entry__note">{t("directoryLanguages.germanOnly")}</p> : null}
      <LocalizedText as="p" className="lead" text={partner.description} />
      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t("directory.contact")}</h2>
        <ul className="plain">
          {partner.phone ? (
            <li>
              {t("directory.phone")}: <a href={`tel:${partner.phone.replace(/\s/g, "")}`}>{partner.phone}</a>
            </li>
          ) : null}
          {partner.email ? (
            <li>
              {t("directory.email")}: <a href={`mailto:${partner.email}`}>{partner.email}</a>
            </li>
          ) : null}
          {partner.website ? (
            <li>
              {t("directory.website")}:{" "}
              <a href={partner.website} rel="noopener noreferrer">
                {partner.website}
              </a>
            </li>
          ) : null}
        </ul>
      </section>
      <section aria-labelledby="services-heading">
        <h2 id="services-heading">{t("directory.services")}</h2>
        <ul className="cards">
          {partner.services.map((service) => (
            <li key={service.slug} className="card">
              <h3>
                <Link to={`/verzeichnis/angebote/${service.slug}`}>
                  <LocalizedText text={service.name} />
                </Link>
              </h3>
              <LocalizedText as="p" text={service.description} />
            </li>
          ))}
        </ul>
      </section>
      {people ? (
        <section aria-labelledby="people-heading">
          <h2 id="people-heading">{t("people.partner.heading")}</h2>
          <p>{t("people.partner.intro")}</p>
          {people.length ? (
            <ul className="plain">
              {people.map((person) => (
                <li key={person.handle}>
                  <Link to={`/personen/${person.handle}`}>{person.displayName}</Link>
                  {person.function ? ` – ${person.function}` : ""}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("people.partner.empty")}</p>
          )}
        </section>
      ) : null}
      <section aria-labelledby="locations-heading">
        <h2 id="locations-heading">{t("directory.locations")}</h2>
        <div className="locations">
          {partner.locations.map((location) => (
            <LocationCard key={location.id} location={location} editHref={canEdit ? `/verzeichnis/partner/${slug}/standorte/${location.id}` : undefined} />
          ))}
        </div>
      </section>
      {stale ? <p className="notice">{t("landscape.staleNote")}</p> : null}
      <SuggestChange answer={answer} pagePath={`/verzeichnis/partner/${slug}`} />
      {partner.lastVerifiedAt ? <p className="entry__verified">{t("directory.verifiedAt", { date: formatDate(lang, partner.lastVerifiedAt) })}</p> : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
