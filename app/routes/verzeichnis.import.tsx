import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  json,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { ErrorList, StatusButton } from "#app/components/forms";
import { requireUser } from "#app/modules/auth/session.server";
import { importUpload } from "#app/modules/directory/import/import-upload.server";
import type { DuplicateMergeLink } from "#app/modules/directory/merge/merge.server";
import { requireCoordinator } from "#app/modules/directory/permissions.server";
import { getLanguage } from "#app/utils/i18n.server";
import { pageTitle } from "#app/utils/meta";
import { IMPORT_FILE_MAX_BYTES } from "#app/utils/upload-limits";

export const meta: MetaFunction = (args) => pageTitle(args, "directory.import.title");

const MAX_UPLOAD_BYTES = IMPORT_FILE_MAX_BYTES;

export async function loader({ request }: LoaderFunctionArgs) {
  requireCoordinator(await requireUser(request));
  return null;
}

type ActionData = { fileError: string | null; report: { ok: boolean; lines: string[]; duplicates?: DuplicateMergeLink[] } | null; values: { skipInvalid: boolean; dryRun: boolean } };

export async function action({ request }: ActionFunctionArgs) {
  requireCoordinator(await requireUser(request));
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES })));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return json<ActionData>({ fileError: "directory.import.tooLarge", report: null, values: { skipInvalid: false, dryRun: false } }, { status: 400 });
    throw error;
  }
  const values = { skipInvalid: formData.get("skipInvalid") === "1", dryRun: formData.get("dryRun") === "1" };
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return json<ActionData>({ fileError: "directory.import.chooseFile", report: null, values }, { status: 400 });
  if (!/\.(json|csv)$/i.test(file.name)) return json<ActionData>({ fileError: "directory.import.wrongType", report: null, values }, { status: 400 });
  // The import reads files, as on the command line: the upload goes to a private folder first.
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), "kw-upload-"));
  const target = path.join(folder, path.basename(file.name).replace(/[^\w.-]/g, "_"));
  try {
    await fs.writeFile(target, Buffer.from(await file.arrayBuffer()), { mode: 0o600 });
    const report = await importUpload(target, values, await getLanguage(request));
    return json<ActionData>({ fileError: null, report, values }, { status: report.ok ? 200 : 400 });
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

export default function ImportPage() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  return (
    <div className="page page--narrow">
      <h1>{t("directory.import.title")}</h1>
      <p>{t("directory.import.intro")}</p>
      <ul>
        <li>
          <a href="/api/v1/hsds/services">{t("directory.import.exportLink")}</a>
        </li>
        <li>
          <a href="/verzeichnis/import/vorlage.csv" download>
            {t("vocabularyImport.template")}
          </a>
        </li>
        <li>
          <a href="/verzeichnis/import/zuordnung">{t("vocabularyImport.page.link")}</a>
        </li>
      </ul>
      <Form method="post" encType="multipart/form-data">
        <div className="field">
          <label htmlFor="import-file">{t("directory.import.file")}</label>
          <p id="import-file-hint" className="field__hint">
            {t("directory.import.fileHint")}
          </p>
          <input
            id="import-file"
            type="file"
            name="file"
            accept=".json,.csv,application/json,text/csv"
            aria-invalid={data?.fileError ? true : undefined}
            aria-describedby={data?.fileError ? "import-file-hint import-file-error" : "import-file-hint"}
          />
          <ErrorList id="import-file-error" errors={data?.fileError ? [data.fileError] : undefined} />
        </div>
        <div className="choices">
          <ul>
            <li>
              <input type="checkbox" id="import-dry-run" name="dryRun" value="1" defaultChecked={data?.values.dryRun ?? true} />
              <label htmlFor="import-dry-run">{t("directory.import.dryRun")}</label>
            </li>
            <li>
              <input type="checkbox" id="import-skip" name="skipInvalid" value="1" defaultChecked={data?.values.skipInvalid ?? false} />
              <label htmlFor="import-skip">{t("directory.import.skipInvalid")}</label>
            </li>
          </ul>
        </div>
        <StatusButton>{t("directory.import.submit")}</StatusButton>
      </Form>
      {data?.report ? (
        <section aria-labelledby="report-heading" className={data.report.ok ? "report" : "report report--failed"}>
          <h2 id="report-heading">{t("directory.import.report")}</h2>
          <p role="status" className="report__outcome">
            {data.report.ok ? t("directory.import.ok") : t("directory.import.failed")}
          </p>
          {/* A long report scrolls, so it must be reachable by keyboard (axe scrollable-region-focusable). */}
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
          <pre className="report__lines" tabIndex={0}>
            {data.report.lines.join("\n")}
          </pre>
          {data.report.duplicates?.length ? (
            <>
              <h3>{t("partnerMerge.importLinks")}</h3>
              <ul>
                {data.report.duplicates.map((link) => (
                  <li key={`${link.from.slug} ${link.into.slug}`}>
                    <Link to={`/verzeichnis/partner/${link.from.slug}/zusammenfuehren?in=${encodeURIComponent(link.into.slug)}`}>
                      {t("partnerMerge.importLink", { name: link.from.name, partner: link.into.name })}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
