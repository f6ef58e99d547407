import type { MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { pageTitle } from "#app/utils/meta";
import type { action, loader } from "./data.server";
import { DeletionSection } from "./deletion-section";
import { ExportSection } from "./export-section";

export { action, loader } from "./data.server";

export const meta: MetaFunction = (args) => pageTitle(args, "privacy.page.title");

export default function MyDataPage() {
  const { t } = useTranslation();
  const { dataExport, exportHours, lastAdmin } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="page page--narrow">
      <h1>{t("privacy.page.title")}</h1>
      <p>{t("privacy.page.intro")}</p>
      <p>
        <Link to="/datenschutz">{t("privacy.page.noticeLink")}</Link>
      </p>
      <ExportSection dataExport={dataExport} hours={exportHours} error={answer?.intent === "export" ? answer.error : undefined} />
      <DeletionSection lastAdmin={lastAdmin} lastResult={answer?.intent === "delete" ? answer.result : undefined} />
      <p>
        <Link to="/konto">{t("nav.account")}</Link>
      </p>
    </div>
  );
}
