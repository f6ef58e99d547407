import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import { getOptionalUser, requireUser } from "#app/modules/auth/session.server";
import { SuggestChange } from "#app/modules/directory/suggestion-forms";
import { answerSuggestionForm, findSuggestionTarget } from "#app/modules/directory/suggestions.server";
import { getServiceBySlug } from "#app/modules/directory/directory.server";
import { isStale } from "#app/modules/directory/landscape.server";
import { canEditPartner } from "#app/modules/directory/permissions.server";
import { LocationCard } from "#app/modules/directory/location-card";
import { inGerman, LocalizedList, LocalizedText, type ShownText } from "#app/modules/directory/localized-text";
import { getServiceContactPerson } from "#app/modules/people/people.server";
import { ContactFields } from "#app/modules/people/person-parts";
import { requireFound } from "#app/utils/http";
import { getLanguage } from "#app/utils/i18n.server";
import { formatDate, useRootData } from "#app/utils/misc";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.service.name.text} · Kurze Wege` : "Kurze Wege" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const found = await getServiceBySlug(params.slug ?? "", await getLanguage(request), { withDrafts: isNetworkCoordinator(user) });
  const { partnerId, ...service } = requireFound(found);
  // The linked contact person is for the network's members; guests see only the contact name.
  const [canEdit, contactPerson] = await Promise.all([canEditPartner(user, partnerId), user ? getServiceContactPerson(params.slug ?? "") : null]);
  return json({ service, slug: params.slug, canEdit, contactPerson, stale: isStale(service.lastVerifiedAt) });
}

// "Änderung vorschlagen": signed-in members tell the partner's editors what is wrong.
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const target = requireFound(await findSuggestionTarget("service", params.slug ?? ""));
  return answerSuggestionForm(await request.formData(), user, target);
}

function Chain({ title, services }: { title: string; services: { slug: string; name: ShownText; partnerName: string }[] }) {
  if (services.length === 0) return null;
  return (
    <div className="chain">
      <h3>{title}</h3>
      <ul>
        {services.map((service) => (
          <li key={service.slug}>
            <Link to={`/verzeichnis/angebote/${service.slug}`}>
              <LocalizedText text={service.name} />
            </Link>{" "}
            – {service.partnerName}
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function ServicePage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { service, slug, canEdit, contactPerson, stale } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const languageName = new Intl.DisplayNames([lang], { type: "language" });
  return (
    <article className="page entry">
      <p className="entry__kind">
        <Link to={`/verzeichnis/partner/${service.partner.slug}`}>{service.partner.name}</Link>
      </p>
      <LocalizedText as="h1" text={service.name} />
      {service.draft ? (
        <p className="notice">
          {t("vocabularyImport.draftNotice")} <Link to="/verzeichnis/import/zuordnung">{t("vocabularyImport.draftLink")}</Link>
        </p>
      ) : null}
      {canEdit ? (
        <p className="no-print">
          <Link to={`/verzeichnis/angebote/${slug}/bearbeiten`}>{t("directory.edit.link")}</Link>
        </p>
      ) : null}
      {service.description.lang !== lang ? <p className="entry__note">{t("directoryLanguages.germanOnly")}</p> : null}
      <LocalizedText as="p" className="lead" text={service.description} />
      <dl className="facts">
        <dt>{t("directory.facets.kategorie")}</dt>
        <dd>
          <LocalizedList texts={service.categories} />
        </dd>
        <dt>{t("directory.facets.zielgruppe")}</dt>
        <dd>
          <LocalizedList texts={service.targetGroups} />
        </dd>
        <dt>{t("directory.facets.sprache")}</dt>
        <dd>{service.languages.map((code) => languageName.of(code) ?? code).join(", ")}</dd>
        <dt>{t("directory.facets.kostenlos")}</dt>
        <dd>
          {t(`dataCare.cost.${service.cost}`)}
          {service.costNote ? (
            <>
              {" – "}
              <LocalizedText text={inGerman(service.costNote)} />
            </>
          ) : null}
        </dd>
        <dt>{t("directory.facets.zugang")}</dt>
        <dd>{service.accessModes.map((mode) => t(`directory.access.${mode}`)).join(", ")}</dd>
        {service.eligibility ? (
          <>
            <dt>{t("directory.eligibility")}</dt>
            <LocalizedText as="dd" text={service.eligibility} />
          </>
        ) : null}
        {service.howToAccess ? (
          <>
            <dt>{t("directoryLanguages.howToAccess")}</dt>
            <LocalizedText as="dd" text={service.howToAccess} className="entry__steps" />
          </>
        ) : null}
        <dt>{t("directory.contact")}</dt>
        <dd>
          {service.contactName ? `${service.contactName}, ` : ""}
          {service.partner.phone ? <a href={`tel:${service.partner.phone.replace(/\s/g, "")}`}>{service.partner.phone}</a> : null}
          {service.partner.email ? (
            <>
              {" · "}
              <a href={`mailto:${service.partner.email}`}>{service.partner.email}</a>
            </>
          ) : null}
        </dd>
        {contactPerson ? (
          <>
            <dt>{t("people.service.linkedContact")}</dt>
            <dd>
              <Link to={`/personen/${contactPerson.handle}`}>{contactPerson.displayName}</Link>
              {contactPerson.function ? ` – ${contactPerson.function}` : ""}
              {contactPerson.phone || contactPerson.email ? <ContactFields phone={contactPerson.phone} email={contactPerson.email} handle={contactPerson.handle} /> : null}
            </dd>
          </>
        ) : null}
      </dl>
      {service.previousSteps.length + service.nextSteps.length > 0 ? (
        <section aria-labelledby="chain-heading" className="chains">
          <h2 id="chain-heading">{t("directory.chain")}</h2>
          <Chain title={t("directory.before")} services={service.previousSteps} />
          <Chain title={t("directory.after")} services={service.nextSteps} />
        </section>
      ) : null}
      <section aria-labelledby="where-heading">
        <h2 id="where-heading">{t("directory.where")}</h2>
        <div className="locations">
          {service.locations.map((location) => (
            <LocationCard key={location.id} location={location} />
          ))}
        </div>
      </section>
      {stale ? <p className="notice">{t("landscape.staleNote")}</p> : null}
      <SuggestChange answer={answer} pagePath={`/verzeichnis/angebote/${slug}`} />
      {service.lastVerifiedAt ? <p className="entry__verified">{t("directory.verifiedAt", { date: formatDate(lang, service.lastVerifiedAt) })}</p> : null}
      <p className="no-print entry__print">{t("directory.printHint")}</p>
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
