import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { ErrorPage } from "#app/components/error-boundary";
import { LocationPage } from "#app/modules/directory/location-page";
import { handleLocationSubmit } from "#app/modules/directory/location-route.server";
import { getLocationForEdit } from "#app/modules/directory/location-writes.server";
import { requireEditablePartner } from "#app/modules/directory/permissions.server";
import { requireFound } from "#app/utils/http";
import { pageTitle } from "#app/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "directory.location.editTitle");

async function loadLocation(request: Request, params: { slug?: string; id?: string }) {
  const { partner } = await requireEditablePartner(request, params.slug);
  // Another partner's location answers 404, like a missing one.
  const location = requireFound(await getLocationForEdit(partner.id, params.id ?? ""));
  return { partner, location };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { partner, location } = await loadLocation(request, params);
  return json({ partner: { name: partner.name, slug: partner.slug }, values: location.values });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { partner, location } = await loadLocation(request, params);
  return handleLocationSubmit(request, partner, location.id);
}

export default function EditLocationPage() {
  return <LocationPage titleKey="directory.location.editTitle" />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
