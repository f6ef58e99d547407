import type { MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { termLabel } from "#app/modules/directory/term-label";
import styles from "#app/styles/admin.css";
import { pageTitle } from "#app/utils/meta";
import { useRootData } from "#app/utils/misc";
import { taxonomyKinds } from "#db/schema/directory-enums";
import { AddTermForm } from "./add-term-form";
import type { action, loader, TaxonomyAnswer, TaxonomyForm } from "./data.server";
import { MergeForm } from "./merge-form";
import { TermTable } from "./term-table";

export { action, loader } from "./data.server";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, "taxonomy.title");

export default function TaxonomyPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { languages, terms } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as TaxonomyAnswer;
  const resultFor = (form: TaxonomyForm) => (answer?.form === form ? answer.result : undefined);
  const choices = terms.map((term) => ({ value: term.id, label: `${t(`taxonomy.kinds.${term.kind}`)}: ${termLabel(term.labels, lang, term.slug)}` }));
  return (
    <div className="page">
      <h1>{t("taxonomy.title")}</h1>
      <p>{t("taxonomy.intro")}</p>

      <section aria-labelledby="add-term-heading" className="admin-section">
        <h2 id="add-term-heading">{t("taxonomy.add.title")}</h2>
        <AddTermForm key={terms.length} languages={languages} lastResult={resultFor("add")} />
      </section>

      {taxonomyKinds.map((kind) => (
        <TermTable key={kind} kind={kind} terms={terms.filter((term) => term.kind === kind)} languages={languages} />
      ))}

      <section aria-labelledby="merge-heading" className="admin-section">
        <h2 id="merge-heading">{t("taxonomy.merge.title")}</h2>
        <p>{t("taxonomy.merge.intro")}</p>
        <MergeForm key={terms.length} choices={choices} lastResult={resultFor("merge")} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
