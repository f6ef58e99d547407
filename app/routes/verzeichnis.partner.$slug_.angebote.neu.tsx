import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { ErrorList, StatusButton } from "#app/components/forms";
import { getServiceChoices, saveService } from "#app/modules/directory/directory-writes.server";
import { requireEditablePartner } from "#app/modules/directory/permissions.server";
import { ServiceFieldset } from "#app/modules/directory/service-fields";
import { NEW_SERVICE_DEFAULTS } from "#app/modules/directory/service-form-defaults";
import { ServiceFormSchema } from "#app/modules/directory/service-schema";
import { SERVICE_TRANSLATION_FIELDS, TranslationFieldset } from "#app/modules/directory/translation-fields";
import { contentLanguages } from "#app/modules/directory/translations.server";
import { pageTitle } from "#app/utils/meta";
import type { z } from "zod";

export const meta: MetaFunction = (args) => pageTitle(args, "directory.edit.newTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { partner } = await requireEditablePartner(request, params.slug);
  return json({ partner: { name: partner.name, slug: partner.slug }, languages: contentLanguages(), choices: await getServiceChoices(partner.id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { partner } = await requireEditablePartner(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: ServiceFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const saved = await saveService({ partnerId: partner.id }, submission.value);
  if (!saved.ok) return json({ result: submission.reply({ fieldErrors: saved.errors }) }, { status: 400 });
  return redirect(`/verzeichnis/angebote/${saved.slug}`, 303);
}

export default function NewServicePage() {
  const { t } = useTranslation();
  const { partner, languages, choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof ServiceFormSchema>>({
    lastResult: actionData?.result,
    defaultValue: NEW_SERVICE_DEFAULTS,
  });
  return (
    <div className="page page--narrow">
      <h1>{t("directory.edit.newTitle")}</h1>
      <p>
        <Link to={`/verzeichnis/partner/${partner.slug}`}>{partner.name}</Link>
      </p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <ServiceFieldset fields={fields} choices={choices} />
        <TranslationFieldset field={fields.translations} languages={languages} texts={SERVICE_TRANSLATION_FIELDS} intro={t("directoryLanguages.serviceIntro")} />
        <StatusButton>{t("directory.edit.create")}</StatusButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
