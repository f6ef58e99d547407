import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { AdminLogTable, type AdminLogRow } from "#app/modules/admin/admin-log-table";
import { useRootData } from "#app/utils/misc";

/** The newest admin-log entries about this person, with a link to the whole log. */
export function PersonHistory({ entries }: { entries: AdminLogRow[] }) {
  const { t } = useTranslation();
  const { lang } = useRootData();
  return (
    <>
      {entries.length === 0 ? <p>{t("admin.person.history.none")}</p> : <AdminLogTable entries={entries} lang={lang} />}
      <p>
        <Link to="/verwaltung/protokoll">{t("admin.person.history.all")}</Link>
      </p>
    </>
  );
}
