import { Form, Link, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList, StatusButton } from "#app/components/forms";
import type { DataExportStatus } from "#db/schema/user-enums";
import { formatDate, useRootData } from "#app/utils/misc";

type DataExportState = { id: string; status: DataExportStatus; createdAt: string; expiresAt: string } | null;

// With JavaScript a pending export is looked at again every few seconds; without, the page offers a reload link.
const POLL_MS = 3000;

/** The data export: ask for one, see it being made, download it while it lasts. */
export function ExportSection({ dataExport, hours, error }: { dataExport: DataExportState; hours: number; error: string | undefined }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const revalidator = useRevalidator();
  const pending = dataExport?.status === "pending";
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [pending, revalidator]);
  const when = (value: string) => formatDate(lang, value, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">{t("privacy.export.heading")}</h2>
      <p>{t("privacy.export.intro", { hours })}</p>
      <ErrorList errors={error ? [error] : undefined} announce />
      <div aria-live="polite">
        {pending ? (
          <p className="notice" data-testid="export-state">
            {t("privacy.export.pending", { date: when(dataExport.createdAt) })} <Link to="/konto/daten">{t("privacy.export.reload")}</Link>
          </p>
        ) : null}
        {dataExport?.status === "ready" ? (
          <>
            <p className="notice" data-testid="export-state">
              {t("privacy.export.ready", { date: when(dataExport.expiresAt) })}
            </p>
            <p>
              <a className="button" href={`/konto/daten/export/${dataExport.id}`} download>
                {t("privacy.export.download")}
              </a>
            </p>
          </>
        ) : null}
        {dataExport?.status === "failed" ? (
          <p className="notice" data-testid="export-state">
            {t("privacy.export.failed")}
          </p>
        ) : null}
      </div>
      {pending ? null : (
        <Form method="post">
          <input type="hidden" name="intent" value="export" />
          <StatusButton className={dataExport?.status === "ready" ? "button button--secondary" : "button"}>{dataExport ? t("privacy.export.requestAgain") : t("privacy.export.request")}</StatusButton>
        </Form>
      )}
    </section>
  );
}
