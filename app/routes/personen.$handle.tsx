import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { requireUser } from "#app/modules/auth/session.server";
import { getPersonByHandle } from "#app/modules/people/people.server";
import { ContactFields, OrganisationList, useLanguageNames } from "#app/modules/people/person-parts";
import { requireFound } from "#app/utils/http";
import { getLanguage } from "#app/utils/i18n.server";
import { titleWith } from "#app/utils/meta";

export const meta: MetaFunction<typeof loader> = (args) => titleWith(args, (t) => (args.data ? [args.data.person.displayName, t("people.index.title")] : null));

// A person as the network's members see them. Deleted, blocked and unconfirmed accounts are a 404, like any unknown handle.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const { id, ...person } = requireFound(await getPersonByHandle(params.handle ?? "", await getLanguage(request)));
  return json({ person, own: id === viewer.id });
}

export default function PersonPage() {
  const { t } = useTranslation();
  const languageNames = useLanguageNames();
  const { person, own } = useLoaderData<typeof loader>();
  return (
    <article className="page page--narrow">
      <p>
        <Link to="/personen">{t("people.person.back")}</Link>
      </p>
      <h1>{person.displayName}</h1>
      <p>{t("people.person.handle", { handle: person.handle })}</p>
      {own ? (
        <p className="notice">
          {t("people.person.ownHint")} <Link to="/konto/profil">{t("people.person.editLink")}</Link>
        </p>
      ) : null}
      <section aria-labelledby="organisations-heading">
        <h2 id="organisations-heading">{t("people.person.organisations")}</h2>
        {person.organisations.length ? <OrganisationList organisations={person.organisations} /> : <p>{t("people.person.none")}</p>}
      </section>
      <dl className="facts">
        <dt>{t("people.person.topics")}</dt>
        <dd>{person.topics.length ? person.topics.map((topic) => topic.label).join(", ") : t("people.person.none")}</dd>
        <dt>{t("people.person.languages")}</dt>
        <dd>{person.languages.length ? languageNames(person.languages) : t("people.person.none")}</dd>
      </dl>
      {person.about ? (
        <section aria-labelledby="about-heading">
          <h2 id="about-heading">{t("people.person.about")}</h2>
          <p className="lead">{person.about}</p>
        </section>
      ) : null}
      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t("people.person.contact")}</h2>
        <ContactFields phone={person.phone} email={person.email} handle={person.handle} />
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
