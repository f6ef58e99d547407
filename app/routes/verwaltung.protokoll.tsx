import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { pageFrom, Pagination } from "#app/components/pagination";
import { requireAdminLogReader } from "#app/modules/admin/admin-access.server";
import { getAdminLog } from "#app/modules/admin/admin-log.server";
import { AdminLogTable } from "#app/modules/admin/admin-log-table";
import styles from "#app/styles/admin.css";
import { pageTitle } from "#app/utils/meta";
import { useRootData } from "#app/utils/misc";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, "admin.log.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminLogReader(request);
  return json(await getAdminLog(pageFrom(new URL(request.url).searchParams.get("seite"))));
}

const BASE = "/verwaltung/protokoll";

export default function AdminLogPage() {
  const { t } = useTranslation();
  const { lang } = useRootData();
  const { entries, page, pages, total } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p>
        <Link to="/verwaltung/personen">{t("admin.people.title")}</Link>
      </p>
      <h1>{t("admin.log.title")}</h1>
      <p>{t("admin.log.intro", { count: total })}</p>
      {entries.length === 0 ? <p>{t("admin.log.empty")}</p> : <AdminLogTable entries={entries} lang={lang} />}
      <Pagination page={page} pages={pages} href={(to) => (to > 1 ? `${BASE}?seite=${to}` : BASE)} keys="admin.log" />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
