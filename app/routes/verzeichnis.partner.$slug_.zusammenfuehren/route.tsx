import { getFormProps, useForm } from "@conform-to/react";
import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { SelectField } from "#app/components/conform-fields";
import { ErrorList, StatusButton } from "#app/components/forms";
import { pageTitle } from "#app/utils/meta";
import type { action, loader } from "./data.server";
import type { MergePartnerSchema } from "#app/modules/directory/merge/merge-schema";
import type { z } from "zod";

export { action, loader } from "./data.server";

export const meta: MetaFunction = (args) => pageTitle(args, "partnerMerge.title");

export default function MergePartnerPage() {
  const { t } = useTranslation();
  const { partner, targets, moves, into } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof MergePartnerSchema>>({
    id: "merge-partner",
    lastResult: answer?.result,
    defaultValue: { into: into?.slug ?? "" },
  });
  return (
    <div className="page page--narrow">
      <h1>{t("partnerMerge.heading", { name: partner.name })}</h1>
      <p>
        <Link to={`/verzeichnis/partner/${partner.slug}/bearbeiten`}>{t("partnerMerge.back", { name: partner.name })}</Link>
      </p>
      <p>{t("partnerMerge.intro")}</p>
      <section aria-labelledby="merge-preview-heading">
        <h2 id="merge-preview-heading">{t("partnerMerge.preview.heading")}</h2>
        <ul>
          <li>{t("partnerMerge.preview.services", { count: moves.services })}</li>
          <li>{t("partnerMerge.preview.locations", { count: moves.locations })}</li>
          <li>{t("partnerMerge.preview.editors", { count: moves.editors })}</li>
          <li>{t("partnerMerge.preview.people", { count: moves.people })}</li>
        </ul>
        <p>{t("partnerMerge.preview.rest")}</p>
      </section>
      <section aria-labelledby="merge-into-heading">
        <h2 id="merge-into-heading">{t("partnerMerge.into.heading")}</h2>
        {into ? <p>{t("partnerMerge.into.chosen", { from: partner.name, into: into.name })}</p> : null}
        <Form method="post" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} announce />
          <SelectField
            field={fields.into}
            errors={fields.into.errors}
            label={t("partnerMerge.into.label")}
            hint={t("partnerMerge.into.hint")}
            placeholder={t("partnerMerge.into.placeholder")}
            options={targets.map((target) => ({ value: target.slug, label: target.name }))}
          />
          <StatusButton>{t("partnerMerge.submit", { name: partner.name })}</StatusButton>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
