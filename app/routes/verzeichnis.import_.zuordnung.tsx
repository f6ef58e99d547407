import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import type { z } from "zod";
import { ErrorPage } from "#app/components/error-boundary";
import { ErrorList, StatusButton } from "#app/components/forms";
import { requireUser } from "#app/modules/auth/session.server";
import { DecisionSchema } from "#app/modules/directory/import/term-decision-schema";
import { termLabel } from "#app/modules/directory/term-label";
import { loadTermMappingPage, settleTerm } from "#app/modules/directory/import/term-mapping-page.server";
import { requireCoordinator } from "#app/modules/directory/permissions.server";
import { pageTitle } from "#app/utils/meta";
import { useRootData } from "#app/utils/misc";
import { redirectWithToast } from "#app/utils/toast.server";

// Foreign terms of imported files waiting for a coordinator's decision (docs/decisions/056-…): map to
// a local term of the same kind, adopt as a new one, or ignore. One small form per term; no JavaScript needed.

export const meta: MetaFunction = (args) => pageTitle(args, "vocabularyImport.page.title");

export async function loader({ request }: LoaderFunctionArgs) {
  requireCoordinator(await requireUser(request));
  return json(await loadTermMappingPage());
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requireCoordinator(user);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: DecisionSchema });
  const mappingId = String(formData.get("mappingId") ?? "");
  if (submission.status !== "success") return json({ mappingId, result: submission.reply() }, { status: 400 });
  const { decision, termId } = submission.value;
  const outcome = await settleTerm(user.id, submission.value.mappingId, decision === "map" ? { map: termId! } : decision === "adopt" ? { adopt: true } : { ignore: true });
  if (!outcome.ok) return json({ mappingId, result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) }, { status: 400 });
  return redirectWithToast("/verzeichnis/import/zuordnung", "vocabularyImport.page.saved");
}

type Term = ReturnType<typeof useLoaderData<typeof loader>>["terms"][number];
type Local = ReturnType<typeof useLoaderData<typeof loader>>["local"][number];

function TermForm({ term, local }: { term: Term; local: Local[] }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof DecisionSchema>>({
    id: `term-${term.id}`,
    lastResult: answer?.mappingId === term.id ? answer.result : undefined,
  });
  const headingId = `term-${term.id}-heading`;
  const decisionErrorId = `${fields.decision.id}-error`;
  const termErrorId = `${fields.termId.id}-error`;
  const options = [
    { value: "map", label: t("vocabularyImport.page.map") },
    { value: "adopt", label: t("vocabularyImport.page.adopt") },
    { value: "ignore", label: t("vocabularyImport.page.ignore") },
  ];
  return (
    <li className="card">
      <h2 id={headingId}>{term.name}</h2>
      <dl className="facts">
        <dt>{t("vocabularyImport.page.kind")}</dt>
        <dd>{t(`vocabularyImport.kind.${term.kind}`)}</dd>
        <dt>{t("vocabularyImport.page.source")}</dt>
        <dd>{term.source}</dd>
        <dt>{t("vocabularyImport.page.taxonomy")}</dt>
        <dd>
          {term.taxonomy}
          {term.code ? ` (${t("vocabularyImport.page.code", { code: term.code })})` : null}
        </dd>
        <dt>{t("vocabularyImport.page.services")}</dt>
        <dd>{term.services}</dd>
      </dl>
      <Form method="post" {...getFormProps(form)} aria-labelledby={headingId}>
        <input {...getInputProps(fields.mappingId, { type: "hidden" })} value={term.id} key={fields.mappingId.key} />
        <fieldset className="choices" aria-describedby={fields.decision.errors ? decisionErrorId : undefined} aria-invalid={fields.decision.errors ? true : undefined}>
          <legend>{t("vocabularyImport.page.decision")}</legend>
          <ul>
            {options.map((option) => {
              const id = `${fields.decision.id}-${option.value}`;
              return (
                <li key={option.value}>
                  <input type="radio" id={id} name={fields.decision.name} value={option.value} defaultChecked={fields.decision.initialValue === option.value} />
                  <label htmlFor={id}>{option.label}</label>
                </li>
              );
            })}
          </ul>
          <ErrorList id={decisionErrorId} errors={fields.decision.errors} />
        </fieldset>
        <div className="field">
          <label htmlFor={fields.termId.id}>{t("vocabularyImport.page.mapTo")}</label>
          <select {...getSelectProps(fields.termId)} key={fields.termId.key} aria-describedby={fields.termId.errors ? termErrorId : undefined}>
            <option value="">{t("vocabularyImport.page.choose")}</option>
            {local
              .filter((choice) => choice.kind === term.kind)
              .map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {termLabel(choice.labels, lang, choice.slug)}
                </option>
              ))}
          </select>
          <ErrorList id={termErrorId} errors={fields.termId.errors} />
        </div>
        <StatusButton>
          {t("vocabularyImport.page.save")}
          <span className="visually-hidden"> – {term.name}</span>
        </StatusButton>
      </Form>
    </li>
  );
}

export default function TermMappingPage() {
  const { t } = useTranslation();
  const { terms, local } = useLoaderData<typeof loader>();
  return (
    <div className="page page--narrow">
      <p className="entry__kind">
        <Link to="/verzeichnis/import">{t("vocabularyImport.page.back")}</Link>
      </p>
      <h1>{t("vocabularyImport.page.title")}</h1>
      <p>{t("vocabularyImport.page.intro")}</p>
      {terms.length === 0 ? (
        <p>{t("vocabularyImport.page.none")}</p>
      ) : (
        <ul className="cards" aria-label={t("vocabularyImport.page.caption")}>
          {terms.map((term) => (
            <TermForm key={term.id} term={term} local={local} />
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
