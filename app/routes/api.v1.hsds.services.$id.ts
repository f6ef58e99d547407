import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiError } from "#app/modules/directory/api-errors.server";
import { getHsdsService } from "#app/modules/directory/hsds-export.server";
import { resourceRoute } from "#app/utils/database-busy.server";
import { requireReadAllowance } from "#app/utils/read-limits.server";

/** Open Referral HSDS 3.0: one active service, fully nested. */
export const loader = resourceRoute(async ({ request, context, params }: LoaderFunctionArgs) => {
  await requireReadAllowance(request, context, "api");
  // Something that is no uuid names no service; checked first, as PostgreSQL would reject it in the query.
  const id = z.uuid().safeParse(params.id);
  const service = id.success ? await getHsdsService(id.data) : null;
  if (!service) return apiError(404, "no active service with this id");
  return json(service);
});
