import { Form, Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { StatusButton } from "#app/components/forms";
import { termLabel } from "#app/modules/directory/term-label";
import type { LanguageOption } from "#app/utils/i18n";
import { formatDate, useRootData } from "#app/utils/misc";
import type { TaxonomyKind } from "#db/schema/directory-enums";

export type TermRow = { id: string; kind: TaxonomyKind; slug: string; labels: Record<string, string>; services: number; retiredAt: string | null };

/** A row's small action: a form of its own, so it works without JavaScript. */
function RowButton({ intent, termId, label, name }: { intent: string; termId: string; label: string; name: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="termId" value={termId} />
      <StatusButton className="button button--secondary">
        {label}
        <span className="visually-hidden"> ({name})</span>
      </StatusButton>
    </Form>
  );
}

/** The terms of one kind in their order, with every language's label and how many services carry each. */
export function TermTable({ kind, terms, languages }: { kind: TaxonomyKind; terms: TermRow[]; languages: LanguageOption[] }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const headingId = `terms-${kind}`;
  const others = languages.filter((language) => language.code !== "de");
  return (
    <section aria-labelledby={headingId} className="admin-section">
      <h2 id={headingId}>{t(`taxonomy.kindsPlural.${kind}`)}</h2>
      {terms.length === 0 ? (
        <p>{t("taxonomy.list.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table">
            <caption className="visually-hidden">{t("taxonomy.list.caption", { kind: t(`taxonomy.kindsPlural.${kind}`) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("taxonomy.list.position")}</th>
                <th scope="col">{languages.find((language) => language.code === "de")?.name ?? "Deutsch"}</th>
                {others.map((language) => (
                  <th scope="col" key={language.code}>
                    {language.name}
                  </th>
                ))}
                <th scope="col">{t("taxonomy.list.slug")}</th>
                <th scope="col">{t("taxonomy.list.services")}</th>
                <th scope="col">{t("taxonomy.list.status")}</th>
                <th scope="col">{t("taxonomy.list.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {terms.map((term, index) => {
                const name = termLabel(term.labels, lang, term.slug);
                return (
                  <tr key={term.id} data-retired={term.retiredAt ? "true" : undefined}>
                    <td>{index + 1}</td>
                    <th scope="row" lang="de">
                      {term.labels.de ?? term.slug}
                    </th>
                    {others.map((language) => (
                      <td key={language.code} lang={term.labels[language.code] ? language.code : undefined}>
                        {term.labels[language.code] ?? <em>{t("taxonomy.list.missing")}</em>}
                      </td>
                    ))}
                    <td>
                      <code>{term.slug}</code>
                    </td>
                    <td>{term.services}</td>
                    <td>{term.retiredAt ? t("taxonomy.list.retired", { date: formatDate(lang, term.retiredAt, { dateStyle: "medium" }) }) : t("taxonomy.list.active")}</td>
                    <td>
                      <div className="admin-inline">
                        {index > 0 ? <RowButton intent="up" termId={term.id} label={t("taxonomy.list.up")} name={name} /> : null}
                        {index < terms.length - 1 ? <RowButton intent="down" termId={term.id} label={t("taxonomy.list.down")} name={name} /> : null}
                        <Link to={`/verzeichnis/themen/${term.id}`} className="button button--secondary">
                          {t("taxonomy.list.edit")}
                          <span className="visually-hidden"> ({name})</span>
                        </Link>
                        {term.retiredAt ? (
                          <RowButton intent="unretire" termId={term.id} label={t("taxonomy.list.unretire")} name={name} />
                        ) : (
                          <RowButton intent="retire" termId={term.id} label={t("taxonomy.list.retire")} name={name} />
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
