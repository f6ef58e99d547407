import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { ErrorPage } from "#app/components/error-boundary";
import { LocationPage } from "#app/modules/directory/location-page";
import { handleLocationSubmit } from "#app/modules/directory/location-route.server";
import { requireEditablePartner } from "#app/modules/directory/permissions.server";
import { pageTitle } from "#app/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "directory.location.newTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { partner } = await requireEditablePartner(request, params.slug);
  return json({ partner: { name: partner.name, slug: partner.slug }, values: null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { partner } = await requireEditablePartner(request, params.slug);
  return handleLocationSubmit(request, partner);
}

export default function NewLocationPage() {
  return <LocationPage titleKey="directory.location.newTitle" />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
