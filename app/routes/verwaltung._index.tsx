import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAdminArea } from "#app/modules/admin/admin-access.server";

// The administration starts with its people list.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminArea(request);
  return redirect("/verwaltung/personen");
}
