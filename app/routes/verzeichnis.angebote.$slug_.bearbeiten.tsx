import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { ErrorList, StatusButton } from "#app/components/forms";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import { requireUser } from "#app/modules/auth/session.server";
import { getServiceForEdit, saveService, verifyService } from "#app/modules/directory/directory-writes.server";
import { OpenSuggestions } from "#app/modules/directory/suggestion-forms";
import { closeSuggestionFromForm, getOpenSuggestions } from "#app/modules/directory/suggestions.server";
import { requireCanEditPartner, requireCoordinator } from "#app/modules/directory/permissions.server";
import { ServiceFieldset } from "#app/modules/directory/service-fields";
import { ServiceFormSchema } from "#app/modules/directory/service-schema";
import { SERVICE_TRANSLATION_FIELDS, TranslationFieldset } from "#app/modules/directory/translation-fields";
import { contentLanguages } from "#app/modules/directory/translations.server";
import { requireFound } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import type { z } from "zod";

export const meta: MetaFunction = (args) => pageTitle(args, "directory.edit.title");

async function loadEditable(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const editable = requireFound(await getServiceForEdit(slug ?? ""));
  await requireCanEditPartner(user, editable.service.partnerId);
  return { user, editable };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, editable } = await loadEditable(request, params.slug);
  const suggestions = await getOpenSuggestions({ kind: "service", id: editable.service.id });
  return json({
    slug: editable.service.slug,
    values: { ...editable.values, translations: editable.translations },
    languages: contentLanguages(),
    choices: editable.choices,
    canVerify: isNetworkCoordinator(user),
    suggestions,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, editable } = await loadEditable(request, params.slug);
  const formData = await request.formData();
  const pageUrl = `/verzeichnis/angebote/${editable.service.slug}`;
  if (await closeSuggestionFromForm(formData, { kind: "service", id: editable.service.id }, user.id)) return redirect(`${pageUrl}/bearbeiten`, 303);
  if (formData.get("intent") === "verify") {
    requireCoordinator(user);
    await verifyService(editable.service.id, user.id);
    return redirect(pageUrl, 303);
  }
  const submission = parseWithZod(formData, { schema: ServiceFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const saved = await saveService({ serviceId: editable.service.id, partnerId: editable.service.partnerId }, submission.value);
  if (!saved.ok) return json({ result: submission.reply({ fieldErrors: saved.errors }) }, { status: 400 });
  return redirect(pageUrl, 303);
}

export default function EditServicePage() {
  const { t } = useTranslation();
  const { slug, values, languages, choices, canVerify, suggestions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof ServiceFormSchema>>({
    lastResult: actionData?.result,
    defaultValue: values,
  });
  return (
    <div className="page page--narrow">
      <h1>{t("directory.edit.title")}</h1>
      <p>
        <Link to={`/verzeichnis/angebote/${slug}`}>{t("directory.edit.back")}</Link>
      </p>
      <OpenSuggestions suggestions={suggestions} />
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <ServiceFieldset fields={fields} choices={choices} />
        <TranslationFieldset field={fields.translations} languages={languages} texts={SERVICE_TRANSLATION_FIELDS} intro={t("directoryLanguages.serviceIntro")} />
        <StatusButton>{t("directory.edit.save")}</StatusButton>
      </Form>
      {canVerify ? (
        <Form method="post" className="verify-form">
          <StatusButton name="intent" value="verify" className="button button--secondary">
            {t("directory.edit.verify")}
          </StatusButton>
        </Form>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
