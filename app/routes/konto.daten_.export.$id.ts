import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/modules/auth/session.server";
import { getDataExportFile } from "#app/modules/privacy/data-export.server";
import { resourceRoute } from "#app/utils/database-busy.server";
import { notFound, requireFound } from "#app/utils/http";
import { isUuid } from "#app/utils/uuid";

/** The download of a data export: only its owner, signed in, within its 24 hours; everyone else (an admin too) gets 404. */
export const loader = resourceRoute(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  if (!isUuid(params.id)) throw notFound();
  const file = requireFound(await getDataExportFile(user.id, params.id.toLowerCase()));
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(file.content.byteLength),
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
