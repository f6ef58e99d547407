import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { ErrorList, Field, StatusButton } from "#app/components/forms";
import { isNetworkCoordinator } from "#app/modules/auth/roles";
import { PartnerFieldset } from "#app/modules/directory/partner-fields";
import { EditorSchema, PartnerFormSchema, PartnerStatusSchema, RemoveEditorSchema } from "#app/modules/directory/partner-schema";
import { addEditor, partnerTranslationErrors, removeEditor, setPartnerStatus, updatePartner, verifyPartner } from "#app/modules/directory/partner-writes.server";
import { requireCoordinator, requireEditablePartner } from "#app/modules/directory/permissions.server";
import { OpenSuggestions } from "#app/modules/directory/suggestion-forms";
import { PARTNER_TRANSLATION_FIELDS, TranslationFieldset } from "#app/modules/directory/translation-fields";
import { contentLanguages } from "#app/modules/directory/translations.server";
import { closeSuggestionFromForm, getOpenSuggestions } from "#app/modules/directory/suggestions.server";
import { badRequest } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";
import type { z } from "zod";

export const meta: MetaFunction = (args) => pageTitle(args, "directory.partner.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, partner, editors, translations } = await requireEditablePartner(request, params.slug);
  const { name, shortName, kind, description, website, email, phone, status, slug } = partner;
  const isCoordinator = isNetworkCoordinator(user);
  const suggestions = await getOpenSuggestions({ kind: "partner", id: partner.id });
  // Who else edits (names, addresses) is the coordinators' business only.
  return json({
    slug,
    status,
    values: { name, shortName, kind, description, website, email, phone, translations },
    languages: contentLanguages(),
    editors: isCoordinator ? editors : [],
    isCoordinator,
    suggestions,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, partner } = await requireEditablePartner(request, params.slug);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/verzeichnis/partner/${partner.slug}/bearbeiten`;
  if (await closeSuggestionFromForm(formData, { kind: "partner", id: partner.id }, user.id)) return redirect(here, 303);
  if (intent === "add-editor" || intent === "remove-editor" || intent === "archive" || intent === "restore" || intent === "verify") {
    // Who edits a partner, whether it is listed and whether it is checked: coordinators decide.
    requireCoordinator(user);
  }
  if (intent === "add-editor") {
    const submission = parseWithZod(formData, { schema: EditorSchema });
    if (submission.status !== "success") return json({ editorResult: submission.reply(), result: null }, { status: 400 });
    if (!(await addEditor(partner.id, submission.value.editorEmail))) {
      return json({ editorResult: submission.reply({ fieldErrors: { editorEmail: ["directory.partner.noSuchAccount"] } }), result: null }, { status: 400 });
    }
    return redirect(here, 303);
  }
  if (intent === "remove-editor") {
    const parsed = RemoveEditorSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw badRequest();
    await removeEditor(partner.id, parsed.data.userId);
    return redirect(here, 303);
  }
  if (intent === "archive" || intent === "restore") {
    const parsed = PartnerStatusSchema.parse({ intent });
    await setPartnerStatus(partner.id, parsed.intent === "archive" ? "archived" : "active");
    return redirect(here, 303);
  }
  if (intent === "verify") {
    await verifyPartner(partner.id, user.id);
    return redirect(`/verzeichnis/partner/${partner.slug}`, 303);
  }
  const submission = parseWithZod(formData, { schema: PartnerFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), editorResult: null }, { status: 400 });
  const refused = partnerTranslationErrors(submission.value);
  if (refused) return json({ result: submission.reply({ fieldErrors: refused }), editorResult: null }, { status: 400 });
  await updatePartner(partner.id, submission.value);
  return redirect(`/verzeichnis/partner/${partner.slug}`, 303);
}

export default function EditPartnerPage() {
  const { t } = useTranslation();
  const { slug, status, values, languages, editors, isCoordinator, suggestions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof PartnerFormSchema>>({
    id: "partner",
    lastResult: actionData?.result,
    defaultValue: values,
  });
  const [editorForm, editorFields] = useForm<z.input<typeof EditorSchema>>({
    id: "editor",
    lastResult: actionData?.editorResult,
  });
  return (
    <div className="page page--narrow">
      <h1>{t("directory.partner.editTitle")}</h1>
      <p>{status === "active" ? <Link to={`/verzeichnis/partner/${slug}`}>{t("directory.partner.back")}</Link> : <strong>{t("directory.partner.archived")}</strong>}</p>
      <OpenSuggestions suggestions={suggestions} />
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <PartnerFieldset fields={fields} />
        <TranslationFieldset field={fields.translations} languages={languages} texts={PARTNER_TRANSLATION_FIELDS} intro={t("directoryLanguages.partnerIntro")} />
        <StatusButton>{t("directory.edit.save")}</StatusButton>
      </Form>
      {isCoordinator ? (
        <>
          <section aria-labelledby="editors-heading">
            <h2 id="editors-heading">{t("directory.partner.editors")}</h2>
            <p>{t("directory.partner.editorsIntro")}</p>
            <ul className="plain">
              {editors.map((editor) => (
                <li key={editor.userId} className="editor">
                  {editor.displayName} ({editor.email})
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="userId" value={editor.userId} />
                    <button type="submit" name="intent" value="remove-editor" className="link-button">
                      {t("directory.partner.removeEditor", { name: editor.displayName })}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
            <Form method="post" {...getFormProps(editorForm)}>
              <ErrorList id={editorForm.errorId} errors={editorForm.errors} announce />
              <Field label={t("directory.partner.editorEmail")} errors={editorFields.editorEmail.errors} inputProps={getInputProps(editorFields.editorEmail, { type: "email" })} />
              <StatusButton name="intent" value="add-editor" className="button button--secondary">
                {t("directory.partner.addEditor")}
              </StatusButton>
            </Form>
          </section>
          <section aria-labelledby="status-heading">
            <h2 id="status-heading">{t("directory.partner.statusTitle")}</h2>
            <Form method="post" className="inline-form">
              <StatusButton name="intent" value="verify" className="button button--secondary">
                {t("directory.edit.verify")}
              </StatusButton>
              <StatusButton name="intent" value={status === "active" ? "archive" : "restore"} className="button button--secondary">
                {status === "active" ? t("directory.partner.archive") : t("directory.partner.restore")}
              </StatusButton>
            </Form>
            <p>
              <Link to={`/verzeichnis/partner/${slug}/zusammenfuehren`}>{t("partnerMerge.link")}</Link>
            </p>
          </section>
        </>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
