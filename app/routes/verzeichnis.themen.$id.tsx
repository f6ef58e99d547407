import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { ErrorList, StatusButton } from "#app/components/forms";
import { requireTaxonomyManager } from "#app/modules/taxonomy/taxonomy-access.server";
import { filledLabels, renameTermSchema } from "#app/modules/taxonomy/taxonomy-schemas";
import { getTerm, renameTerm } from "#app/modules/taxonomy/taxonomy.server";
import { TermLabelFields } from "#app/modules/taxonomy/term-label-fields";
import { requireFound } from "#app/utils/http";
import { getLanguages } from "#app/utils/i18n.server";
import { pageTitle } from "#app/utils/meta";
import { isUuid } from "#app/utils/uuid";
import { redirectWithToast } from "#app/utils/toast.server";
import type { z } from "zod";

const termFrom = async (id: string | undefined) => requireFound(isUuid(id) ? await getTerm(id) : null);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireTaxonomyManager(request);
  const term = await termFrom(params.id);
  return json({ term, languages: getLanguages() });
}

/** New labels for every language; the slug stays. */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireTaxonomyManager(request);
  const term = await termFrom(params.id);
  const codes = getLanguages().map((language) => language.code);
  const submission = parseWithZod(await request.formData(), { schema: renameTermSchema(codes) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  // Labels of a language the app no longer has (its file removed) stay, in case it comes back.
  const others = Object.fromEntries(Object.entries(term.labels).filter(([code]) => !codes.includes(code)));
  const renamed = await renameTerm(term.id, { ...others, ...filledLabels(submission.value.labels) });
  requireFound(renamed.ok);
  return redirectWithToast("/verzeichnis/themen", "taxonomy.toast.renamed");
}

export const meta: MetaFunction = (args) => pageTitle(args, "taxonomy.title");

export default function EditTermPage() {
  const { t } = useTranslation();
  const { term, languages } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<ReturnType<typeof renameTermSchema>>>({
    id: "rename-term-form",
    lastResult,
    defaultValue: { labels: term.labels },
  });
  const labelFields = fields.labels.getFieldset();
  const labelErrors = Object.fromEntries(languages.map((language) => [language.code, labelFields[language.code]?.errors]));
  return (
    <div className="page">
      <p>
        <Link to="/verzeichnis/themen">{t("taxonomy.edit.back")}</Link>
      </p>
      <h1>{t("taxonomy.edit.title", { label: term.labels.de ?? term.slug })}</h1>
      <p>
        {t(`taxonomy.kinds.${term.kind}`)}. {t("taxonomy.edit.intro", { slug: term.slug })}
      </p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <TermLabelFields languages={languages} fields={labelFields} errors={labelErrors} />
        <StatusButton>{t("taxonomy.edit.submit")}</StatusButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
