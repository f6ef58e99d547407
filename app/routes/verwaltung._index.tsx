import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorPage } from "#app/components/error-boundary";
import { requireAdminArea } from "#app/modules/admin/admin-access.server";
import { ADMIN_LOG_ROLES } from "#app/modules/admin/admin-rules";
import { pageTitle } from "#app/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "invitations.adminIndex.title");

// The administration's start: its parts, each with a line on what it is for.
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAdminArea(request);
  return json({ readsLog: (ADMIN_LOG_ROLES as readonly string[]).includes(viewer.role) });
}

export default function AdministrationPage() {
  const { t } = useTranslation();
  const { readsLog } = useLoaderData<typeof loader>();
  const parts = [
    { to: "/verwaltung/personen", title: t("invitations.adminIndex.people"), text: t("invitations.adminIndex.peopleText") },
    { to: "/verwaltung/einladungen", title: t("invitations.adminIndex.invitations"), text: t("invitations.adminIndex.invitationsText") },
    ...(readsLog ? [{ to: "/verwaltung/protokoll", title: t("invitations.adminIndex.log"), text: t("invitations.adminIndex.logText") }] : []),
    { to: "/verwaltung/barrierefreiheit", title: t("accessibility.admin.title"), text: t("accessibility.admin.indexText") },
  ];
  return (
    <div className="page">
      <h1>{t("invitations.adminIndex.title")}</h1>
      <p>{t("invitations.adminIndex.intro")}</p>
      <ul>
        {parts.map((part) => (
          <li key={part.to}>
            <Link to={part.to}>{part.title}</Link> – {part.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
