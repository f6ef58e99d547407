import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { useRootData } from "#app/utils/misc";

type Organisation = { slug: string; name: string; function: string };

/** Language codes named in the page's language ("ar" → "Arabisch"). */
export function useLanguageNames(): (codes: string[]) => string {
  const { lang } = useRootData();
  const names = new Intl.DisplayNames([lang], { type: "language" });
  return (codes) => codes.map((code) => names.of(code) ?? code).join(", ");
}

/** A person's organisations, each a link to the partner's page, with the function there. */
export function OrganisationList({ organisations }: { organisations: Organisation[] }) {
  if (organisations.length === 0) return null;
  return (
    <ul className="plain">
      {organisations.map((organisation) => (
        <li key={organisation.slug}>
          {organisation.function ? `${organisation.function}, ` : ""}
          <Link to={`/verzeichnis/partner/${organisation.slug}`}>{organisation.name}</Link>
        </li>
      ))}
    </ul>
  );
}

/** The contact fields a person shows members; a hint instead when there are none. */
export function ContactFields({ phone, email, handle }: { phone: string | null; email: string | null; handle: string }) {
  const { t } = useTranslation();
  if (!phone && !email) return <p>{t("people.person.noContact", { handle })}</p>;
  return (
    <ul className="plain">
      {phone ? (
        <li>
          {t("people.person.phone")}: <a href={`tel:${phone.replace(/[^\d+]/g, "")}`}>{phone}</a>
        </li>
      ) : null}
      {email ? (
        <li>
          {t("people.person.email")}: <a href={`mailto:${email}`}>{email}</a>
        </li>
      ) : null}
    </ul>
  );
}

type Card = { handle: string; displayName: string; organisations: Organisation[]; topics: { slug: string; label: string }[]; languages: string[] };

/** One person in the list of "Wer ist wer": name (link to the profile), organisations, topics, languages. */
export function PersonCard({ person }: { person: Card }) {
  const { t } = useTranslation();
  const languageNames = useLanguageNames();
  return (
    <li className="card">
      <h2>
        <Link to={`/personen/${person.handle}`}>{person.displayName}</Link>
      </h2>
      <OrganisationList organisations={person.organisations} />
      {person.topics.length + person.languages.length > 0 ? (
        <dl className="facts">
          {person.topics.length ? (
            <>
              <dt>{t("people.person.topics")}</dt>
              <dd>{person.topics.map((topic) => topic.label).join(", ")}</dd>
            </>
          ) : null}
          {person.languages.length ? (
            <>
              <dt>{t("people.person.languages")}</dt>
              <dd>{languageNames(person.languages)}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </li>
  );
}
