import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import type { z } from "zod";
import { ErrorList, StatusButton } from "#app/components/forms";
import { LocationFieldset } from "./location-fields";
import type { LocationFormSchema } from "./location-schema";

type LocationLoaderData = { partner: { name: string; slug: string }; values: Record<string, string | undefined> | null };

/** The page of both location routes (new and edit): the same form, prefilled when editing. */
export function LocationPage({ titleKey }: { titleKey: string }) {
  const { t } = useTranslation();
  const { partner, values } = useLoaderData() as LocationLoaderData;
  const actionData = useActionData() as { result: SubmissionResult<string[]> } | undefined;
  const [form, fields] = useForm<z.input<typeof LocationFormSchema>, z.output<typeof LocationFormSchema>>({
    lastResult: actionData?.result,
    defaultValue: values ?? undefined,
  });
  return (
    <div className="page page--narrow">
      <h1>{t(titleKey)}</h1>
      <p>
        <Link to={`/verzeichnis/partner/${partner.slug}`}>{partner.name}</Link>
      </p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} announce />
        <LocationFieldset fields={fields} />
        <StatusButton>{t("directory.edit.save")}</StatusButton>
      </Form>
    </div>
  );
}
